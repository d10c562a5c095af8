using Oversight.Policies;

namespace Oversight.Reports;

/// <summary>What every part of the builder reads: the period's requests in order, the policy, its limits, the threshold.</summary>
internal sealed class ReportContext
{
    private List<List<ReportRequest>>? versions;

    public ReportContext(ReportInput input)
    {
        Input = input;
        Policy = input.Policy;
        Zone = Policy.TimeZone;
        Period = input.Period;
        Previous = Period.Previous(Zone);
        SuppressBelow = input.Internal ? 0 : Policy.Reporting.SuppressBelow;
        Rows = [.. input.Requests.Where(r => Period.Contains(r.SubmittedAt)).OrderBy(r => r.SubmittedAt)];
        Limits = Limits.Of(Policy);
        Findings = [.. input.Findings.Where(f => Period.Contains(f.FirstSubmittedAt))
            .OrderBy(f => f.Rank).ThenBy(f => f.FirstSubmittedAt).ThenBy(f => f.Id, StringComparer.Ordinal)];
    }

    public ReportInput Input { get; }

    public Policy Policy { get; }

    public TimeZoneInfo Zone { get; }

    public ReportingPeriod Period { get; }

    public ReportingPeriod Previous { get; }

    /// <summary>0 when nothing is suppressed (internal reports).</summary>
    public int SuppressBelow { get; }

    public List<ReportRequest> Rows { get; }

    public Limits Limits { get; }

    public List<ReportFinding> Findings { get; }

    public ReportGeography? Geography => Input.Geography;

    public DateOnly LocalDate(DateTimeOffset time) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time, Zone).DateTime);

    /// <summary>Every Monday-to-Sunday week touching the period, with its requests.</summary>
    public IEnumerable<(string Key, string Name, List<ReportRequest> Rows)> WeekGroups()
    {
        var first = ReportBuilder.Monday(Period.Start, Zone);
        var last = ReportBuilder.Monday(Period.End.AddTicks(-1), Zone);
        var weeks = ((last.DayNumber - first.DayNumber) / 7) + 1;
        var groups = Enumerable.Range(0, weeks).Select(_ => new List<ReportRequest>()).ToArray();
        foreach (var row in Rows)
        {
            groups[(ReportBuilder.Monday(row.SubmittedAt, Zone).DayNumber - first.DayNumber) / 7].Add(row);
        }

        return groups.Select((g, i) => (first.AddDays(7 * i).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), string.Empty, g));
    }

    /// <summary>The period's requests by the policy version that decided them, in order of first use.</summary>
    public List<List<ReportRequest>> VersionGroups() => versions ??=
        [.. Rows.GroupBy(r => (r.PolicyId, r.PolicyVersion, r.PolicySha256))
            .Select(g => g.ToList())
            .OrderBy(g => g[0].SubmittedAt).ThenBy(g => g[0].PolicyId, StringComparer.Ordinal)];
}

/// <summary>The policy's per-request limits on area and window, in sq mi and hours: the tightest ceiling and the highest floor of each.</summary>
internal sealed record Limits(double? AreaSqMiles, double? AreaFloor, double? WindowHours, double? WindowFloor)
{
    public static Limits Of(Policy policy) => new(
        policy.Rules.OfType<MaxAreaRule>().Select(r => (double?)(r.Limit.BaseValue / Geo.Wgs84.SquareMetresPerSquareMile)).Min(),
        policy.Rules.OfType<MinAreaRule>().Select(r => (double?)(r.Limit.BaseValue / Geo.Wgs84.SquareMetresPerSquareMile)).Max(),
        policy.Rules.OfType<MaxWindowRule>().Select(r => (double?)(r.Limit.BaseValue / 3600)).Min(),
        policy.Rules.OfType<MinWindowRule>().Select(r => (double?)(r.Limit.BaseValue / 3600)).Max());
}

/// <summary>
/// Histogram bins: a quarter of the ceiling wide up to twice the ceiling, with the floor as an
/// extra edge, then one open bin. Without a ceiling the bins span the largest value (at least 1).
/// </summary>
internal sealed class Bins
{
    private readonly double[] edges;

    private Bins(double[] edges) => this.edges = edges;

    public int Count => edges.Length;

    public static Bins For(double? limit, double? floor, IEnumerable<double> values)
    {
        var scale = limit ?? Math.Max(1, Math.Ceiling(values.DefaultIfEmpty(0).Max() / 2));
        var width = scale / 4;
        var edges = Enumerable.Range(0, 9).Select(i => i * width).ToList();
        if (floor is { } f && f > 0 && f < edges[^1] && !edges.Any(e => Math.Abs(e - f) < 1e-12))
        {
            edges.Add(f);
            edges.Sort();
        }

        return new Bins([.. edges]);
    }

    public double Lower(int i) => edges[i];

    public double? Upper(int i) => i + 1 < edges.Length ? edges[i + 1] : null;

    public int Index(double value)
    {
        var i = Array.BinarySearch(edges, value);
        return i >= 0 ? i : Math.Max(0, ~i - 1);
    }
}
