using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Oversight.Worker.Service.Auth;

namespace Oversight.Worker.Service.Apis;

/// <summary><c>/v1/findings</c>: what the detection job found, for auditors. The work is <see cref="FindingService"/>'s.</summary>
internal static class FindingsApi
{
    public static RouteGroupBuilder MapFindingsApi(this RouteGroupBuilder v1)
    {
        var findings = v1.MapGroup("/findings").WithTags("Findings").RequireAuthorization(p => p.RequireRole(Roles.Auditor, Roles.Admin));
        findings.MapGet("/", ListAsync).WithSummary("Stored findings, newest first; filter by kind, agency, severity and period");
        findings.MapGet("/{id}", GetAsync).WithSummary("One finding");
        findings.MapPost("/runs", Run).WithSummary("Run the detectors over the whole log now (queued; 202)");
        return v1;
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> ListAsync(
        HttpContext http, FindingService findings, string? kind, string? agency, string? severity, string? period, int? limit, int? offset, CancellationToken cancellationToken)
    {
        var answer = await findings.ListAsync(new FindingQuery(kind, agency, severity, period, limit, offset), cancellationToken);
        if (!answer.Succeeded)
        {
            return Problems.From(answer.Problem, http);
        }

        var body = new StringBuilder("{\"total\":").Append(answer.Value.Total).Append(",\"findings\":[").AppendJoin(',', answer.Value.Items.Select(f => f.Record.Json)).Append("]}");
        return TypedResults.Content(body.ToString(), "application/json");
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetAsync(string id, HttpContext http, FindingService findings, CancellationToken cancellationToken)
    {
        var answer = await findings.GetAsync(id, cancellationToken);
        return answer.Succeeded ? TypedResults.Content(answer.Value.Record.Json, "application/json") : Problems.From(answer.Problem, http);
    }

    private static Accepted<JobQueued> Run(FindingService findings) => TypedResults.Accepted("/v1/findings", new JobQueued(findings.QueueRun()));

    /// <summary>The Hangfire job that will run the detectors.</summary>
    internal sealed record JobQueued(string JobId);
}
