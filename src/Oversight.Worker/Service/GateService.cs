using Microsoft.EntityFrameworkCore;
using Oversight.Gate;
using Oversight.History;
using Oversight.Policies;
using Oversight.Requests;
using Oversight.Storage;

namespace Oversight.Worker.Service;

/// <summary>What a submission came to.</summary>
public sealed record Submission(Decision? Decision, long Sequence, bool Duplicate);

/// <summary>How far ahead of the service's clock a submittedAt may be (clock skew); later ones are refused.</summary>
public static class SubmissionClock
{
    public static readonly TimeSpan Skew = TimeSpan.FromMinutes(5);
}

/// <summary>
/// Gates requests against the live history and records submissions in the hash-chained log.
/// A submission is evaluated and appended while holding the log's write lock (a PostgreSQL
/// advisory lock, or SQLite's write lock, plus a process-wide one), after folding in whatever
/// other processes appended, so concurrent submissions can never overrun a limit.
/// </summary>
public sealed class GateService(DatabaseTarget database, TimeProvider time, ILogger<GateService> logger)
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

    private long lastSequence;
    private long lastCatchUp;
    private string lastHash = DecisionChain.Genesis;

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

    /// <summary>A dry run: the decision the request would get now. Nothing is recorded.</summary>
    public async Task<Decision> CheckAsync(Policy policy, FootageRequest request, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (database.Provider == DatabaseProvider.Postgres && time.GetElapsedTime(lastCatchUp) > CheckFreshness)
            {
                // Other processes may have appended since this one last looked.
                await using var db = database.CreateContext();
                await CatchUpAsync(db, cancellationToken);
            }

            return Gatekeeper.Evaluate(policy, request, history);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Gates and records one request atomically; a request id already in the log is not recorded twice.</summary>
    public async Task<Submission> SubmitAsync(Policy policy, FootageRequest request, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            await using var db = database.CreateContext();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (database.Provider == DatabaseProvider.Postgres)
            {
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({AppendLockKey})", cancellationToken);
            }

            await CatchUpAsync(db, cancellationToken);
            var existing = await db.Decisions.AsNoTracking().Where(d => d.RequestId == request.Id).Select(d => d.Sequence).FirstOrDefaultAsync(cancellationToken);
            if (existing != 0)
            {
                return new Submission(null, existing, Duplicate: true);
            }

            var decision = Gatekeeper.Evaluate(policy, request, history);
            var requestJson = RequestJsonWriter.ToJson(request);
            var decisionJson = DecisionJson.ToJson(decision);
            var sequence = lastSequence + 1;
            var hash = DecisionChain.Hash(lastHash, requestJson, decisionJson, policy.Sha256);
            db.Decisions.Add(new DecisionRecord
            {
                Sequence = sequence,
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
            if (decision.Counts)
            {
                history.Add(request);
            }

            return new Submission(decision, sequence, Duplicate: false);
        }
        finally
        {
            gate.Release();
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
            .Select(d => new { d.Sequence, d.Hash, d.Outcome, d.RequestJson })
            .AsAsyncEnumerable();
        await foreach (var entry in newer.WithCancellation(cancellationToken))
        {
            if (entry.Outcome != "deny")
            {
                var parsed = RequestJson.Parse(entry.RequestJson);
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
