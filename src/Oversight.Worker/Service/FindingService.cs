using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Oversight.Detection;
using Oversight.Log;
using Oversight.Policies;
using Oversight.Reports;
using Oversight.Requests;
using Oversight.Storage;

namespace Oversight.Worker.Service;

/// <summary>What to list of the stored findings: every filter optional.</summary>
public sealed record FindingQuery(string? Kind = null, string? Agency = null, string? Severity = null, string? Period = null, int? Limit = null, int? Offset = null);

/// <summary>A stored finding: its record (kind, severity, agency, JSON) and its latest disposition.</summary>
public sealed record StoredFinding(FindingRecord Record, FindingDisposition? Latest)
{
    /// <summary>The finding as the detectors wrote it.</summary>
    public Finding Finding { get; } = Read(Record.Json);

    private static Finding Read(string json)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);
        return FindingsJson.Read(document.RootElement);
    }
}

/// <summary>A page of stored findings, newest first, and how many match in all.</summary>
public sealed record FindingList(IReadOnlyList<StoredFinding> Items, int Total);

/// <summary>
/// The stored findings of the detection job and what auditors decided about them: what
/// <c>/v1/findings</c> and the console's findings pages both call.
/// </summary>
public sealed class FindingService(GateService gate, PolicyStore policies, Hangfire.IBackgroundJobClient jobs, TimeProvider time)
{
    /// <summary>Most findings one page returns.</summary>
    public const int MaxLimit = 1000;

    public async Task<Answer<FindingList>> ListAsync(FindingQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var problems = new List<InputProblem>();
        if (query.Kind is not null && !FindingNames.TryParseKind(query.Kind, out _))
        {
            problems.Add(new InputProblem("kind", $"'{query.Kind}' is not a kind; kinds: {string.Join(", ", Enum.GetValues<FindingKind>().Select(k => k.Name()))}"));
        }

        if (query.Severity is not null && !FindingNames.TryParseSeverity(query.Severity, out _))
        {
            problems.Add(new InputProblem("severity", $"'{query.Severity}' is not a severity; severities: low, medium, high"));
        }

        ReportingPeriod? range = null;
        if (query.Period is not null && !ReportingPeriod.TryParse(query.Period, policies.Active.TimeZone, out range, out var error))
        {
            problems.Add(new InputProblem("period", error));
        }

        if (query.Limit is < 1 or > MaxLimit)
        {
            problems.Add(new InputProblem("limit", $"between 1 and {MaxLimit}"));
        }

        if (query.Offset is < 0)
        {
            problems.Add(new InputProblem("offset", "0 or more"));
        }

        if (problems.Count > 0)
        {
            return ServiceProblem.Invalid(problems);
        }

        await using var db = gate.Database.CreateContext();
        var found = db.Findings.AsNoTracking();
        found = query.Kind is null ? found : found.Where(f => f.Kind == query.Kind);
        found = query.Agency is null ? found : found.Where(f => f.Agency == query.Agency);
        found = query.Severity is null ? found : found.Where(f => f.Severity == query.Severity);
        if (range is not null)
        {
            // A finding belongs to a period when any of its requests was submitted in it.
            found = found.Where(f => f.FirstSubmittedAtTicks < range.End.UtcTicks && f.LastSubmittedAtTicks >= range.Start.UtcTicks);
        }

        var total = await found.CountAsync(cancellationToken);
        var page = await found.OrderByDescending(f => f.FirstSubmittedAtTicks).ThenBy(f => f.Id)
            .Skip(query.Offset ?? 0).Take(query.Limit ?? 100)
            .ToListAsync(cancellationToken);
        var latest = FindingDisposition.Latest(await LoadDispositionsAsync(db, [.. page.Select(f => f.Id)], cancellationToken));
        return new FindingList([.. page.Select(f => new StoredFinding(f, latest.GetValueOrDefault(f.Id)))], total);
    }

    /// <summary>Queues a full run of the detectors over the whole log; returns the job's id.</summary>
    public string QueueRun() => Hangfire.BackgroundJobClientExtensions.Enqueue<Jobs.DetectionJob>(jobs, j => j.RunAsync(true, CancellationToken.None));

