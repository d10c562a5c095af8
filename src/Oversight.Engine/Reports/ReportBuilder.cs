using Oversight.Gate;

namespace Oversight.Reports;

/// <summary>Builds the one report model both renderers draw. Pure: the same input gives the same report.</summary>
public static partial class ReportBuilder
{
    public static TransparencyReport Build(ReportInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var policy = input.Policy;
        var zone = policy.TimeZone;
        var k = input.Internal ? 0 : policy.Reporting.SuppressBelow;
        var period = input.Period;
        var previous = period.Previous(zone);
        var rows = input.Requests.Where(r => period.Contains(r.SubmittedAt)).OrderBy(r => r.SubmittedAt).ToList();
        var before = input.Requests.Where(r => previous.Contains(r.SubmittedAt)).ToList();
        var findings = input.Findings.Where(f => period.Contains(f.FirstSubmittedAt))
            .OrderBy(f => f.Rank).ThenBy(f => f.FirstSubmittedAt).ThenBy(f => f.Id, StringComparer.Ordinal).ToList();

        var cover = new ReportCover(
            policy.Title ?? policy.Id, policy.Id, period.Name, period.Start, period.End, zone.Id,
            input.GeneratedAt, input.InputSha256, input.Internal, k);
        var summary = Summarize(rows, before, previous.Name, findings);
        var limits = Limits.Of(policy);
        var geography = input.Geography is { } g ? Geography(rows, g, k) : null;
        return new TransparencyReport(
            cover,
            summary,
            Weeks(rows, period, zone, k),
            Denials(rows, policy, k),
            Histogram("Area", "sq mi", limits.AreaSqMiles, rows.Select(r => r.AreaSqMiles), k),
            Histogram("Time window", "hours", limits.WindowHours, rows.Select(r => r.WindowHours), k),
            geography,
            Agencies(rows, k),
            Bases(rows, k),
            [.. findings.Select(f => new FindingRow(f.Severity, f.Kind, f.Agency, f.FirstSubmittedAt, f.RequestIds.Count, f.Explanation))],
            Versions(rows),
            ReportMethods.Sections(cover, geography, limits),
            input.Internal ? Detail(rows, findings, input.Geography) : null);
    }

    private static ReportSummary Summarize(List<ReportRequest> rows, List<ReportRequest> before, string previousName, List<ReportFinding> findings)
    {
        var (allowed, review, denied) = Outcomes(rows);
        return new ReportSummary(
            rows.Count,
            allowed,
            review,
            denied,
            rows.Count == 0 ? 0 : denied / (double)rows.Count,
            previousName,
            before.Count,
            before.Count(r => r.Outcome == DecisionOutcome.Deny),
            rows.Select(r => r.Agency).Distinct(StringComparer.Ordinal).Count(),
            Median(rows.Select(r => r.AreaSqMiles)),
            Median(rows.Select(r => r.WindowHours)),
            rows.Count == 0 ? 0 : rows.Count(r => !string.IsNullOrWhiteSpace(r.CaseNumber)) / (double)rows.Count,
            findings.Count(f => f.Severity == "high"),
            findings.Count(f => f.Severity == "medium"),
            findings.Count(f => f.Severity == "low"));
    }

    private static (int Allowed, int Review, int Denied) Outcomes(IEnumerable<ReportRequest> rows)
    {
        var counts = new int[3];
        foreach (var row in rows)
        {
            counts[(int)row.Outcome]++;
        }

        return (counts[(int)DecisionOutcome.Allow], counts[(int)DecisionOutcome.Review], counts[(int)DecisionOutcome.Deny]);
    }

    /// <summary>The median, or null for no values.</summary>
    internal static double? Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? null
            : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2]
            : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static InternalDetail Detail(List<ReportRequest> rows, List<ReportFinding> findings, ReportGeography? geography) =>
        new(
            rows,
            [.. rows.Select(r => geography is null ? null : geography.Locate(r.CentroidLon, r.CentroidLat) is var i and >= 0 ? geography.Areas[i].Name : "outside")],
            [.. findings.SelectMany(f => f.RequestIds.Select(id => new FindingRequestRow(f.Id, f.Kind, f.Severity, f.Agency, id)))]);
}
