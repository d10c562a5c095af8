using Microsoft.EntityFrameworkCore;
using Oversight.Gate;
using Oversight.History;
using Oversight.Policies;
using Oversight.Requests;
using Oversight.Storage;

namespace Oversight.Worker.Service;

/// <summary>What a submission came to.</summary>
/// <param name="Decision">The decision; null for a duplicate.</param>
/// <param name="Sequence">The entry's position in the whole log.</param>
/// <param name="AgencySequence">The entry's position among its own agency's entries (what an agency is shown).</param>
/// <param name="Duplicate">True when the agency had already recorded a request with this id.</param>
public sealed record Submission(Decision? Decision, long Sequence, long AgencySequence, bool Duplicate);

/// <summary>How far a submittedAt may be from the service's clock, either way (clock skew); further ones are refused.</summary>
public static class SubmissionClock
{
    public static readonly TimeSpan Skew = TimeSpan.FromMinutes(5);
}

/// <summary>The gate could not decide in time: its lock was busy too long, or the evaluation passed its deadline. Nothing was recorded.</summary>
public sealed class GateTimeoutException(string message) : Exception(message);

/// <summary>
/// Gates requests against the live history and records submissions in the hash-chained log.
/// A submission is evaluated and appended while holding the log's write lock (a PostgreSQL
/// advisory lock, or SQLite's write lock, plus a process-wide one), after folding in whatever
/// other processes appended, so concurrent submissions can never overrun a limit.
/// </summary>
public sealed class GateService(DatabaseTarget database, TimeProvider time, ILogger<GateService> logger, Microsoft.Extensions.Options.IOptions<ServiceOptions> serviceOptions)
{
    /// <summary>Key of the PostgreSQL advisory lock that serialises appends across processes.</summary>
    private const long AppendLockKey = 0x4f56_4552_5349_4748;

    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly RequestHistory history = new(arrivalOrder: true);
    /// <summary>
    /// How stale a dry run may be on PostgreSQL: other processes' submissions are folded in at
    /// least this often. Submissions always fold everything in under the lock first.
    /// </summary>
    public static readonly TimeSpan CheckFreshness = TimeSpan.FromMilliseconds(250);

    private readonly Dictionary<string, long> agencyEntries = new(StringComparer.Ordinal);
    private long lastSequence;
    private long lastCatchUp;
    private string lastHash = DecisionChain.Genesis;

    private readonly GateBudget budget = new(serviceOptions.Value.GateAllowance, serviceOptions.Value.GateAllowanceWindow, time);

    private TimeSpan Deadline => serviceOptions.Value.EvaluationDeadline;

    private TimeSpan LockWait => serviceOptions.Value.GateWait;

    public DatabaseTarget Database => database;

