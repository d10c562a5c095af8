using Microsoft.EntityFrameworkCore;
using Oversight.Gate;
using Oversight.History;
using Oversight.Policies;
using Oversight.Requests;
using Oversight.Log;
using Oversight.Storage;
using Oversight.Worker.Service.Log;

namespace Oversight.Worker.Service;

/// <summary>What a submission came to.</summary>
/// <param name="Decision">The decision; null for a duplicate.</param>
/// <param name="Sequence">The entry's position in the whole log.</param>
/// <param name="AgencySequence">The entry's position among its own agency's entries (what an agency is shown).</param>
/// <param name="Duplicate">True when the agency had already recorded a request with this id.</param>
/// <param name="LeafHash">The entry's leaf hash in the transparency log (its index is <paramref name="Sequence"/> − 1).</param>
public sealed record Submission(Decision? Decision, long Sequence, long AgencySequence, bool Duplicate, byte[]? LeafHash = null);

/// <summary>How far a submittedAt may be from the service's clock, either way (clock skew); further ones are refused.</summary>
public static class SubmissionClock
{
    public static readonly TimeSpan Skew = TimeSpan.FromMinutes(5);
}

/// <summary>
/// What one entry of the decision log says about itself, read from its bytes when the gate folded
/// it in: jobs and reports select entries by these, never by the columns beside them.
/// </summary>
/// <param name="Sequence">The entry's sequence (its leaf index + 1).</param>
/// <param name="Leaf">The first 8 bytes of its leaf hash, to recognise the same bytes when they are read again.</param>
/// <param name="Agency">The agency.</param>
/// <param name="PolicyId">The policy that decided it.</param>
/// <param name="SubmittedAtTicks">When it was submitted (UTC ticks).</param>
/// <param name="Outcome">Its decision.</param>
/// <param name="AgencySequence">Its position among its agency's entries (what an agency is shown).</param>
/// <param name="Violated">The rules its decision violated, as an index into the gate's interned sets of rule ids (0: none).</param>
public readonly record struct EntryFacts(long Sequence, ulong Leaf, string Agency, string PolicyId, long SubmittedAtTicks, DecisionOutcome Outcome, long AgencySequence = 0, int Violated = 0);

/// <summary>The gate could not decide in time: its lock was busy too long, or the evaluation passed its deadline. Nothing was recorded.</summary>
public sealed class GateTimeoutException(string message) : Exception(message);

