using Oversight.Detection.Rates;

namespace Oversight.Detection.Searches;

/// <summary>
/// off-hours: one known officer with at least <c>offHours.minSearches</c> searches, at least
/// <c>offHours.minShare</c> of them between <c>offHours.from</c> and <c>offHours.to</c> (local), a share
/// the agency's own makes unlikely: the binomial upper tail at the agency's share is at most
/// <c>rate.pValue</c> divided by the agency's officers.
/// </summary>
internal static class OffHoursDetector
{
    public static IEnumerable<Finding> Find(SearchContext context)
    {
        var settings = context.Settings;
        var officers = context.ByOfficer.GroupBy(o => o.Agency, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var shares = context.ByAgency.ToDictionary(a => a.Agency, a => (double)a.Indices.Count(i => Off(context, i)) / a.Indices.Count, StringComparer.Ordinal);
        foreach (var (agency, officer, indices) in context.ByOfficer)
        {
            if (indices.Count < settings.OffHoursMinSearches)
            {
                continue;
            }

            var off = indices.Where(i => Off(context, i)).ToList();
            var share = (double)off.Count / indices.Count;
            if (share < settings.OffHoursMinShare)
            {
                continue;
            }

            var usual = Math.Clamp(shares[agency], 1e-6, 1 - 1e-6);
            var p = Binomial(off.Count, indices.Count, usual);
            var threshold = settings.RatePValue / officers[agency];
            if (p <= threshold)
            {
                yield return Describe(context, indices, off, share, shares[agency], p, threshold);
            }
        }
    }

    /// <summary>True when the search falls within the off-hours span (which may cross midnight).</summary>
    internal static bool Off(SearchContext context, int i)
    {
        var from = (context.Settings.OffHoursFrom.Hour * 60) + context.Settings.OffHoursFrom.Minute;
        var to = (context.Settings.OffHoursTo.Hour * 60) + context.Settings.OffHoursTo.Minute;
        var m = context.Minute[i];
        return from < to ? m >= from && m < to : m >= from || m < to;
    }

    /// <summary>P(X ≥ k) for X binomial(n, p), summed in log space.</summary>
    internal static double Binomial(int k, int n, double p)
    {
        var sum = 0.0;
        for (var j = k; j <= n; j++)
        {
            var log = CountTail.LogGamma(n + 1.0) - CountTail.LogGamma(j + 1.0) - CountTail.LogGamma(n - j + 1.0) + (j * Math.Log(p)) + ((n - j) * Math.Log(1 - p));
            sum += Math.Exp(log);
        }

        return Math.Min(1, sum);
    }

    private static Finding Describe(SearchContext context, IReadOnlyList<int> all, List<int> off, double share, double usual, double p, double threshold)
    {
        var settings = context.Settings;
        var agency = context.AgencyOf(all);
        var officer = context.Searches[all[0]].Requester!;
        var (first, last) = context.Span(off);
        var span = $"{settings.OffHoursFrom:HH\\:mm} and {settings.OffHoursTo:HH\\:mm}";
        return new Finding(
            FindingIds.Of(FindingKind.OffHours, agency, officer),
            FindingKind.OffHours,
            p <= threshold * 1e-4 ? Severity.High : p <= threshold * 1e-2 ? Severity.Medium : Severity.Low,
            agency,
            context.Ids(off),
            [new("searches", all.Count), new("offHours", off.Count), new("share", Wording.Round(share, 3)), new("agencyShare", Wording.Round(usual, 3)), new("pValue", double.Parse(p.ToString("G3", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture))],
            $"One officer at {context.AgencyName(all)} ran {off.Count} of {all.Count} searches ({Wording.Number(100 * share, "0")}%) between {span}, against {Wording.Number(100 * usual, "0.#")}% of the agency's searches.",
            first,
            last,
            officer);
    }
}
