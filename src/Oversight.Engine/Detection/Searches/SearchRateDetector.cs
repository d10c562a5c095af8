using System.Globalization;
using Oversight.Detection.Rates;

namespace Oversight.Detection.Searches;

/// <summary>
/// rate-anomaly for searches: a local week in which an agency, or one known officer, searched far
/// more than its own other weeks make likely. The expected count comes from the subject's other
/// weeks (per day of the input they cover), the spread from theirs too; the week is flagged when
/// the upper tail of that count (<see cref="CountTail"/>) is at most <c>rate.pValue</c> divided by
/// the subject's weeks, and the count exceeds the expected one by at least <c>rate.minExcess</c>.
/// A subject needs <see cref="MinWeeks"/> weeks, from its first week to the input's last.
/// </summary>
internal static class SearchRateDetector
{
    public const int MinWeeks = 4;

    public static IEnumerable<Finding> Find(SearchContext context)
    {
        if (context.Searches.Count == 0)
        {
            yield break;
        }

        foreach (var (agency, indices) in context.ByAgency)
        {
            foreach (var finding in Flag(context, indices, null))
            {
                yield return finding;
            }
        }

        foreach (var (_, officer, indices) in context.ByOfficer)
        {
            foreach (var finding in Flag(context, indices, context.Searches[indices[0]].Requester))
            {
                yield return finding;
            }
        }
    }

    private static IEnumerable<Finding> Flag(SearchContext context, IReadOnlyList<int> indices, string? officer)
    {
        var settings = context.Settings;
        var first = SearchContext.Monday(context.Day[indices[0]]);
        var last = SearchContext.Monday(context.LastDay);
        var weeks = ((last - first) / 7) + 1;
        if (weeks < MinWeeks)
        {
            yield break;
        }

        var counts = new int[weeks];
        var members = new List<int>[weeks];
        var days = new int[weeks];
        for (var w = 0; w < weeks; w++)
        {
            var monday = first + (7 * w);
            days[w] = Math.Min(monday + 6, context.LastDay) - Math.Max(monday, context.FirstDay) + 1;
            members[w] = [];
        }

        foreach (var i in indices)
        {
            var w = (SearchContext.Monday(context.Day[i]) - first) / 7;
            counts[w]++;
            members[w].Add(i);
        }

        var threshold = settings.RatePValue / weeks;
        for (var w = 0; w < weeks; w++)
        {
            var (expected, dispersion, perDay) = CountTail.Baseline(counts, days, w);
            if (double.IsNaN(expected) || counts[w] - expected < settings.RateMinExcess)
            {
                continue;
            }

            var p = CountTail.Upper(counts[w], expected, dispersion);
            if (p <= threshold)
            {
                yield return Describe(context, officer, first + (7 * w), members[w], expected, dispersion, perDay, p, threshold, weeks);
            }
        }
    }

    private static Finding Describe(SearchContext context, string? officer, int monday, List<int> members, double expected, double dispersion, double perDay, double p, double threshold, int weeks)
    {
        var agency = context.AgencyOf(members);
        var severity = p <= threshold * 1e-4 ? Severity.High : p <= threshold * 1e-2 ? Severity.Medium : Severity.Low;
        var who = officer is null ? context.AgencyName(members) : $"One officer at {context.AgencyName(members)}";
        var explanation =
            $"{who} ran {members.Count} searches in the week of {SearchContext.Date(monday)}, against about {Wording.Number(expected)} expected from {(officer is null ? "its" : "their")} other weeks " +
            $"(a week this busy has a chance of {Chance(p)} at {(officer is null ? "its" : "their")} usual rate).";
        var (firstAt, lastAt) = context.Span(members);
        return new Finding(
            FindingIds.Of(FindingKind.RateAnomaly, agency, officer ?? string.Empty, DateOnly.FromDayNumber(monday).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "searches"),
            FindingKind.RateAnomaly,
            severity,
            agency,
            context.Ids(members),
            [
                new("searches", members.Count),
                new("expected", Wording.Round(expected, 2)),
                new("excess", Wording.Round(members.Count - expected, 2)),
                new("pValue", double.Parse(p.ToString("G3", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)),
                new("dispersion", Wording.Round(dispersion, 3)),
                new("usualPerWeek", Wording.Round(perDay * 7, 2)),
                new("weeks", weeks),
            ],
            explanation,
            firstAt,
            lastAt,
            officer);
    }

    /// <summary>"1 in 2,300", "less than 1 in a billion".</summary>
    internal static string Chance(double p) =>
        p < 1e-9 ? "less than 1 in a billion"
        : $"1 in {Math.Round(1 / p, 1 / p >= 100 ? 0 : 1).ToString(1 / p >= 1000 ? "N0" : "0.#", CultureInfo.InvariantCulture)}";
}
