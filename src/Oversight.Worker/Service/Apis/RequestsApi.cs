using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Oversight.Gate;
using Oversight.Requests;
using Oversight.Worker.Service.Auth;

namespace Oversight.Worker.Service.Apis;

/// <summary><c>/v1/requests</c>: check (dry run), submit (gate and record), read back.</summary>
internal static class RequestsApi
{
    public static RouteGroupBuilder MapRequestsApi(this RouteGroupBuilder v1)
    {
        var requests = v1.MapGroup("/requests").WithTags("Requests");
        requests.MapPost("/check", CheckAsync).RequireAuthorization(p => p.RequireRole(Roles.Agency, Roles.Auditor, Roles.Admin))
            .WithSummary("Gate a request without recording it (dry run)");
        requests.MapPost("/", SubmitAsync).RequireAuthorization(p => p.RequireRole(Roles.Agency, Roles.Admin))
            .WithSummary("Gate a request and record it and its decision in the log");
        requests.MapGet("/{id}", GetAsync).RequireAuthorization(p => p.RequireRole(Roles.Agency, Roles.Auditor, Roles.Admin))
            .WithSummary("A recorded request and its decision");
        requests.MapGet("/", ListAsync).RequireAuthorization(p => p.RequireRole(Roles.Agency, Roles.Auditor, Roles.Admin))
            .WithSummary("Recorded decisions, newest first");
        return v1;
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> CheckAsync(
        HttpRequest http, ClaimsPrincipal user, GateService gate, PolicyStore policies, IOptions<ServiceOptions> options, string? policy, CancellationToken cancellationToken)
    {
        var (request, problem) = await ReadAsync(http, user, options.Value, cancellationToken);
        if (request is null)
        {
            return problem!;
        }

        var chosen = policy is null ? policies.Active : policies.Find(policy);
        if (chosen is null)
        {
            return Problems.Status(StatusCodes.Status404NotFound, $"No policy '{policy}' is loaded", $"Loaded: {string.Join(", ", policies.All.Keys)}");
        }

        var decision = await gate.CheckAsync(chosen, request, cancellationToken);
        return TypedResults.Content(DecisionJson.ToJson(decision), "application/json", statusCode: StatusCodes.Status200OK);
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> SubmitAsync(
        HttpRequest http, ClaimsPrincipal user, GateService gate, PolicyStore policies, IOptions<ServiceOptions> options, CancellationToken cancellationToken)
    {
        var (request, problem) = await ReadAsync(http, user, options.Value, cancellationToken);
        if (request is null)
        {
            return problem!;
        }

        var submission = await gate.SubmitAsync(policies.Active, request, cancellationToken);
        if (submission.Duplicate)
        {
            return Problems.Status(StatusCodes.Status409Conflict, $"Request {request.Id} is already recorded", $"See /v1/requests/{Uri.EscapeDataString(request.Id)}.");
        }

        http.HttpContext.Response.Headers.Location = $"/v1/requests/{Uri.EscapeDataString(request.Id)}";
        return TypedResults.Content(DecisionJson.ToJson(submission.Decision!), "application/json", statusCode: StatusCodes.Status201Created);
    }

    private static async Task<Results<ContentHttpResult, NotFound<ProblemDetails>>> GetAsync(
        string id, ClaimsPrincipal user, GateService gate, CancellationToken cancellationToken)
    {
        await using var db = gate.Database.CreateContext();
        var record = await db.Decisions.AsNoTracking().FirstOrDefaultAsync(d => d.RequestId == id, cancellationToken);
        if (record is null || (user.AgencyOf() is { } agency && record.Agency != agency))
        {
            return TypedResults.NotFound(new ProblemDetails { Title = $"No request {id}", Status = StatusCodes.Status404NotFound });
        }

        var body = $$"""{"sequence":{{record.Sequence}},"recordedAt":"{{new DateTimeOffset(record.RecordedAtTicks, TimeSpan.Zero):O}}","hash":"{{record.Hash}}","request":{{record.RequestJson}},"decision":{{record.DecisionJson}}}""";
        return TypedResults.Content(body, "application/json");
    }

    private static async Task<ContentHttpResult> ListAsync(
        ClaimsPrincipal user, GateService gate, string? agency, string? decision, int? limit, long? before, CancellationToken cancellationToken)
    {
        await using var db = gate.Database.CreateContext();
        var query = db.Decisions.AsNoTracking();
        if (user.AgencyOf() is { } own)
        {
            query = query.Where(d => d.Agency == own);
        }
        else if (agency is not null)
        {
            query = query.Where(d => d.Agency == agency);
        }

        if (decision is not null)
        {
            query = query.Where(d => d.Outcome == decision);
        }

        if (before is { } cursor)
        {
            query = query.Where(d => d.Sequence < cursor);
        }

        var take = Math.Clamp(limit ?? 100, 1, 1000);
        var rows = await query.OrderByDescending(d => d.Sequence).Take(take)
            .Select(d => new { d.Sequence, d.DecisionJson }).ToListAsync(cancellationToken);
        var next = rows.Count == take ? rows[^1].Sequence : (long?)null;
        var items = string.Join(',', rows.Select(r => r.DecisionJson));
        return TypedResults.Content($$"""{"items":[{{items}}],"next":{{(next is null ? "null" : next.ToString())}}}""", "application/json");
    }

    /// <summary>Reads and validates the body; an agency key may only speak for its own agency.</summary>
    private static async Task<(FootageRequest? Request, ProblemHttpResult? Problem)> ReadAsync(
        HttpRequest http, ClaimsPrincipal user, ServiceOptions options, CancellationToken cancellationToken)
    {
        var now = http.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        var body = await Bodies.ReadAsync(http, options.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return (null, Problems.Status(StatusCodes.Status413PayloadTooLarge, "The request body is too large", $"The limit is {options.MaxBodyBytes:N0} bytes."));
        }

        var parsed = RequestJson.Parse(body);
        if (parsed.Value is not { } request)
        {
            return (null, Problems.Invalid(parsed.Problems));
        }

        if (request.SubmittedAt > now + SubmissionClock.Skew)
        {
            return (null, Problems.Invalid([new InputProblem("$.submittedAt", $"submittedAt {RequestJsonWriter.Time(request.SubmittedAt)} is in the future (the service's clock reads {RequestJsonWriter.Time(now)})")]));
        }

        if (user.AgencyOf() is { } agency && request.Agency != agency)
        {
            return (null, Problems.Status(StatusCodes.Status403Forbidden, "An agency key acts only for its own agency", $"This key belongs to {agency}; the request names {request.Agency}."));
        }

        return (request, null);
    }
}
