using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Oversight.Detection;
using Oversight.Gate;
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

    /// <summary>
    /// The policy's decisions submitted in the period and the one before it (for the change
    /// figures), and the findings whose first request falls in the period. The sha256 is taken
    /// over the log entries' chain hashes in log order, then the findings' ids and stored JSON, then
    /// their dispositions and the notes, so that a report is made again when any of them changes.
    /// </summary>
    public static async Task<ReportInputs> LoadAsync(OversightDbContext db, Policy policy, ReportingPeriod period, CancellationToken cancellationToken)
    {
        var from = period.Previous(policy.TimeZone).Start.UtcTicks;
        var to = period.End.UtcTicks;
        var decisions = await db.Decisions.AsNoTracking()
            .Where(d => d.PolicyId == policy.Id && d.SubmittedAtTicks >= from && d.SubmittedAtTicks < to)
            .OrderBy(d => d.Sequence)
            .Select(d => new { d.RequestJson, d.DecisionJson, d.Outcome, d.PolicyVersion, d.PolicySha256, d.Hash })
            .ToListAsync(cancellationToken);
        var findings = await db.Findings.AsNoTracking()
            .Where(f => f.PolicyId == policy.Id && f.FirstSubmittedAtTicks >= period.Start.UtcTicks && f.FirstSubmittedAtTicks < to)
            .OrderBy(f => f.Id)
            .ToListAsync(cancellationToken);

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var rows = new List<ReportRequest>(decisions.Count);
        foreach (var d in decisions)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(d.Hash + "\n"));
            if (RequestJson.Parse(d.RequestJson, RequestLimits.Stored).Value is { } request && OutcomeNames.TryParse(d.Outcome, out var outcome))
            {
                rows.Add(ReportRequest.From(request, outcome, Violated(d.DecisionJson), policy.Id, d.PolicyVersion, d.PolicySha256));
            }
        }

        var reported = new List<ReportFinding>(findings.Count);
        foreach (var f in findings)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(f.Id + "\n" + f.Json + "\n"));
            using var document = JsonDocument.Parse(f.Json);
            reported.Add(ReportFinding.From(FindingsJson.Read(document.RootElement)));
        }

        var dispositions = await Apis.DispositionsApi.LoadAsync(db, [.. findings.Select(f => f.Id)], cancellationToken);
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
        var timeline = await db.Decisions.AsNoTracking()
            .Where(d => d.PolicyId == policy.Id && d.SubmittedAtTicks >= trendFrom && d.SubmittedAtTicks < to)
            .Select(d => new { d.SubmittedAtTicks, d.Outcome })
            .ToListAsync(cancellationToken);
        var first = await db.Decisions.AsNoTracking().OrderBy(d => d.SubmittedAtTicks).Select(d => (long?)d.SubmittedAtTicks).FirstOrDefaultAsync(cancellationToken);
        return new ReportInputs(rows, reported, Convert.ToHexStringLower(hash.GetHashAndReset()))
        {
            Dispositions = dispositions,
            Notes = notes,
            Timeline = [.. timeline.Select(t => (new DateTimeOffset(t.SubmittedAtTicks, TimeSpan.Zero), OutcomeNames.TryParse(t.Outcome, out var o) ? o : DecisionOutcome.Allow))],
            FirstEntry = first is { } ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null,
        };
    }

    private static List<string> Violated(string decisionJson)
    {
        using var document = JsonDocument.Parse(decisionJson);
        return document.RootElement.TryGetProperty("rules", out var rules)
            ? [.. rules.EnumerateArray().Where(r => r.GetProperty("outcome").GetString() == "violated").Select(r => r.GetProperty("id").GetString()!)]
            : [];
    }
}
