using System.Globalization;
using Oversight.Policies;
using Oversight.Searches.Audit;

namespace Oversight.Detection.Searches;

/// <summary>
/// breadth-outlier: an agency's searches in one local week that ran over more than
/// <c>breadth.factor</c> times the agency's 90th percentile of breadth (cameras; networks where the
/// export counts only those): far wider than even the agency's usual wide search. An agency needs
/// 20 searches with a published breadth for its percentile to mean anything.
/// </summary>
internal static class BreadthOutlierDetector
{
    public const int MinSearches = 20;

    public static IEnumerable<Finding> Find(SearchContext context)
    {
        foreach (var (agency, indices) in context.ByAgency)
        {
            foreach (var of in new[] { Breadth.Cameras, Breadth.Networks })
            {
                var known = indices.Where(i => SearchAudit.BreadthOf(context.Searches[i], of) is not null).ToList();
                if (known.Count < MinSearches || (of == Breadth.Networks && indices.Any(i => context.Searches[i].CamerasSearched is not null)))
                {
                    continue;
                }

                var sorted = known.Select(i => SearchAudit.BreadthOf(context.Searches[i], of)!.Value).Order().ToArray();
                var p90 = sorted[(int)Math.Ceiling(0.9 * sorted.Length) - 1];
                var cut = context.Settings.BreadthFactor * p90;
                var unit = SearchAudit.Unit(of);
                foreach (var week in known.Where(i => SearchAudit.BreadthOf(context.Searches[i], of) > cut).GroupBy(i => SearchContext.Monday(context.Day[i])).OrderBy(g => g.Key))
                {
                    var members = week.ToList();
                    var widest = members.Max(i => SearchAudit.BreadthOf(context.Searches[i], of)!.Value);
                    var officers = members.Select(i => context.Keys[i].Requester).Where(r => r is not null).Distinct(StringComparer.Ordinal).Count();
                    var (first, last) = context.Span(members);
                    yield return new Finding(
                        FindingIds.Of(FindingKind.BreadthOutlier, context.AgencyOf(members), unit, DateOnly.FromDayNumber(week.Key).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                        FindingKind.BreadthOutlier,
                        widest >= 4 * cut ? Severity.High : members.Count >= 5 ? Severity.Medium : Severity.Low,
                        context.AgencyOf(members),
                        context.Ids(members),
                        [new("searches", members.Count), new("widest", widest), new("agencyP90", p90), new("cut", Wording.Round(cut, 0)), new("officers", officers)],
                        $"{context.AgencyName(members)}: {members.Count} search{(members.Count == 1 ? string.Empty : "es")} in the week of {SearchContext.Date(week.Key)} ran over more than {Wording.Number(cut, "N0")} {unit} (the widest over {widest.ToString("N0", CultureInfo.InvariantCulture)}), " +
                        $"more than {Wording.Number(context.Settings.BreadthFactor)} times the agency's usual wide search ({p90.ToString("N0", CultureInfo.InvariantCulture)} {unit}, its 90th percentile).",
                        first,
                        last);
                }
            }
        }
    }
}
