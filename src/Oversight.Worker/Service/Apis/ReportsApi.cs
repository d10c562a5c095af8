using System.Security.Claims;
using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Oversight.Policies;
using Oversight.Requests;
using Oversight.Storage;
using Oversight.Worker.Service.Auth;
using Oversight.Worker.Service.Jobs;

namespace Oversight.Worker.Service.Apis;

/// <summary><c>/v1/reports</c>: transparency reports made in the background, then downloaded as PDF and XLSX.</summary>
internal static class ReportsApi
{
    public static RouteGroupBuilder MapReportsApi(this RouteGroupBuilder v1)
    {
        var reports = v1.MapGroup("/reports").WithTags("Reports").RequireAuthorization(p => p.RequireRole(Roles.Auditor, Roles.Council, Roles.Admin));
        reports.MapPost("/", CreateAsync).WithSummary("Make the transparency report for a period (in the background)");
        reports.MapGet("/{id}.pdf", PdfAsync).WithSummary("The report as PDF, once done");
        reports.MapGet("/{id}.xlsx", XlsxAsync).WithSummary("The report as an Excel workbook, once done");
        reports.MapGet("/{id}.html", HtmlAsync).WithSummary("The report as one accessible web page, once done");
        reports.MapPut("/notes/{period}", ReportNotesApi.PutAsync).WithSummary("Store the staff notes (YAML) for a period; the latest is used by its reports");
        reports.MapGet("/notes/{period}", ReportNotesApi.GetAsync).WithSummary("The latest staff notes (YAML) for a period");
        reports.MapGet("/{id}", GetAsync).WithSummary("A report's status");
        return v1;
    }

    /// <summary>The body: the period, optionally the policy's id (default: the active one) and internal (auditors and admins only).</summary>
    internal sealed record ReportRequestBody(string? Period, string? Policy, bool Internal);

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> CreateAsync(
        HttpRequest http, ClaimsPrincipal user, GateService gate, PolicyStore policies, IOptions<ServiceOptions> options, IBackgroundJobClient jobs, TimeProvider time, CancellationToken cancellationToken)
    {
        var (body, bodyProblem) = await Bodies.ReadAsync(http, options.Value.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return bodyProblem!;
        }

        ReportRequestBody? input;
        try
        {
            input = JsonSerializer.Deserialize<ReportRequestBody>(body, Bodies.JsonOptions);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return Problems.Invalid([new InputProblem(string.Empty, "malformed JSON: " + e.Message)]);
        }

        var problems = new List<InputProblem>();
        var policy = input?.Policy is { } id ? policies.Find(id) : policies.Active;
        if (policy is null)
        {
            problems.Add(new InputProblem("$.policy", $"no policy '{input?.Policy}' is loaded; loaded: {string.Join(", ", policies.All.Keys)}"));
        }

        ReportingPeriod? period = null;
        if (string.IsNullOrWhiteSpace(input?.Period))
        {
            problems.Add(new InputProblem("$.period", "required: a period such as 2026Q3, 2026-08 or 2026"));
        }
        else if (!ReportingPeriod.TryParse(input.Period, policy?.TimeZone ?? TimeZoneInfo.Utc, out period, out var error))
        {
            problems.Add(new InputProblem("$.period", error));
        }

        if (problems.Count > 0)
        {
            return Problems.Invalid(problems);
        }

        if (input!.Internal && !(user.IsInRole(Roles.Auditor) || user.IsInRole(Roles.Admin)))
        {
            return Problems.Status(StatusCodes.Status403Forbidden, "Internal reports are for auditors", "A council key can ask for the public report (internal: false).");
        }

        await using var db = gate.Database.CreateContext();
        var record = ReportJob.NewRecord(period!.Name, policy!.Id, input.Internal, time);
        db.Reports.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        jobs.Enqueue<ReportJob>(j => j.RunAsync(record.Id, CancellationToken.None));
        http.HttpContext.Response.Headers.Location = $"/v1/reports/{record.Id}";
        return TypedResults.Content(Describe(record), "application/json", statusCode: StatusCodes.Status202Accepted);
    }

