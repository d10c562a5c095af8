using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Oversight.Requests;
using Oversight.Storage;
using Oversight.Worker.Service.Auth;

namespace Oversight.Worker.Service.Apis;

/// <summary>
/// <c>/v1/reports</c>: transparency reports made in the background, then downloaded as PDF, XLSX and
/// HTML; the published ones (the latest public report of each period) for anyone. The work is
/// <see cref="ReportService"/>'s.
/// </summary>
internal static class ReportsApi
{
    /// <summary>Most reports one list returns.</summary>
    public const int MaxLimit = 200;

    public static RouteGroupBuilder MapReportsApi(this RouteGroupBuilder v1)
    {
        var published = v1.MapGroup("/reports/published").WithTags("Reports").AllowAnonymous();
        published.MapGet("/", PublishedAsync).WithSummary("The published reports: the latest finished public report of each period (anonymous)");
        published.MapGet("/{id}.pdf", (string id, ReportService reports, CancellationToken c) => PublishedFileAsync(id, ReportFormat.Pdf, reports, c)).WithSummary("A published report as PDF (anonymous)");
        published.MapGet("/{id}.xlsx", (string id, ReportService reports, CancellationToken c) => PublishedFileAsync(id, ReportFormat.Xlsx, reports, c)).WithSummary("A published report as an Excel workbook (anonymous)");
        published.MapGet("/{id}.html", (string id, ReportService reports, CancellationToken c) => PublishedFileAsync(id, ReportFormat.Html, reports, c)).WithSummary("A published report as one web page (anonymous)");

        var reports = v1.MapGroup("/reports").WithTags("Reports").RequireAuthorization(p => p.RequireRole(Roles.Auditor, Roles.Council, Roles.Admin));
        reports.MapPost("/", CreateAsync).WithSummary("Make the transparency report for a period (in the background)");
        reports.MapGet("/", ListAsync).WithSummary("The reports made so far, newest first (internal ones for auditors and admins only)");
        reports.MapGet("/{id}.pdf", (string id, ClaimsPrincipal user, ReportService reports, CancellationToken c) => FileAsync(id, user, ReportFormat.Pdf, reports, c)).WithSummary("The report as PDF, once done");
        reports.MapGet("/{id}.xlsx", (string id, ClaimsPrincipal user, ReportService reports, CancellationToken c) => FileAsync(id, user, ReportFormat.Xlsx, reports, c)).WithSummary("The report as an Excel workbook, once done");
        reports.MapGet("/{id}.html", (string id, ClaimsPrincipal user, ReportService reports, CancellationToken c) => FileAsync(id, user, ReportFormat.Html, reports, c)).WithSummary("The report as one accessible web page, once done");
        reports.MapPut("/notes/{period}", ReportNotesApi.PutAsync).WithSummary("Store the staff notes (YAML) for a period; the latest is used by its reports");
        reports.MapGet("/notes/{period}", ReportNotesApi.GetAsync).WithSummary("The latest staff notes (YAML) for a period");
        reports.MapGet("/{id}", GetAsync).WithSummary("A report's status");
        return v1;
    }

    /// <summary>The body: the period, optionally the policy's id (default: the active one) and internal (auditors and admins only).</summary>
    internal sealed record ReportRequestBody(string? Period, string? Policy, bool Internal);

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> CreateAsync(
        HttpRequest http, ClaimsPrincipal user, ReportService reports, IOptions<ServiceOptions> options, CancellationToken cancellationToken)
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

        var answer = await reports.CreateAsync(user, input?.Period, input?.Policy, input?.Internal ?? false, cancellationToken);
        if (!answer.Succeeded)
        {
            return Problems.From(answer.Problem, http.HttpContext);
        }

        http.HttpContext.Response.Headers.Location = $"/v1/reports/{answer.Value.Id}";
        return TypedResults.Content(Describe(answer.Value), "application/json", statusCode: StatusCodes.Status202Accepted);
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetAsync(string id, HttpContext http, ClaimsPrincipal user, ReportService reports, CancellationToken cancellationToken)
    {
        var record = await reports.FindAsync(user, id, cancellationToken);
        return record is null ? Problems.From(ServiceProblem.NotFound($"No report {id}"), http) : TypedResults.Content(Describe(record), "application/json");
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> ListAsync(HttpContext http, ClaimsPrincipal user, ReportService reports, int? limit, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > MaxLimit)
        {
            return Problems.Invalid([new InputProblem("limit", $"between 1 and {MaxLimit}")]);
        }

        var list = await reports.ListAsync(user, limit ?? 50, cancellationToken);
        return TypedResults.Content("{\"reports\":[" + string.Join(',', list.Select(r => Describe(r))) + "]}", "application/json");
    }

    private static async Task<ContentHttpResult> PublishedAsync(ReportService reports, CancellationToken cancellationToken)
    {
        var list = await reports.PublishedAsync(cancellationToken);
        return TypedResults.Content("{\"reports\":[" + string.Join(',', list.Select(r => Describe(r, "/v1/reports/published"))) + "]}", "application/json");
    }

    private static async Task<Results<FileContentHttpResult, ContentHttpResult, NotFound<ProblemDetails>>> FileAsync(string id, ClaimsPrincipal user, ReportFormat format, ReportService reports, CancellationToken cancellationToken) =>
        File(id, format, await reports.FileAsync(user, id, format, cancellationToken));

    private static async Task<Results<FileContentHttpResult, ContentHttpResult, NotFound<ProblemDetails>>> PublishedFileAsync(string id, ReportFormat format, ReportService reports, CancellationToken cancellationToken) =>
        File(id, format, await reports.PublishedFileAsync(id, format, cancellationToken));

    private static Results<FileContentHttpResult, ContentHttpResult, NotFound<ProblemDetails>> File(string id, ReportFormat format, byte[]? bytes) => (bytes, format) switch
    {
        (null, _) => TypedResults.NotFound(new ProblemDetails { Title = $"No finished report {id}", Detail = "Unknown id, or the report is not done yet (see GET /v1/reports/{id}).", Status = StatusCodes.Status404NotFound }),
        (_, ReportFormat.Pdf) => TypedResults.File(bytes, "application/pdf", $"report-{id}.pdf"),
        (_, ReportFormat.Xlsx) => TypedResults.File(bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"report-{id}.xlsx"),
        _ => TypedResults.Content(System.Text.Encoding.UTF8.GetString(bytes), "text/html; charset=utf-8"),
    };

    /// <summary>A report's state as JSON, with its files' addresses once it is done.</summary>
    public static string Describe(ReportRecord r, string files = "/v1/reports")
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
                writer.WriteString("pdf", $"{files}/{r.Id}.pdf");
                writer.WriteString("xlsx", $"{files}/{r.Id}.xlsx");
                writer.WriteString("html", $"{files}/{r.Id}.html");
            }

            writer.WriteEndObject();
        });
    }
}
