using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Oversight.Gate;
using Oversight.Log;
using Oversight.Policies;
using Oversight.Requests;
using Oversight.Storage;
using Oversight.Worker.Service.Auth;
using Oversight.Worker.Service.Log;

namespace Oversight.Worker.Service;

/// <summary>A recorded entry as a caller may see it: its row, and what its verified bytes say (which is what is shown).</summary>
public sealed record RecordedEntry(DecisionRecord Row, LogEntryFields Entry)
{
    /// <summary>The entry's place for this caller: its place among its agency's entries for an agency key, else in the whole log.</summary>
    public long Position(ClaimsPrincipal user) => user.AgencyOf() is null ? Row.Sequence : Row.AgencySequence;
}

/// <summary>A submission that was recorded: its decision, its place in the log and where it is read back.</summary>
public sealed record Recorded(Decision Decision, Submission Submission, string Location);

/// <summary>What to list: every filter optional; an agency key always lists its own agency's entries only.</summary>
public sealed record RequestQuery(string? Agency = null, string? Decision = null, string? Rule = null, string? Period = null, int? Limit = null, long? Before = null);

/// <summary>A page of recorded entries, newest first, how many match in all, and the cursor of the next page.</summary>
public sealed record RequestList(IReadOnlyList<RecordedEntry> Items, long Total, long? Next);

/// <summary>
/// Checking, submitting and reading recorded requests: what <c>/v1/requests</c> and the console's
/// pages both call, so that a rule or an access decision exists once.
/// </summary>
/// <remarks>
/// An agency key sees only its own agency's entries, and their places among its own entries
/// (<c>agencySequence</c>), never their places in the whole log, which would tell it how many
/// requests other agencies made. Every entry shown is one whose bytes still verify.
/// </remarks>
public sealed class RequestService(GateService gate, PolicyStore policies, TransparencyLog log, TimeProvider time)
{
    /// <summary>Most entries one page lists.</summary>
    public const int MaxLimit = 1000;

    /// <summary>A dry run of the request JSON under the named policy (default: the active one); nothing is recorded.</summary>
    public async Task<Answer<Decision>> CheckAsync(ClaimsPrincipal user, string body, string? policyId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var chosen = policyId is null ? policies.Active : policies.Find(policyId);
        if (chosen is null)
        {
            return ServiceProblem.NotFound($"No policy '{policyId}' is loaded", $"Loaded: {string.Join(", ", policies.All.Keys)}");
        }

        var (request, problem) = Read(body, user, chosen);
        if (request is null)
        {
            return problem!;
        }

        try
        {
            return await gate.CheckAsync(chosen, request, Caller(user), user.AgencyOf(), cancellationToken);
        }
        catch (GateTimeoutException e)
        {
            return Unavailable(e);
        }
        catch (GateBudgetException e)
        {
            return Busy(e);
        }
    }

    /// <summary>Gates the request JSON under the active policy and records it and its decision; a request id the agency already recorded is a 409.</summary>
    public async Task<Answer<Recorded>> SubmitAsync(ClaimsPrincipal user, string body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var active = policies.Active;
        var (request, problem) = Read(body, user, active);
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
            return Busy(e);
        }

        var location = Location(request.Id, request.Agency, user);
        if (submission.Duplicate)
        {
            return new ServiceProblem(StatusCodes.Status409Conflict, $"Request {request.Id} is already recorded", $"Your agency has already recorded a request with this id: see {location}.");
        }

