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

/// <summary>A report's inputs read from the database: decision-log rows, stored findings, and their sha256.</summary>
internal sealed record ReportInputs(List<ReportRequest> Requests, List<ReportFinding> Findings, string Sha256)
{
    /// <summary>
    /// The policy's decisions submitted in the period and the one before it (for the change
    /// figures), and the findings whose first request falls in the period. The sha256 is taken
    /// over the log entries' chain hashes in log order, then the findings' ids and stored JSON.
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

        return new ReportInputs(rows, reported, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private static List<string> Violated(string decisionJson)
    {
        using var document = JsonDocument.Parse(decisionJson);
        return document.RootElement.TryGetProperty("rules", out var rules)
            ? [.. rules.EnumerateArray().Where(r => r.GetProperty("outcome").GetString() == "violated").Select(r => r.GetProperty("id").GetString()!)]
            : [];
    }
}