    /// <summary>Creates or upgrades the schema and rebuilds the history index from the log.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await database.MigrateAsync(cancellationToken);
        await gate.WaitAsync(cancellationToken);
        try
        {
            await using var db = database.CreateContext();
            var folded = await CatchUpAsync(db, cancellationToken);
            logger.LogInformation("Decision log: {Entries} entries; {Counted} counted requests in the history index", lastSequence, folded);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// A dry run: the decision the request would get now. Nothing is recorded. With
    /// <paramref name="onlyAgency"/> (an agency's own dry run) <c>per: area</c> rules count only that
    /// agency's requests, so that a dry run reveals nothing of other agencies.
    /// </summary>
    /// <param name="policy">The policy to judge it by.</param>
    /// <param name="request">The request.</param>
    /// <param name="caller">Who asks (the API key's id), for the share of evaluation time each caller may use.</param>
    /// <param name="onlyAgency">For an agency's own dry run: the agency whose requests alone are counted by place.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <exception cref="GateTimeoutException">The gate was busy too long, or the evaluation passed its deadline.</exception>
    /// <exception cref="GateBudgetException">The caller has used its share of evaluation time for now.</exception>
    public async Task<Decision> CheckAsync(Policy policy, FootageRequest request, string caller, string? onlyAgency, CancellationToken cancellationToken)
    {
        budget.Admit(caller);
        await EnterAsync(cancellationToken);
        try
        {
            if (database.Provider == DatabaseProvider.Postgres && time.GetElapsedTime(lastCatchUp) > CheckFreshness)
            {
                // Other processes may have appended since this one last looked.
                await using var db = database.CreateContext();
                await CatchUpAsync(db, cancellationToken);
            }

            return Evaluate(policy, request, caller, onlyAgency, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Gates and records one request atomically; a request id the agency has already recorded is not recorded twice.</summary>
    /// <exception cref="GateTimeoutException">The gate was busy too long, or the evaluation passed its deadline; nothing was recorded.</exception>
    /// <exception cref="GateBudgetException">The caller has used its share of evaluation time for now; nothing was recorded.</exception>
    public async Task<Submission> SubmitAsync(Policy policy, FootageRequest request, string caller, CancellationToken cancellationToken)
    {
        budget.Admit(caller);
        await EnterAsync(cancellationToken);
        try
        {
            await using var db = database.CreateContext();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (database.Provider == DatabaseProvider.Postgres)
            {
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({AppendLockKey})", cancellationToken);
            }

            await CatchUpAsync(db, cancellationToken);
            var existing = await db.Decisions.AsNoTracking().Where(d => d.Agency == request.Agency && d.RequestId == request.Id)
                .Select(d => new { d.Sequence, d.AgencySequence }).FirstOrDefaultAsync(cancellationToken);
            if (existing is not null)
            {
                return new Submission(null, existing.Sequence, existing.AgencySequence, Duplicate: true);
            }

            var decision = Evaluate(policy, request, caller, onlyAgency: null, cancellationToken);
            var requestJson = RequestJsonWriter.ToJson(request);
            var decisionJson = DecisionJson.ToJson(decision);
            var sequence = lastSequence + 1;
            var agencySequence = agencyEntries.GetValueOrDefault(request.Agency) + 1;
            var hash = DecisionChain.Hash(lastHash, requestJson, decisionJson, policy.Sha256);
            db.Decisions.Add(new DecisionRecord
            {
                Sequence = sequence,
                AgencySequence = agencySequence,
                RequestId = request.Id,
                Agency = request.Agency,
                Requester = request.Requester,
                CaseNumber = request.CaseNumber,
                SubmittedAtTicks = request.SubmittedAt.UtcTicks,
                Outcome = decision.Outcome.Name(),
                PolicyId = policy.Id,
                PolicyVersion = policy.Version,
                PolicySha256 = policy.Sha256,
                RequestJson = requestJson,
                DecisionJson = decisionJson,
                PreviousHash = lastHash,
                Hash = hash,
                RecordedAtTicks = time.GetUtcNow().UtcTicks,
            });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            lastSequence = sequence;
            lastHash = hash;
            agencyEntries[request.Agency] = agencySequence;
            if (decision.Counts)
            {
                history.Add(request);
            }

            return new Submission(decision, sequence, agencySequence, Duplicate: false);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Waits for the gate, but not for ever: a caller is told the gate is busy rather than left waiting.</summary>
    private async Task EnterAsync(CancellationToken cancellationToken)
    {
        if (!await gate.WaitAsync(LockWait, cancellationToken))
        {
            throw new GateTimeoutException($"The gate was busy for {LockWait.TotalSeconds:0.#} s; nothing was recorded. Try again shortly.");
        }
    }

    /// <summary>Evaluates under the deadline, so that no request holds the gate past it.</summary>
    private Decision Evaluate(Policy policy, FootageRequest request, string caller, string? onlyAgency, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(Deadline, time);
        var options = new EvaluationOptions { OnlyAgency = onlyAgency, Cancellation = deadline.Token };
        var started = time.GetTimestamp();
        try
        {
            return Gatekeeper.Evaluate(policy, request, history, options);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Request {Id} of {Agency} was not decided: {Reason}", request.Id, request.Agency, e.Message);
            throw new GateTimeoutException($"The request could not be decided within {Deadline.TotalMilliseconds:0} ms (its area against the history at that place, or its cumulative limits, took too long); nothing was recorded.");
        }
        finally
        {
            budget.Charge(caller, time.GetElapsedTime(started));
        }
    }

    /// <summary>Folds entries appended since the last look (by any process) into the history index.</summary>
    private async Task<int> CatchUpAsync(OversightDbContext db, CancellationToken cancellationToken)
    {
        lastCatchUp = time.GetTimestamp();
        var folded = 0;
        var newer = db.Decisions.AsNoTracking()
            .Where(d => d.Sequence > lastSequence)
            .OrderBy(d => d.Sequence)
            .Select(d => new { d.Sequence, d.AgencySequence, d.Agency, d.Hash, d.Outcome, d.RequestJson })
            .AsAsyncEnumerable();
        await foreach (var entry in newer.WithCancellation(cancellationToken))
        {
            agencyEntries[entry.Agency] = entry.AgencySequence;
            if (entry.Outcome != "deny")
            {
                var parsed = RequestJson.Parse(entry.RequestJson, RequestLimits.Stored);
                if (parsed.Value is { } request)
                {
                    history.Add(request);
                    folded++;
                }
                else
                {
                    logger.LogError("Decision log entry {Sequence} holds a request that no longer reads: {Problems}", entry.Sequence, string.Join("; ", parsed.Problems));
                }
            }

            lastSequence = entry.Sequence;
            lastHash = entry.Hash;
        }

        return folded;
    }
}
