using System.Text;
using Hangfire;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Oversight.Detection;
using Oversight.Policies;
using Oversight.Requests;
using Oversight.Worker.Service.Auth;
using Oversight.Worker.Service.Jobs;

namespace Oversight.Worker.Service.Apis;

/// <summary><c>/v1/findings</c>: what the detection job found, for auditors.</summary>
internal static class FindingsApi
{
    /// <summary>Most findings one page returns.</summary>
    public const int MaxLimit = 1000;

    public static RouteGroupBuilder MapFindingsApi(this RouteGroupBuilder v1)
    {
        var findings = v1.MapGroup("/findings").WithTags("Findings").RequireAuthorization(p => p.RequireRole(Roles.Auditor, Roles.Admin));
        findings.MapGet("/", ListAsync).WithSummary("Stored findings, newest first; filter by kind, agency, severity and period");
        findings.MapGet("/{id}", GetAsync).WithSummary("One finding");
        findings.MapPost("/runs", Run).WithSummary("Run the detectors over the whole log now (queued; 202)");
        return v1;
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> ListAsync(
        GateService gate, PolicyStore policies, string? kind, string? agency, string? severity, string? period, int? limit, int? offset, CancellationToken cancellationToken)
    {
        var problems = new List<InputProblem>();
        if (kind is not null && !FindingNames.TryParseKind(kind, out _))
        {
            problems.Add(new InputProblem("kind", $"'{kind}' is not a kind; kinds: {string.Join(", ", Enum.GetValues<FindingKind>().Select(k => k.Name()))}"));
        }

        if (severity is not null && !FindingNames.TryParseSeverity(severity, out _))
        {
            problems.Add(new InputProblem("severity", $"'{severity}' is not a severity; severities: low, medium, high"));
        }

        ReportingPeriod? range = null;
        if (period is not null && !ReportingPeriod.TryParse(period, policies.Active.TimeZone, out range, out var error))
        {
            problems.Add(new InputProblem("period", error));
        }

        if (limit is < 1 or > MaxLimit)
        {
            problems.Add(new InputProblem("limit", $"between 1 and {MaxLimit}"));
        }

        if (offset is < 0)
        {
            problems.Add(new InputProblem("offset", "0 or more"));
        }

        if (problems.Count > 0)
        {
            return Problems.Invalid(problems);
        }

        await using var db = gate.Database.CreateContext();
        var query = db.Findings.AsNoTracking();
        query = kind is null ? query : query.Where(f => f.Kind == kind);
        query = agency is null ? query : query.Where(f => f.Agency == agency);
        query = severity is null ? query : query.Where(f => f.Severity == severity);
        if (range is not null)
        {
            // A finding belongs to a period when any of its requests was submitted in it.
            query = query.Where(f => f.FirstSubmittedAtTicks < range.End.UtcTicks && f.LastSubmittedAtTicks >= range.Start.UtcTicks);
        }

        var total = await query.CountAsync(cancellationToken);
        var page = await query.OrderByDescending(f => f.FirstSubmittedAtTicks).ThenBy(f => f.Id)
            .Skip(offset ?? 0).Take(limit ?? 100)
            .Select(f => f.Json)
            .ToListAsync(cancellationToken);
        var body = new StringBuilder("{\"total\":").Append(total).Append(",\"findings\":[").AppendJoin(',', page).Append("]}");
        return TypedResults.Content(body.ToString(), "application/json");
    }

    private static async Task<Results<ContentHttpResult, NotFound<ProblemDetails>>> GetAsync(string id, GateService gate, CancellationToken cancellationToken)
    {
        await using var db = gate.Database.CreateContext();
        var json = await db.Findings.AsNoTracking().Where(f => f.Id == id).Select(f => f.Json).FirstOrDefaultAsync(cancellationToken);
        return json is null
            ? TypedResults.NotFound(new ProblemDetails { Title = $"No finding {id}", Status = StatusCodes.Status404NotFound })
            : TypedResults.Content(json, "application/json");
    }

    private static Accepted<JobQueued> Run(IBackgroundJobClient jobs)
    {
        var id = jobs.Enqueue<DetectionJob>(j => j.RunAsync(true, CancellationToken.None));
        return TypedResults.Accepted("/v1/findings", new JobQueued(id));
    }

    /// <summary>The Hangfire job that will run the detectors.</summary>
    internal sealed record JobQueued(string JobId);
}