    private static async Task<Results<ContentHttpResult, NotFound<ProblemDetails>>> GetAsync(string id, ClaimsPrincipal user, GateService gate, CancellationToken cancellationToken)
    {
        await using var db = gate.Database.CreateContext();
        var record = await Find(db, id, user).Select(r => new ReportRecord
        {
            Id = r.Id, Status = r.Status, Period = r.Period, PolicyId = r.PolicyId, Internal = r.Internal, CreatedAtTicks = r.CreatedAtTicks,
            FinishedAtTicks = r.FinishedAtTicks, InputSha256 = r.InputSha256, Requests = r.Requests, Error = r.Error,
        }).FirstOrDefaultAsync(cancellationToken);
        return record is null ? Missing(id) : TypedResults.Content(Describe(record), "application/json");
    }

    private static async Task<Results<FileContentHttpResult, NotFound<ProblemDetails>>> PdfAsync(string id, ClaimsPrincipal user, GateService gate, CancellationToken cancellationToken)
    {
        await using var db = gate.Database.CreateContext();
        var bytes = await Find(db, id, user).Where(r => r.Status == "done").Select(r => r.Pdf).FirstOrDefaultAsync(cancellationToken);
        return bytes is null ? Missing(id) : TypedResults.File(bytes, "application/pdf", $"report-{id}.pdf");
    }

    private static async Task<Results<FileContentHttpResult, NotFound<ProblemDetails>>> XlsxAsync(string id, ClaimsPrincipal user, GateService gate, CancellationToken cancellationToken)
    {
        await using var db = gate.Database.CreateContext();
        var bytes = await Find(db, id, user).Where(r => r.Status == "done").Select(r => r.Xlsx).FirstOrDefaultAsync(cancellationToken);
        return bytes is null ? Missing(id) : TypedResults.File(bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"report-{id}.xlsx");
    }

    private static async Task<Results<ContentHttpResult, NotFound<ProblemDetails>>> HtmlAsync(string id, ClaimsPrincipal user, GateService gate, CancellationToken cancellationToken)
    {
        await using var db = gate.Database.CreateContext();
        var bytes = await Find(db, id, user).Where(r => r.Status == "done").Select(r => r.Html).FirstOrDefaultAsync(cancellationToken);
        return bytes is null ? Missing(id) : TypedResults.Content(System.Text.Encoding.UTF8.GetString(bytes), "text/html; charset=utf-8");
    }

    /// <summary>The report by id; internal reports are invisible to council keys.</summary>
    private static IQueryable<ReportRecord> Find(OversightDbContext db, string id, ClaimsPrincipal user)
    {
        var seesInternal = user.IsInRole(Roles.Auditor) || user.IsInRole(Roles.Admin);
        return db.Reports.AsNoTracking().Where(r => r.Id == id && (seesInternal || !r.Internal));
    }

    private static NotFound<ProblemDetails> Missing(string id) =>
        TypedResults.NotFound(new ProblemDetails { Title = $"No finished report {id}", Detail = "Unknown id, or the report is not done yet (see GET /v1/reports/{id}).", Status = StatusCodes.Status404NotFound });

    private static string Describe(ReportRecord r)
    {
        return JsonText.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("id", r.Id);
            writer.WriteString("status", r.Status);
            writer.WriteString("period", r.Period);
            writer.WriteString("policy", r.PolicyId);
            writer.WriteBoolean("internal", r.Internal);
            writer.WriteNumber("requests", r.Requests);
            writer.WriteString("createdAt", new DateTimeOffset(r.CreatedAtTicks, TimeSpan.Zero));
            if (r.FinishedAtTicks is { } finished)
            {
                writer.WriteString("finishedAt", new DateTimeOffset(finished, TimeSpan.Zero));
            }

            if (r.InputSha256 is { } sha)
            {
                writer.WriteString("inputSha256", sha);
            }

            if (r.Error is { } error)
            {
                writer.WriteString("error", error);
            }

            if (r.Status == "done")
            {
                writer.WriteString("pdf", $"/v1/reports/{r.Id}.pdf");
                writer.WriteString("xlsx", $"/v1/reports/{r.Id}.xlsx");
                writer.WriteString("html", $"/v1/reports/{r.Id}.html");
            }

            writer.WriteEndObject();
        });
    }
}