        return new Recorded(submission.Decision!, submission, location);
    }

    /// <summary>The recorded request with this id that the caller may see; a 404 when there is none, a 409 when several agencies used the id and none was named.</summary>
    /// <remarks>A row is shown only when its bytes are still those the log recorded and its agency column agrees with them: access is decided by what was hashed.</remarks>
    public async Task<Answer<RecordedEntry>> FindAsync(ClaimsPrincipal user, string id, string? agency, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = gate.Database.CreateContext();
        var query = db.Decisions.AsNoTracking().Where(d => d.RequestId == id);
        if ((user.AgencyOf() ?? agency) is { } only)
        {
            query = query.Where(d => d.Agency == only);
        }

        var records = (await query.OrderBy(d => d.Sequence).Take(2).ToListAsync(cancellationToken))
            .Select(gate.Verify).OfType<(DecisionRecord Row, LogEntryFields Entry)>().ToList();
        if (records.Count == 0)
        {
            return ServiceProblem.NotFound($"No request {id}");
        }

        if (records.Count > 1)
        {
            var agencies = await db.Decisions.AsNoTracking().Where(d => d.RequestId == id).Select(d => d.Agency).OrderBy(a => a).ToListAsync(cancellationToken);
            return new ServiceProblem(StatusCodes.Status409Conflict, $"Several agencies recorded a request {id}", $"Name one with ?agency=: {string.Join(", ", agencies)}.");
        }

        return new RecordedEntry(records[0].Row, records[0].Entry);
    }

    /// <summary>The entry as <c>GET /v1/requests/{id}</c> gives it: its place, when it was recorded, its leaf, the request and the decision.</summary>
    public static string Describe(RecordedEntry entry, ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(user);
        var record = entry.Row;
        var recordedAt = new DateTimeOffset(entry.Entry.RecordedAtTicks, TimeSpan.Zero).ToString("O", CultureInfo.InvariantCulture);
        var place = user.AgencyOf() is null ? $"\"sequence\":{record.Sequence},\"agencySequence\":{record.AgencySequence}" : $"\"agencySequence\":{record.AgencySequence}";
        var leaf = record.LeafHash is { } hash ? Convert.ToBase64String(hash) : string.Empty;
        return $$"""{{{place}},"recordedAt":"{{recordedAt}}","leafIndex":{{record.Sequence - 1}},"leafHash":"{{leaf}}","request":{{entry.Entry.RequestJson}},"decision":{{entry.Entry.DecisionJson}}}""";
    }

    /// <summary>
    /// The receipt of a recorded entry: its leaf, a signed checkpoint that covers it (the latest, or
    /// the one of <paramref name="treeSize"/>), and the inclusion proof from the leaf to that checkpoint's root.
    /// </summary>
    public async Task<Answer<string>> ReceiptAsync(RecordedEntry entry, long? treeSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (log.Signer is null)
        {
            return new ServiceProblem(StatusCodes.Status503ServiceUnavailable, "Checkpoints are not being signed", log.SignerProblem);
        }

        var record = entry.Row;
        var index = record.Sequence - 1;
        var note = await log.NoteAsync(treeSize, cancellationToken);
        if (note is null || !Checkpoint.TryParse(note.Text, out var checkpoint, out _))
        {
            return treeSize is null
                ? new ServiceProblem(StatusCodes.Status503ServiceUnavailable, "No checkpoint has been signed yet", "Try again in a moment.")
                : ServiceProblem.NotFound($"No checkpoint of size {treeSize}", "Ask for the size of a checkpoint the log signed (GET /v1/log/checkpoint gives the latest).");
        }

        if (checkpoint!.Size <= index || checkpoint.Size > log.Tree.Size)
        {
            return ServiceProblem.NotFound(
                "Not in a checkpoint yet",
                $"Entry {index:N0} is not covered by the checkpoint of size {checkpoint.Size:N0}; a new checkpoint is signed within seconds of every append.") with { RetryAfter = TimeSpan.FromSeconds(2) };
        }

        var leaf = record.LeafHash ?? log.Tree.Leaf(index);
        var proof = log.Tree.InclusionProof(index, checkpoint.Size);
        return JsonText.Write(w => ProofJson.WriteReceipt(w, index, leaf, note, checkpoint.Size, proof), plain: true);
    }

    /// <summary>
    /// Recorded entries, newest first, chosen by what their verified bytes say: agency, decision,
    /// a violated rule, the period submitted in (the active policy's time zone).
    /// </summary>
    public async Task<Answer<RequestList>> ListAsync(ClaimsPrincipal user, RequestQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(query);
        var problems = new List<InputProblem>();
        DecisionOutcome? outcome = null;
        if (query.Decision is not null)
        {
            if (OutcomeNames.TryParse(query.Decision, out var parsed))
            {
                outcome = parsed;
            }
            else
            {
                problems.Add(new InputProblem("decision", $"'{query.Decision}' is not a decision; expected allow, review or deny"));
            }
        }

        if (query.Limit is < 1 or > MaxLimit)
        {
            problems.Add(new InputProblem("limit", $"between 1 and {MaxLimit}"));
        }

        ReportingPeriod? period = null;
        if (query.Period is not null && !ReportingPeriod.TryParse(query.Period, policies.Active.TimeZone, out period, out var error))
        {
            problems.Add(new InputProblem("period", error));
        }

        if (problems.Count > 0)
        {
            return ServiceProblem.Invalid(problems);
        }

        await gate.FreshenAsync(cancellationToken);
        var own = user.AgencyOf();
        var filter = new EntryFilter(own ?? query.Agency, outcome, query.Rule, period?.Start.UtcTicks, period?.End.UtcTicks);
        var page = gate.Page(filter, query.Before, query.Limit ?? 100, byAgency: own is not null);
        await using var db = gate.Database.CreateContext();
        var read = await gate.ReadAsync(db, page.Entries, cancellationToken);
        return new RequestList([.. read.Select(r => new RecordedEntry(r.Row, r.Entry))], page.Total, page.Next);
    }

    /// <summary>Where a recorded request is read back: an agency names its own ids; anyone else also names the agency.</summary>
    public static string Location(string id, string agency, ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.AgencyOf() is null
            ? $"/v1/requests/{Uri.EscapeDataString(id)}?agency={Uri.EscapeDataString(agency)}"
            : $"/v1/requests/{Uri.EscapeDataString(id)}";
    }

    /// <summary>Who is asking, for the share of evaluation time each key may use.</summary>
    public static string Caller(ClaimsPrincipal user) => user.FindFirstValue(ApiKeyAuthenticationHandler.KeyClaim) ?? "anonymous";

    /// <summary>
    /// Reads and validates the request under the policy's limits; the service's clock decides when a
    /// request was made (a submittedAt further from it than the allowed skew, either way, is
    /// refused); an agency key may only speak for its own agency.
    /// </summary>
    private (FootageRequest? Request, ServiceProblem? Problem) Read(string body, ClaimsPrincipal user, Policy policy)
    {
        var now = time.GetUtcNow();
        var parsed = RequestJson.Parse(body, policy.Limits);
        if (parsed.Value is not { } request)
        {
            return (null, ServiceProblem.Invalid(parsed.Problems));
        }

        var skew = SubmissionClock.Skew;
        if (request.SubmittedAt > now + skew || request.SubmittedAt < now - skew)
        {
            var way = request.SubmittedAt > now ? "ahead of" : "behind";
            return (null, ServiceProblem.Invalid([new InputProblem("$.submittedAt",
                $"submittedAt {RequestJsonWriter.Time(request.SubmittedAt)} is {Minutes(request.SubmittedAt - now)} {way} the service's clock ({RequestJsonWriter.Time(now)}); " +
                $"the service decides when a request is made, and allows {skew.TotalMinutes:0} minutes either way: send the time you submit")]));
        }

        if (user.AgencyOf() is { } agency && request.Agency != agency)
        {
            return (null, new ServiceProblem(StatusCodes.Status403Forbidden, "An agency key acts only for its own agency", $"This key belongs to {agency}; the request names {request.Agency}."));
        }

        return (request, null);
    }

    private static ServiceProblem Busy(GateBudgetException e) =>
        new(StatusCodes.Status429TooManyRequests, "Too much evaluation time", e.Message) { RetryAfter = e.RetryAfter };

    private static ServiceProblem Unavailable(GateTimeoutException e) =>
        new(StatusCodes.Status503ServiceUnavailable, "The request was not decided", e.Message);

    private static string Minutes(TimeSpan span)
    {
        var minutes = Math.Abs(span.TotalMinutes);
        return minutes < 120 ? $"{minutes:0} minutes" : $"{minutes / 60:0.#} hours";
    }
}
