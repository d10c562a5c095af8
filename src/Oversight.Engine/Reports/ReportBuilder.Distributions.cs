using Oversight.Policies;

namespace Oversight.Reports;

public static partial class ReportBuilder
{
    /// <summary>Bins of a quarter of the limit up to twice the limit, then one open bin.</summary>
    /// <remarks>Without a limit the bins span the largest value seen (at least 1).</remarks>
    private static Distribution Histogram(string measure, string unit, double? limit, IEnumerable<double> values, int k)
    {
        var list = values.ToList();
        var scale = limit ?? Math.Max(1, Math.Ceiling(list.DefaultIfEmpty(0).Max() / 2));
        var width = scale / 4;
        const int Closed = 8;
        var counts = new int[Closed + 1];
        foreach (var value in list)
        {
            counts[Math.Min(Closed, (int)Math.Floor(value / width))]++;
        }

        var bins = Enumerable.Range(0, Closed + 1)
            .Select(i => new DistributionBin(i * width, i < Closed ? (i + 1) * width : null, ReportCount.Of(counts[i], k)))
            .ToList();
        return new Distribution(measure, unit, limit, bins);
    }

    private static GeographyBreakdown Geography(List<ReportRequest> rows, ReportGeography geography, int k)
    {
        var counts = new int[geography.Areas.Count];
        var outside = 0;
        foreach (var row in rows)
        {
            var i = geography.Locate(row.CentroidLon, row.CentroidLat);
            if (i < 0)
            {
                outside++;
            }
            else
            {
                counts[i]++;
            }
        }

        var areas = geography.Areas
            .Select((a, i) => new GeographyRow(a.Id, a.Name, ReportCount.Of(counts[i], k), a.Shape))
            .OrderBy(a => a.Id, StringComparer.Ordinal)
            .ToList();
        return new GeographyBreakdown(geography.Source, areas, ReportCount.Of(outside, k));
    }
}

/// <summary>The policy's per-request limits on area and window, in sq mi and hours (the tightest of each kind).</summary>
internal sealed record Limits(double? AreaSqMiles, double? WindowHours)
{
    public static Limits Of(Policy policy) => new(
        policy.Rules.OfType<MaxAreaRule>().Select(r => (double?)(r.Limit.BaseValue / Geo.Wgs84.SquareMetresPerSquareMile)).Min(),
        policy.Rules.OfType<MaxWindowRule>().Select(r => (double?)(r.Limit.BaseValue / 3600)).Min());
}
