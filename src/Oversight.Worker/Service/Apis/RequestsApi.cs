using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Oversight.Gate;
using Oversight.Policies;
using Oversight.Requests;
using Oversight.Storage;
using Oversight.Worker.Service.Auth;

namespace Oversight.Worker.Service.Apis;

/// <summary><c>/v1/requests</c>: check (dry run), submit (gate and record), read back.</summary>
/// <remarks>
/// An agency key sees only its own agency's entries, and their places among its own entries
/// (<c>agencySequence</c>), never their places in the whole log, which would tell it how many
/// requests other agencies made. Request ids are unique per agency.
/// </remarks>
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
            .WithSummary("A recorded request and its decision (?agency= when several agencies used the id)");
        requests.MapGet("/", ListAsync).RequireAuthorization(p => p.RequireRole(Roles.Agency, Roles.Auditor, Roles.Admin))
            .WithSummary("Recorded decisions, newest first");
        return v1;
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> CheckAsync(
        HttpRequest http, ClaimsPrincipal user, GateService gate, PolicyStore policies, IOptions<ServiceOptions> options, string? policy, CancellationToken cancellationToken)
    {
        var chosen = policy is null ? policies.Active : policies.Find(policy);
        if (chosen is null)
        {
            return Problems.Status(StatusCodes.Status404NotFound, $"No policy '{policy}' is loaded", $"Loaded: {string.Join(", ", policies.All.Keys)}");
        }

        var (request, problem) = await ReadAsync(http, user, chosen, options.Value, cancellationToken);
        if (request is null)
        {
            return problem!;
        }

        try
        {
            var decision = await gate.CheckAsync(chosen, request, Caller(user), user.AgencyOf(), cancellationToken);
            return TypedResults.Content(DecisionJson.ToJson(decision), "application/json", statusCode: StatusCodes.Status200OK);
        }
        catch (GateTimeoutException e)
        {
            return Unavailable(e);
        }
        catch (GateBudgetException e)
        {
            return Busy(http, e);
        }
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> SubmitAsync(
        HttpRequest http, ClaimsPrincipal user, GateService gate, PolicyStore policies, IOptions<ServiceOptions> options, CancellationToken cancellationToken)
    {
        var active = policies.Active;
        var (request, problem) = await ReadAsync(http, user, active, options.Value, cancellationToken);
        if (request is null)
        {
            return problem!;
        }

        Submission submission;
        try
        {
            submission = await gate.SubmitAsync(active, request, Caller(user), cancellationToken);
        }
        catch (GateTimeoutException e)
        {
            return Unavailable(e);
        }
        catch (GateBudgetException e)
        {
            return Busy(http, e);
        }

        var location = Location(request, user);
        if (submission.Duplicate)
        {
            return Problems.Status(StatusCodes.Status409Conflict, $"Request {request.Id} is already recorded", $"Your agency has already recorded a request with this id: see {location}.");
        }

        http.HttpContext.Response.Headers.Location = location;
        return TypedResults.Content(DecisionJson.ToJson(submission.Decision!), "application/json", statusCode: StatusCodes.Status201Created);
    }

    private static async Task<Results<ContentHttpResult, NotFound<ProblemDetails>, ProblemHttpResult>> GetAsync(
        string id, string? agency, ClaimsPrincipal user, GateService gate, CancellationToken cancellationToken)
    {
        await using var db = gate.Database.CreateContext();
        var own = user.AgencyOf();
        var query = db.Decisions.AsNoTracking().Where(d => d.RequestId == id);
        if ((own ?? agency) is { } only)
        {
            query = query.Where(d => d.Agency == only);
        }

        var records = await query.OrderBy(d => d.Sequence).Take(2).ToListAsync(cancellationToken);
        if (records.Count == 0)
        {
            return TypedResults.NotFound(new ProblemDetails { Title = $"No request {id}", Status = StatusCodes.Status404NotFound });
        }

        if (records.Count > 1)
        {
            var agencies = await db.Decisions.AsNoTracking().Where(d => d.RequestId == id).Select(d => d.Agency).OrderBy(a => a).ToListAsync(cancellationToken);
            return Problems.Status(StatusCodes.Status409Conflict, $"Several agencies recorded a request {id}", $"Name one with ?agency=: {string.Join(", ", agencies)}.");
        }

        var record = records[0];
        var recordedAt = new DateTimeOffset(record.RecordedAtTicks, TimeSpan.Zero).ToString("O", CultureInfo.InvariantCulture);
        var place = own is null ? $"\"sequence\":{record.Sequence},\"agencySequence\":{record.AgencySequence}" : $"\"agencySequence\":{record.AgencySequence}";
        var body = $$"""{{{place}},"recordedAt":"{{recordedAt}}","hash":"{{record.Hash}}","request":{{record.RequestJson}},"decision":{{record.DecisionJson}}}""";
        return TypedResults.Content(body, "application/json");
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> ListAsync(
        ClaimsPrincipal user, GateService gate, string? agency, string? decision, int? limit, long? before, CancellationToken cancellationToken)
    {
        var problems = new List<InputProblem>();
        if (decision is not null && !OutcomeNames.TryParse(decision, out _))
        {
            problems.Add(new InputProblem("decision", $"'{decision}' is not a decision; expected allow, review or deny"));
        }

        if (limit is < 1 or > 1000)
        {
            problems.Add(new InputProblem("limit", "between 1 and 1000"));
        }

        if (problems.Count > 0)
        {
            return Problems.Invalid(problems);
        }

        await using var db = gate.Database.CreateContext();
        var query = db.Decisions.AsNoTracking();
        var own = user.AgencyOf();
        if ((own ?? agency) is { } only)
        {
            query = query.Where(d => d.Agency == only);
        }

        if (decision is not null)
        {
            query = query.Where(d => d.Outcome == decision);
        }

        var take = limit ?? 100;
        List<(long Cursor, string Json)> rows;
        if (own is not null)
        {
            // An agency pages by its own entries' places, so the cursor reveals nothing of other agencies.
            if (before is { } cursor)
            {
                query = query.Where(d => d.AgencySequence < cursor);
            }

            rows = [.. (await query.OrderByDescending(d => d.AgencySequence).Take(take).Select(d => new { d.AgencySequence, d.DecisionJson }).ToListAsync(cancellationToken))
                .Select(r => (r.AgencySequence, r.DecisionJson))];
        }
        else
        {
            if (before is { } cursor)
            {
                query = query.Where(d => d.Sequence < cursor);
            }

            rows = [.. (await query.OrderByDescending(d => d.Sequence).Take(take).Select(d => new { d.Sequence, d.DecisionJson }).ToListAsync(cancellationToken))
                .Select(r => (r.Sequence, r.DecisionJson))];
        }

        var next = rows.Count == take ? rows[^1].Cursor.ToString(CultureInfo.InvariantCulture) : "null";
        var items = string.Join(',', rows.Select(r => r.Json));
        return TypedResults.Content($$"""{"items":[{{items}}],"next":{{next}}}""", "application/json");
    }

    /// <summary>Where a recorded request is read back: an agency names its own ids; anyone else also names the agency.</summary>
    private static string Location(FootageRequest request, ClaimsPrincipal user) =>
        user.AgencyOf() is null
            ? $"/v1/requests/{Uri.EscapeDataString(request.Id)}?agency={Uri.EscapeDataString(request.Agency)}"
            : $"/v1/requests/{Uri.EscapeDataString(request.Id)}";

    private static string Caller(ClaimsPrincipal user) => user.FindFirstValue(ApiKeyAuthenticationHandler.KeyClaim) ?? "anonymous";

    private static ProblemHttpResult Busy(HttpRequest http, GateBudgetException e)
    {
        http.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(e.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return Problems.Status(StatusCodes.Status429TooManyRequests, "Too much evaluation time", e.Message);
    }

    private static ProblemHttpResult Unavailable(GateTimeoutException e) =>
        Problems.Status(StatusCodes.Status503ServiceUnavailable, "The request was not decided", e.Message);

    /// <summary>
    /// Reads and validates the body under the policy's limits; the service's clock decides when a
    /// request was made (a submittedAt further from it than the allowed skew, either way, is
    /// refused); an agency key may only speak for its own agency.
    /// </summary>
    private static async Task<(FootageRequest? Request, ProblemHttpResult? Problem)> ReadAsync(
        HttpRequest http, ClaimsPrincipal user, Policy policy, ServiceOptions options, CancellationToken cancellationToken)
    {
        var now = http.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        var (body, bodyProblem) = await Bodies.ReadAsync(http, options.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return (null, bodyProblem);
        }

        var parsed = RequestJson.Parse(body, policy.Limits);
        if (parsed.Value is not { } request)
        {
            return (null, Problems.Invalid(parsed.Problems));
        }

        var skew = SubmissionClock.Skew;
        if (request.SubmittedAt > now + skew || request.SubmittedAt < now - skew)
        {
            var way = request.SubmittedAt > now ? "ahead of" : "behind";
            return (null, Problems.Invalid([new InputProblem("$.submittedAt",
                $"submittedAt {RequestJsonWriter.Time(request.SubmittedAt)} is {Minutes(request.SubmittedAt - now)} {way} the service's clock ({RequestJsonWriter.Time(now)}); " +
                $"the service decides when a request is made, and allows {skew.TotalMinutes:0} minutes either way: send the time you submit")]));
        }

        if (user.AgencyOf() is { } agency && request.Agency != agency)
        {
            return (null, Problems.Status(StatusCodes.Status403Forbidden, "An agency key acts only for its own agency", $"This key belongs to {agency}; the request names {request.Agency}."));
        }

        return (request, null);
    }

    private static string Minutes(TimeSpan span)
    {
        var minutes = Math.Abs(span.TotalMinutes);
        return minutes < 120 ? $"{minutes:0} minutes" : $"{minutes / 60:0.#} hours";
    }
}
