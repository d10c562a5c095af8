using Oversight.Gate;
using Oversight.Policies;
using Oversight.Requests;

namespace Oversight.Reports;

public static partial class ReportBuilder
{
    private static List<WeekRow> Weeks(List<ReportRequest> rows, ReportingPeriod period, TimeZoneInfo zone, int k)
    {
        var first = Monday(period.Start, zone);
        var last = Monday(period.End.AddTicks(-1), zone);
        var weeks = (last.DayNumber - first.DayNumber) / 7 + 1;
        var counts = new int[weeks, 3];
        foreach (var row in rows)
        {
            counts[(Monday(row.SubmittedAt, zone).DayNumber - first.DayNumber) / 7, (int)row.Outcome]++;
        }

        return [.. Enumerable.Range(0, weeks).Select(w => new WeekRow(
            first.AddDays(7 * w),
            counts[w, 0] + counts[w, 1] + counts[w, 2],
            ReportCount.Of(counts[w, 0], k),
            ReportCount.Of(counts[w, 1], k),
            ReportCount.Of(counts[w, 2], k)))];
    }

    /// <summary>The Monday (local date) of the week holding <paramref name="time"/>.</summary>
    internal static DateOnly Monday(DateTimeOffset time, TimeZoneInfo zone)
    {
        var local = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time, zone).DateTime);
        return local.AddDays(-(((int)local.DayOfWeek + 6) % 7));
    }

    private static List<DenialRow> Denials(List<ReportRequest> rows, Policy policy, int k)
    {
        var byRule = new Dictionary<string, int>(StringComparer.Ordinal);
        var byExemption = 0;
        foreach (var row in rows.Where(r => r.Outcome == DecisionOutcome.Deny))
        {
            byExemption += row.Violated.Count == 0 ? 1 : 0;
            foreach (var rule in row.Violated)
            {
                byRule[rule] = byRule.GetValueOrDefault(rule) + 1;
            }
        }

        var rules = policy.Rules.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var table = byRule
            .OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => new DenialRow(p.Key, rules.TryGetValue(p.Key, out var rule) ? RuleDescriptions.Describe(rule) : "(a rule of an earlier policy version)", ReportCount.Of(p.Value, k)))
            .ToList();
        if (byExemption > 0)
        {
            table.Add(new DenialRow("(exemption)", "Denied by an exemption's action, no rule broken", ReportCount.Of(byExemption, k)));
        }

        return table;
    }

    private static List<AgencyRow> Agencies(List<ReportRequest> rows, int k) =>
        [.. rows.GroupBy(r => r.Agency, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var (allowed, review, denied) = Outcomes(g);
                return new AgencyRow(g.Key, g.Count(), ReportCount.Of(allowed, k), ReportCount.Of(review, k), ReportCount.Of(denied, k), Median(g.Select(r => r.AreaSqMiles)), Median(g.Select(r => r.WindowHours)));
            })];

    private static List<BasisRow> Bases(List<ReportRequest> rows, int k) =>
        [.. Enum.GetValues<LegalBasis>().Select(basis =>
        {
            var group = rows.Where(r => r.LegalBasis == basis).ToList();
            var (allowed, review, denied) = Outcomes(group);
            return new BasisRow(basis.Name(), ReportCount.Of(group.Count, k), ReportCount.Of(allowed, k), ReportCount.Of(review, k), ReportCount.Of(denied, k));
        })];

    private static List<PolicyVersionRow> Versions(List<ReportRequest> rows) =>
        [.. rows.GroupBy(r => (r.PolicyId, r.PolicyVersion, r.PolicySha256))
            .Select(g => new PolicyVersionRow(g.Key.PolicyId, g.Key.PolicyVersion, g.Key.PolicySha256, g.Count(), g.Min(r => r.SubmittedAt), g.Max(r => r.SubmittedAt)))
            .OrderBy(v => v.FirstUsed).ThenBy(v => v.PolicyId, StringComparer.Ordinal)];
}