/// <summary>
/// Gates requests against the live history and records submissions in the hash-chained log.
/// A submission is evaluated and appended while holding the log's write lock (a PostgreSQL
/// advisory lock, or SQLite's write lock, plus a process-wide one), after folding in whatever
/// other processes appended, so concurrent submissions can never overrun a limit.
/// </summary>
public sealed partial class GateService(DatabaseTarget database, TimeProvider time, ILogger<GateService> logger, Microsoft.Extensions.Options.IOptions<ServiceOptions> serviceOptions, TransparencyLog log)
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
    private readonly List<EntryFacts> facts = [];
    private readonly ViolatedSets violatedSets = new();
    private readonly Lock factsLock = new();
    private long lastSequence;
    private long lastCatchUp;

    private readonly GateBudget budget = new(serviceOptions.Value.GateAllowance, serviceOptions.Value.GateAllowanceWindow, time);

    private TimeSpan Deadline => serviceOptions.Value.EvaluationDeadline;

    private TimeSpan LockWait => serviceOptions.Value.GateWait;

    public DatabaseTarget Database => database;

    /// <summary>
    /// Creates or upgrades the schema, gives entries recorded before the Merkle tree their leaf
    /// hashes, rebuilds the history index and the tree from the verified entries, and checks the
    /// stored checkpoints against the tree. Whatever does not verify raises an alarm.
    /// </summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await database.MigrateAsync(cancellationToken);
        await gate.WaitAsync(cancellationToken);
        try
        {
            await using var db = database.CreateContext();
            await ImportLegacyAsync(db, cancellationToken);
            var folded = await CatchUpAsync(db, cancellationToken);
            await log.CheckStoredCheckpointsAsync(cancellationToken);
            logger.LogInformation("Decision log: {Entries} entries; {Counted} counted requests in the history index", lastSequence, folded);
        }
        finally
        {
            gate.Release();
        }

        log.Refresh = RefreshAsync;
    }

    /// <summary>
    /// Judges made-up requests (a circle and a concave polygon at the same place, under the same
    /// case) against a throwaway history, so that the first real request after a start is not the
    /// one that pays for compiling the gate: on a busy machine that cost alone could pass the
    /// evaluation deadline and answer an honest request 503. Nothing is recorded or counted.
    /// </summary>
    public static void WarmUp(Policy policy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (policy.Subject != PolicySubject.FootageRequests)
        {
            return;
        }

        var throwaway = new RequestHistory();
        var circle = WarmUpRequest("warm-up-1", RequestArea.FromCircle(44.02, -92.46, 200), now);
        throwaway.Add(circle);
        var l = new NetTopologySuite.Geometries.GeometryFactory().CreatePolygon(
        [
            new(-92.462, 44.019), new(-92.458, 44.019), new(-92.458, 44.021), new(-92.460, 44.0195), new(-92.462, 44.021), new(-92.462, 44.019),
        ]);
        var polygon = WarmUpRequest("warm-up-2", RequestArea.FromGeometry(l), now);
        Gatekeeper.Evaluate(policy, polygon, throwaway);
        throwaway.Add(polygon);
        Gatekeeper.Evaluate(policy, circle with { Id = "warm-up-3" }, throwaway);
    }

    private static FootageRequest WarmUpRequest(string id, RequestArea area, DateTimeOffset now) => new()
    {
        Id = id,
        Agency = "warm-up",
        Requester = "warm-up",
        CaseNumber = "warm-up",
        IncidentType = "burglary",
        Description = "A request made up to prepare the gate",
        SubmittedAt = now,
        Window = new TimeWindow(now.AddHours(-6), now.AddHours(-2)),
        Area = area,
    };

    /// <summary>Folds in what other processes appended, so that a checkpoint covers every committed entry.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            await using var db = database.CreateContext();
            await CatchUpAsync(db, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Entries recorded before the Merkle tree carry a hash chain and no leaf hash: the chain is
    /// checked once (a break raises an alarm) and every such entry gets its leaf hash.
    /// </summary>
    private async Task ImportLegacyAsync(OversightDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Decisions.AnyAsync(d => d.LeafHash == null, cancellationToken))
        {
            return;
        }

        if (await LegacyChain.VerifyAsync(db, cancellationToken) is { } broken)
        {
            log.Alarm($"while giving the log recorded before the Merkle tree its leaf hashes: {broken}");
        }

        var imported = 0;
        while (true)
        {
            var batch = await db.Decisions.Where(d => d.LeafHash == null).OrderBy(d => d.Sequence).Take(1000).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            foreach (var row in batch)
            {
                row.LeafHash = MerkleHash.Leaf(LogRows.Entry(row));
            }

            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            imported += batch.Count;
        }

        logger.LogWarning("Decision log: gave {Entries} entries recorded before the Merkle tree their leaf hashes", imported);
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
            var sequence = lastSequence + 1;
            var agencySequence = agencyEntries.GetValueOrDefault(request.Agency) + 1;
            var row = LogRows.Create(decision, sequence, agencySequence, time.GetUtcNow().UtcTicks);
            var leafHash = row.LeafHash!;
            db.Decisions.Add(row);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            lastSequence = sequence;
            agencyEntries[request.Agency] = agencySequence;
            log.Append(sequence, leafHash);
            Remember(new EntryFacts(sequence, Prefix(leafHash), request.Agency, policy.Id, request.SubmittedAt.UtcTicks, decision.Outcome, agencySequence, violatedSets.Intern([.. decision.Violated])));
            if (decision.Counts)
            {
                history.Add(request);
            }

            return new Submission(decision, sequence, agencySequence, Duplicate: false, leafHash);
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

    /// <summary>The verified entries (as their bytes say) that <paramref name="where"/> selects, in log order.</summary>
    public List<EntryFacts> Entries(Func<EntryFacts, bool> where)
    {
        ArgumentNullException.ThrowIfNull(where);
        lock (factsLock)
        {
            return facts.Where(where).ToList();
        }
    }

    /// <summary>
    /// Reads the rows of the given entries and keeps those whose bytes are still the ones folded
    /// in; a row whose bytes changed since raises an alarm and is left out. Each row comes with
    /// what its entry says, which is what callers use, never its columns.
    /// </summary>
    public async Task<List<(DecisionRecord Row, LogEntryFields Entry)>> ReadAsync(OversightDbContext db, IReadOnlyList<EntryFacts> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(entries);
        var read = new List<(DecisionRecord, LogEntryFields)>(entries.Count);
        foreach (var batch in entries.Chunk(500))
        {
            var sequences = batch.Select(e => e.Sequence).ToList();
            var rows = await db.Decisions.AsNoTracking().Where(d => sequences.Contains(d.Sequence)).OrderBy(d => d.Sequence).ToListAsync(cancellationToken);
            var bySequence = rows.ToDictionary(r => r.Sequence);
            foreach (var fact in batch)
            {
                if (Verify(bySequence.GetValueOrDefault(fact.Sequence), fact) is { } verified)
                {
                    read.Add(verified);
                }
            }
        }

        return read;
    }

    /// <summary>A row read for a caller, checked against what its entry said when it was folded in; null (and an alarm) when it changed since.</summary>
    public (DecisionRecord Row, LogEntryFields Entry)? Verify(DecisionRecord? row)
    {
        if (row is null)
        {
            return null;
        }

        EntryFacts? fact;
        lock (factsLock)
        {
            var at = facts.BinarySearch(new EntryFacts(row.Sequence, 0, string.Empty, string.Empty, 0, default), Comparer<EntryFacts>.Create((a, b) => a.Sequence.CompareTo(b.Sequence)));
            fact = at >= 0 ? facts[at] : null;
        }

        return fact is { } known ? Verify(row, known) : null;
    }

    private (DecisionRecord, LogEntryFields)? Verify(DecisionRecord? row, EntryFacts fact)
    {
        if (row is null)
        {
            log.Alarm($"entry {fact.Sequence - 1} is no longer in the database");
            return null;
        }

        var entry = LogRows.Entry(row);
        if (Prefix(MerkleHash.Leaf(entry)) != fact.Leaf || !LogEntry.TryRead(entry, out var fields, out _))
        {
            log.Alarm($"entry {fact.Sequence - 1}: {LogRows.Describe(row)} was changed after it was recorded; it is left out");
            return null;
        }

        if (fields!.Agency != row.Agency)
        {
            log.Alarm($"entry {fact.Sequence - 1}: its Agency column says '{row.Agency}', the entry says '{fields.Agency}'; it is left out");
            return null;
        }

        return (row, fields);
    }

    private void Remember(EntryFacts fact)
    {
        lock (factsLock)
        {
            if (!factsOfAgency.TryGetValue(fact.Agency, out var own))
            {
                factsOfAgency[fact.Agency] = own = [];
            }

            own.Add(facts.Count);
            facts.Add(fact);
        }
    }

    private static ulong Prefix(byte[] leaf) => System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(leaf);

    /// <summary>
    /// Folds entries appended since the last look (by any process) into the history index and the
    /// tree. Each entry is checked first: its bytes must hash to its leaf and its columns must say
    /// what it says; one that does not raises an alarm and is not counted, so that nothing
    /// unhashed decides anything. What counts is read from the entry itself, never the columns.
    /// </summary>
    private async Task<int> CatchUpAsync(OversightDbContext db, CancellationToken cancellationToken)
    {
        lastCatchUp = time.GetTimestamp();
        var folded = 0;
        var newer = db.Decisions.AsNoTracking().Where(d => d.Sequence > lastSequence).OrderBy(d => d.Sequence).AsAsyncEnumerable();
        await foreach (var row in newer.WithCancellation(cancellationToken))
        {
            if (row.Sequence != lastSequence + 1)
            {
                log.Alarm($"entry {lastSequence} is missing: the log goes from entry {lastSequence - 1} to entry {row.Sequence - 1}");
            }

            var entry = LogRows.Entry(row);
            var leaf = MerkleHash.Leaf(entry);
            var trusted = true;
            if (row.LeafHash is null || !row.LeafHash.AsSpan().SequenceEqual(leaf))
            {
                log.Alarm($"entry {row.Sequence - 1}: {LogRows.Describe(row)} was changed after it was recorded (its bytes no longer hash to its leaf); it is not counted");
                trusted = false;
            }

            if (!LogEntry.TryRead(entry, out var fields, out var error))
            {
                log.Alarm($"entry {row.Sequence - 1}: {error}; it is not counted");
                fields = null;
                trusted = false;
            }

            var agency = fields?.Agency ?? row.Agency;
            var agencySequence = agencyEntries.GetValueOrDefault(agency) + 1;
            agencyEntries[agency] = agencySequence;
            if (fields is not null)
            {
                foreach (var disagreement in LogRows.Disagreements(row, fields, agencySequence))
                {
                    log.Alarm($"entry {row.Sequence - 1}: {LogRows.Describe(row)}: {disagreement} (the entry is what counts)");
                }
            }

            if (trusted && OutcomeNames.TryParse(fields!.Outcome, out var outcome))
            {
                Remember(new EntryFacts(row.Sequence, Prefix(leaf), fields.Agency, fields.PolicyId, fields.SubmittedAtTicks, outcome, agencySequence, violatedSets.Intern(DecisionJson.Violated(fields.DecisionJson))));
            }

            if (trusted && fields!.Outcome != "deny")
            {
                var parsed = RequestJson.Parse(fields.RequestJson, RequestLimits.Stored);
                if (parsed.Value is { } request)
                {
                    history.Add(request);
                    folded++;
                }
                else
                {
                    log.Alarm($"entry {row.Sequence - 1} holds a request that no longer reads: {string.Join("; ", parsed.Problems)}");
                }
            }

            lastSequence = row.Sequence;
            log.Append(row.Sequence, row.LeafHash ?? leaf);
        }

        return folded;
    }
}
