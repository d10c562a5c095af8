using System.Globalization;

namespace Oversight.Detection.Searches;

/// <summary>
/// vague-reasons: an agency's local week of at least <c>vague.minSearches</c> searches in which at
/// least <c>vague.maxShare</c> gave only a vague reason, as the policy's vague-reason rules read
/// reasons. Without a vague-reason rule there is nothing to measure, and no finding.
/// </summary>
internal static class VagueShareDetector
{
    public static IEnumerable<Finding> Find(SearchContext context)
    {
        if (!context.HasVagueRule)
        {
            yield break;
        }

        var settings = context.Settings;
        foreach (var (agency, indices) in context.ByAgency)
        {
            foreach (var week in indices.GroupBy(i => SearchContext.Monday(context.Day[i])).OrderBy(g => g.Key))
            {
                var all = week.ToList();
                var vague = all.Where(i => context.Vague[i]).ToList();
                var share = (double)vague.Count / all.Count;
                if (all.Count < settings.VagueMinSearches || share < settings.VagueMaxShare)
                {
                    continue;
                }

                var (first, last) = context.Span(vague);
                var severity = share >= 0.75 ? Severity.High : share >= 0.5 ? Severity.Medium : Severity.Low;
                yield return new Finding(
                    FindingIds.Of(FindingKind.VagueReasons, context.AgencyOf(all), DateOnly.FromDayNumber(week.Key).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                    FindingKind.VagueReasons,
                    severity,
                    context.AgencyOf(all),
                    context.Ids(vague),
                    [new("searches", all.Count), new("vague", vague.Count), new("share", Wording.Round(share, 3)), new("officers", all.Select(i => context.Keys[i].Requester).Distinct().Count())],
                    $"{context.AgencyName(all)}: {vague.Count} of {all.Count} searches ({Wording.Number(100 * share, "0")}%) in the week of {SearchContext.Date(week.Key)} gave only a vague reason, which does not say why the search was needed.",
                    first,
                    last);
            }
        }
    }
}
