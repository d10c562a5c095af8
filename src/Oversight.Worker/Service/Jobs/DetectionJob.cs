using System.Diagnostics;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Oversight.Detection;
using Oversight.Gate;
using Oversight.Requests;
using Oversight.Storage;

namespace Oversight.Worker.Service.Jobs;

/// <summary>
/// Runs the aggregation detectors over the recorded, counted requests under the active policy and
/// brings the stored findings in line: new ones added, changed ones updated, ones no longer found
/// removed. Findings have stable ids, so running it again never duplicates one. The hourly run
/// (<c>incremental</c>) does nothing unless the decision log has grown since the last run; the
/// nightly run (<c>full</c>) always runs, so a changed policy threshold takes effect by morning.
/// </summary>
public sealed class DetectionJob(GateService gate, PolicyStore policies, TimeProvider time, ILogger<DetectionJob> logger)
{
    public const string HourlyId = "detect-hourly";

    public const string NightlyId = "detect-nightly";

    /// <summary>Runs detection; returns the run's record, or null when an incremental run found nothing new.</summary>
    [DisableConcurrentExecution(timeoutInSeconds: 3600)]
    public async Task<DetectionRunRecord?> RunAsync(bool full, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await using var db = gate.Database.CreateContext();
        await gate.RefreshAsync(cancellationToken);
        var entries = gate.Entries(_ => true);
        var head = entries.Count == 0 ? 0 : entries[^1].Sequence;
        var last = await db.DetectionRuns.AsNoTracking().OrderByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken);
        if (!full && last is not null && last.HeadSequence >= head)
        {
            return null;
        }

        // What counts is what the entries say, read from their verified bytes, never the columns.
        var policy = policies.Active;
        var rows = await gate.ReadAsync(db, entries.Where(e => e.Outcome != DecisionOutcome.Deny).ToList(), cancellationToken);
        var counted = rows.Select(r => RequestJson.Parse(r.Entry.RequestJson, RequestLimits.Stored).Value).OfType<FootageRequest>().ToList();
        var findings = Detectors.Run(policy, counted);
        var now = time.GetUtcNow().UtcTicks;
        var (added, removed) = await StoreAsync(db, findings, policy.Id, now, cancellationToken);
        var run = new DetectionRunRecord
        {
            RanAtTicks = now,
            Mode = full ? "full" : "incremental",
            HeadSequence = head,
            Requests = counted.Count,
            Findings = findings.Count,
            Added = added,
            Removed = removed,
            ElapsedMilliseconds = clock.ElapsedMilliseconds,
        };
        db.DetectionRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation(
            "Detection ({Mode}) over {Requests} counted requests: {Findings} findings, {Added} new, {Removed} no longer found, in {Elapsed} ms",
            run.Mode, run.Requests, run.Findings, added, removed, run.ElapsedMilliseconds);
        return run;
    }

    private static async Task<(int Added, int Removed)> StoreAsync(
        OversightDbContext db, IReadOnlyList<Finding> findings, string policyId, long now, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var stored = await db.Findings.ToDictionaryAsync(f => f.Id, StringComparer.Ordinal, cancellationToken);
        var added = 0;
        foreach (var finding in findings)
        {
            var json = FindingsJson.ToJson(finding);
            if (stored.Remove(finding.Id, out var existing))
            {
                if (existing.Json != json || existing.PolicyId != policyId)
                {
                    Fill(existing, finding, json, policyId);
                    existing.DetectedAtTicks = now;
                }

                continue;
            }

            var record = new FindingRecord { Id = finding.Id, Kind = string.Empty, Severity = string.Empty, Agency = string.Empty, Json = string.Empty, PolicyId = policyId, DetectedAtTicks = now };
            Fill(record, finding, json, policyId);
            db.Findings.Add(record);
            added++;
        }

        db.Findings.RemoveRange(stored.Values);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (added, stored.Count);
    }

    private static void Fill(FindingRecord record, Finding finding, string json, string policyId)
    {
        record.Kind = finding.Kind.Name();
        record.Severity = finding.Severity.Name();
        record.Agency = finding.Agency;
        record.FirstSubmittedAtTicks = finding.FirstSubmittedAt.UtcTicks;
        record.LastSubmittedAtTicks = finding.LastSubmittedAt.UtcTicks;
        record.RequestCount = finding.RequestIds.Count;
        record.Json = json;
        record.PolicyId = policyId;
    }
}
