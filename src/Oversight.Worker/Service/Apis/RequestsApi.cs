using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Oversight.Gate;
using Oversight.Log;
using Oversight.Policies;
using Oversight.Requests;
using Oversight.Storage;
using Oversight.Worker.Service.Auth;
using Oversight.Worker.Service.Log;

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
        requests.MapGet("/{id}/receipt", ReceiptAsync).RequireAuthorization(p => p.RequireRole(Roles.Agency, Roles.Auditor, Roles.Admin))
            .WithSummary("The recorded request's receipt: its leaf, a signed checkpoint, and the inclusion proof between them (?treeSize= for a given checkpoint)");
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
        return TypedResults.Content(WithReceipt(DecisionJson.ToJson(submission.Decision!), submission, location), "application/json", statusCode: StatusCodes.Status201Created);
    }

    private static async Task<Results<ContentHttpResult, NotFound<ProblemDetails>, ProblemHttpResult>> GetAsync(
        string id, string? agency, ClaimsPrincipal user, GateService gate, CancellationToken cancellationToken)
    {
        await using var db = gate.Database.CreateContext();
        var (record, problem) = await FindAsync(db, gate, id, agency, user, cancellationToken);
        if (record is null)
        {
            return problem!;
        }

        var recordedAt = new DateTimeOffset(record.RecordedAtTicks, TimeSpan.Zero).ToString("O", CultureInfo.InvariantCulture);
        var place = user.AgencyOf() is null ? $"\"sequence\":{record.Sequence},\"agencySequence\":{record.AgencySequence}" : $"\"agencySequence\":{record.AgencySequence}";
        var leaf = record.LeafHash is { } hash ? Convert.ToBase64String(hash) : string.Empty;
        var body = $$"""{{{place}},"recordedAt":"{{recordedAt}}","leafIndex":{{record.Sequence - 1}},"leafHash":"{{leaf}}","request":{{record.RequestJson}},"decision":{{record.DecisionJson}}}""";
        return TypedResults.Content(body, "application/json");
    }

    /// <summary>
    /// The receipt: the entry's leaf, a signed checkpoint that covers it (the latest, or the one of
    /// <paramref name="treeSize"/>), and the inclusion proof from the leaf to that checkpoint's root.
    /// </summary>
    private static async Task<Results<ContentHttpResult, NotFound<ProblemDetails>, ProblemHttpResult>> ReceiptAsync(
        string id, string? agency, long? treeSize, HttpRequest http, ClaimsPrincipal user, GateService gate, TransparencyLog log, CancellationToken cancellationToken)
    {
        await using var db = gate.Database.CreateContext();
        var (record, problem) = await FindAsync(db, gate, id, agency, user, cancellationToken);
        if (record is null)
        {
            return problem!;
        }

        if (log.Signer is null)
        {
            return Problems.Status(StatusCodes.Status503ServiceUnavailable, "Checkpoints are not being signed", log.SignerProblem);
        }

        var index = record.Sequence - 1;
        var note = await log.NoteAsync(treeSize, cancellationToken);
        if (note is null || !Checkpoint.TryParse(note.Text, out var checkpoint, out _))
        {
            return treeSize is null
                ? Problems.Status(StatusCodes.Status503ServiceUnavailable, "No checkpoint has been signed yet", "Try again in a moment.")
                : TypedResults.NotFound(new ProblemDetails { Title = $"No checkpoint of size {treeSize}", Detail = "Ask for the size of a checkpoint the log signed (GET /v1/log/checkpoint gives the latest).", Status = StatusCodes.Status404NotFound });
        }

        if (checkpoint!.Size <= index || checkpoint.Size > log.Tree.Size)
        {
            http.HttpContext.Response.Headers.RetryAfter = "2";
            return TypedResults.NotFound(new ProblemDetails
            {
                Title = "Not in a checkpoint yet",
                Detail = $"Entry {index:N0} is not covered by the checkpoint of size {checkpoint.Size:N0}; a new checkpoint is signed within seconds of every append.",
                Status = StatusCodes.Status404NotFound,
            });
        }

        var leaf = record.LeafHash ?? log.Tree.Leaf(index);
        var proof = log.Tree.InclusionProof(index, checkpoint.Size);
        return TypedResults.Content(JsonText.Write(w => ProofJson.WriteReceipt(w, index, leaf, note, checkpoint.Size, proof), plain: true), "application/json");
    }

    /// <summary>The recorded request with this id that the caller may see; a 404 or 409 when there is none or several.</summary>
    /// <remarks>A row is shown only when its bytes are still those the log recorded and its agency column agrees with them: access is decided by what was hashed.</remarks>
    private static async Task<(DecisionRecord? Record, Results<ContentHttpResult, NotFound<ProblemDetails>, ProblemHttpResult>? Problem)> FindAsync(
        OversightDbContext db, GateService gate, string id, string? agency, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var query = db.Decisions.AsNoTracking().Where(d => d.RequestId == id);
        if ((user.AgencyOf() ?? agency) is { } only)
        {
            query = query.Where(d => d.Agency == only);
        }

        var records = (await query.OrderBy(d => d.Sequence).Take(2).ToListAsync(cancellationToken))
            .Where(r => gate.Verify(r) is not null).ToList();
        if (records.Count == 0)
        {
            return (null, TypedResults.NotFound(new ProblemDetails { Title = $"No request {id}", Status = StatusCodes.Status404NotFound }));
        }

        if (records.Count > 1)
        {
            var agencies = await db.Decisions.AsNoTracking().Where(d => d.RequestId == id).Select(d => d.Agency).OrderBy(a => a).ToListAsync(cancellationToken);
            return (null, Problems.Status(StatusCodes.Status409Conflict, $"Several agencies recorded a request {id}", $"Name one with ?agency=: {string.Join(", ", agencies)}."));
        }

        return (records[0], null);
    }

    /// <summary>The decision JSON with the receipt's first part added: the entry's place in the log and its leaf hash.</summary>
    private static string WithReceipt(string decisionJson, Submission submission, string location)
    {
        var query = location.IndexOf('?', StringComparison.Ordinal);
        var proof = query < 0 ? location + "/receipt" : location[..query] + "/receipt" + location[query..];
        var receipt = JsonText.Write(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("leafIndex", submission.Sequence - 1);
            w.WriteString("leafHash", Convert.ToBase64String(submission.LeafHash!));
            w.WriteString("proof", proof);
            w.WriteEndObject();
        }, plain: true);
        return $"{decisionJson[..^1]},\"receipt\":{receipt}}}";
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

            rows = [.. (await query.OrderByDescending(d => d.AgencySequence).Take(take).ToListAsync(cancellationToken))
                .Where(r => gate.Verify(r) is not null)
                .Select(r => (r.AgencySequence, r.DecisionJson))];
        }
        else
        {
            if (before is { } cursor)
            {
                query = query.Where(d => d.Sequence < cursor);
            }

            rows = [.. (await query.OrderByDescending(d => d.Sequence).Take(take).ToListAsync(cancellationToken))
                .Where(r => gate.Verify(r) is not null)
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
