using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Oversight.Detection;
using Oversight.Gate;
using Oversight.Log;
using Oversight.Policies;
using Oversight.Reports;
using Oversight.Requests;
using Oversight.Storage;

namespace Oversight.Worker.Service.Jobs;

/// <summary>
/// A report's inputs read from the database: decision-log rows, stored findings, their
/// dispositions, the period's staff notes, the trend's timeline, what the log covers, and the sha256 of all of it.
/// </summary>
internal sealed record ReportInputs(List<ReportRequest> Requests, List<ReportFinding> Findings, string Sha256)
{
    public List<FindingDisposition> Dispositions { get; init; } = [];

    public ReportNotes? Notes { get; init; }

    public List<(DateTimeOffset SubmittedAt, DecisionOutcome Outcome)> Timeline { get; init; } = [];

    public DateTimeOffset? FirstEntry { get; init; }

    /// <summary>The signed checkpoint the report was computed from; null when the service signs none.</summary>
    public LogCheckpoint? Checkpoint { get; init; }

    /// <summary>
    /// The policy's decisions submitted in the period and the one before it (for the change
    /// figures), read from the verified entries 0…N−1 of the latest signed checkpoint (every entry
    /// when none is signed), and the findings whose first request falls in the period. The sha256
    /// is taken over those entries' leaf hashes in log order, then the findings' ids and stored
    /// JSON, then their dispositions and the notes, so that a report is made again when any of them changes.
    /// With <paramref name="detected"/> (the portal's figures, which take the detection job's stored
    /// findings) the detectors are not run again; those of them whose first request falls in the period are reported.
    /// </summary>
    public static async Task<ReportInputs> LoadAsync(OversightDbContext db, GateService gate, Log.TransparencyLog log, Policy policy, ReportingPeriod period, CancellationToken cancellationToken, IReadOnlyList<Finding>? detected = null)
    {
        var from = period.Previous(policy.TimeZone).Start.UtcTicks;
        var to = period.End.UtcTicks;
        // A checkpoint over everything recorded so far, so that the report covers it all and says so.
        await log.SignAsync(cancellationToken);
        LogCheckpoint? bound = null;
        var upTo = long.MaxValue;
        if (log.Signer is not null && await log.LatestAsync(cancellationToken) is { } note && Oversight.Log.Checkpoint.TryParse(note.Text, out var checkpoint, out _))
        {
            bound = new LogCheckpoint(checkpoint!.Origin, checkpoint.Size, Convert.ToBase64String(checkpoint.Root), note.ToString());
            upTo = checkpoint.Size;
        }

        var entries = gate.Entries(e => e.Sequence <= upTo && e.PolicyId == policy.Id && e.SubmittedAtTicks >= from && e.SubmittedAtTicks < to);
        var decisions = await gate.ReadAsync(db, entries, cancellationToken);
        // The findings are the detectors' over the policy's counted entries as recorded up to the
        // checkpoint, so that anyone holding an export of the log gets the same ones.
        IEnumerable<Finding> found;
        if (detected is null)
        {
            var counted = await gate.ReadAsync(db, gate.Entries(e => e.Sequence <= upTo && e.PolicyId == policy.Id && e.Outcome != DecisionOutcome.Deny), cancellationToken);
            found = ReportFinding.OfRecordedLog(policy, [.. counted.Select(c => RequestJson.Parse(c.Entry.RequestJson, RequestLimits.Stored).Value).OfType<FootageRequest>()], period);
        }
        else
        {
            found = detected.Where(f => period.Contains(f.FirstSubmittedAt));
        }

        var findings = found.OrderBy(f => f.Id, StringComparer.Ordinal).ToList();

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var rows = new List<ReportRequest>(decisions.Count);
        foreach (var (row, entry) in decisions)
        {
            hash.AppendData(row.LeafHash ?? MerkleHash.Leaf(LogRows.Entry(row)));
            if (ReportRequest.FromEntry(entry) is { } request)
            {
                rows.Add(request);
            }
        }

        var reported = new List<ReportFinding>(findings.Count);
        foreach (var f in findings)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(f.Id + "\n" + FindingsJson.ToJson(f) + "\n"));
            reported.Add(ReportFinding.From(f));
        }

        var dispositions = await FindingService.LoadDispositionsAsync(db, [.. findings.Select(f => f.Id)], cancellationToken);
        foreach (var d in dispositions)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(DispositionFile.Line(d) + "\n"));
        }

        ReportNotes? notes = null;
        if (await Apis.ReportNotesApi.LatestAsync(db, period.Name, cancellationToken) is { } stored)
        {
            notes = ReportNotes.Parse(stored.Yaml, $"notes for {period.Name}", out _);
            hash.AppendData(Encoding.UTF8.GetBytes("notes:" + stored.Sha256 + "\n"));
        }

        // The trend: submissions and outcomes of the four periods before the previous one.
        var earliest = period;
        for (var i = 0; i < 4; i++)
        {
            earliest = earliest.Previous(policy.TimeZone);
        }

        var trendFrom = earliest.Start.UtcTicks;
        var timeline = gate.Entries(e => e.Sequence <= upTo && e.PolicyId == policy.Id && e.SubmittedAtTicks >= trendFrom && e.SubmittedAtTicks < to);
        var first = gate.EarliestSubmitted(upTo);
        return new ReportInputs(rows, reported, Convert.ToHexStringLower(hash.GetHashAndReset()))
        {
            Dispositions = dispositions,
            Notes = notes,
            Timeline = [.. timeline.Select(t => (new DateTimeOffset(t.SubmittedAtTicks, TimeSpan.Zero), t.Outcome))],
            FirstEntry = first is { } ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null,
            Checkpoint = bound,
        };
    }
}