    /// <summary>The last run of the detectors, or null when they have not run yet.</summary>
    public async Task<DetectionRunRecord?> LastRunAsync(CancellationToken cancellationToken)
    {
        await using var db = gate.Database.CreateContext();
        return await db.DetectionRuns.AsNoTracking().OrderByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<Answer<StoredFinding>> GetAsync(string id, CancellationToken cancellationToken)
    {
        await using var db = gate.Database.CreateContext();
        var record = await db.Findings.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, cancellationToken);
        if (record is null)
        {
            return Missing(id);
        }

        var latest = FindingDisposition.Latest(await LoadDispositionsAsync(db, [id], cancellationToken));
        return new StoredFinding(record, latest.GetValueOrDefault(id));
    }

    /// <summary>
    /// The recorded requests a finding is about, as their verified entries say (a finding names
    /// request ids within its agency). Entries that no longer verify are left out, with an alarm.
    /// </summary>
    public async Task<IReadOnlyList<(DecisionRecord Row, LogEntryFields Entry)>> RequestsAsync(StoredFinding finding, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(finding);
        var ids = finding.Finding.RequestIds.ToList();
        var agency = finding.Record.Agency;
        await using var db = gate.Database.CreateContext();
        var rows = await db.Decisions.AsNoTracking().Where(d => d.Agency == agency && ids.Contains(d.RequestId)).OrderBy(d => d.Sequence).ToListAsync(cancellationToken);
        return [.. rows.Select(gate.Verify).OfType<(DecisionRecord, LogEntryFields)>()];
    }

    /// <summary>Records a disposition of a finding (appended; the latest counts). Returns every disposition on record for it, oldest first.</summary>
    public async Task<Answer<IReadOnlyList<FindingDisposition>>> DisposeAsync(string id, string? disposition, string? note, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var problems = new List<InputProblem>();
        if (!FindingDisposition.TryParse(disposition, out var kind))
        {
            problems.Add(new InputProblem("$.disposition", $"required: one of {string.Join(", ", FindingDisposition.Names)}"));
        }

        var trimmed = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (trimmed is { Length: > FindingDisposition.MaxNote })
        {
            problems.Add(new InputProblem("$.note", $"at most {FindingDisposition.MaxNote} characters"));
        }

        if (problems.Count > 0)
        {
            return ServiceProblem.Invalid(problems);
        }

        await using var db = gate.Database.CreateContext();
        if (!await db.Findings.AnyAsync(f => f.Id == id, cancellationToken))
        {
            return Missing(id);
        }

        db.FindingDispositions.Add(new FindingDispositionRecord
        {
            FindingId = id,
            Disposition = FindingDisposition.KindName(kind),
            Note = trimmed,
            By = user.Identity?.Name ?? "unknown",
            AtTicks = time.GetUtcNow().UtcTicks,
        });
        await db.SaveChangesAsync(cancellationToken);
        return await LoadDispositionsAsync(db, [id], cancellationToken);
    }

    /// <summary>A finding's dispositions, oldest first; null when neither the finding nor any disposition of it is on record.</summary>
    public async Task<IReadOnlyList<FindingDisposition>?> DispositionsAsync(string id, CancellationToken cancellationToken)
    {
        await using var db = gate.Database.CreateContext();
        var known = await db.Findings.AnyAsync(f => f.Id == id, cancellationToken) || await db.FindingDispositions.AnyAsync(d => d.FindingId == id, cancellationToken);
        return known ? await LoadDispositionsAsync(db, [id], cancellationToken) : null;
    }

    /// <summary>Every disposition on record for the findings, oldest first, for a report.</summary>
    public static async Task<List<FindingDisposition>> LoadDispositionsAsync(OversightDbContext db, IReadOnlyCollection<string> findings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var records = await db.FindingDispositions.AsNoTracking().Where(d => findings.Contains(d.FindingId)).OrderBy(d => d.Id).ToListAsync(cancellationToken);
        return [.. records.Select(From)];
    }

    private static FindingDisposition From(FindingDispositionRecord r)
    {
        FindingDisposition.TryParse(r.Disposition, out var kind);
        return new FindingDisposition(r.FindingId, kind, r.Note, r.By, new DateTimeOffset(r.AtTicks, TimeSpan.Zero));
    }

    private static ServiceProblem Missing(string id) =>
        ServiceProblem.NotFound($"No finding {id}", "Nothing was recorded. Finding ids are listed at GET /v1/findings.");
}
