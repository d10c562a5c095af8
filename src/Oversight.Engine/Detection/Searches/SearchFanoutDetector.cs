namespace Oversight.Detection.Searches;

/// <summary>
/// case-fanout for searches: one case number of one agency (the case-number column, or one typed
/// into the reason where the export has no such column) behind at least <c>fanout.minRequests</c>
/// searches, or searches on at least <c>fanout.minDays</c> distinct local days: one case used to keep
/// looking.
/// </summary>
internal static class SearchFanoutDetector
{
    public static IEnumerable<Finding> Find(SearchContext context)
    {
        var settings = context.Settings;
        foreach (var (agency, indices) in context.ByAgency)
        {
            foreach (var group in indices.Where(i => context.Keys[i].Case is not null).GroupBy(i => context.Keys[i].Case!, StringComparer.Ordinal).OrderBy(g => g.First()))
            {
                var members = group.ToList();
                var days = members.Select(i => context.Day[i]).Distinct().Count();
                if (members.Count < 2 || (members.Count < settings.FanoutMinRequests && days < settings.FanoutMinDays))
                {
                    continue;
                }

                var officers = members.Select(i => context.Keys[i].Requester).Where(r => r is not null).Distinct(StringComparer.Ordinal).Count();
                var (first, last) = context.Span(members);
                var high = members.Count >= 2 * settings.FanoutMinRequests || days >= 2 * settings.FanoutMinDays;
                yield return new Finding(
                    FindingIds.Of(FindingKind.CaseFanout, context.AgencyOf(members), group.Key, "searches"),
                    FindingKind.CaseFanout,
                    high ? Severity.High : Severity.Medium,
                    context.AgencyOf(members),
                    context.Ids(members),
                    [new("searches", members.Count), new("days", days), new("officers", officers), new("spanDays", Wording.Round((last - first).TotalDays, 2))],
                    $"One case of {context.AgencyName(members)} is behind {members.Count} searches on {days} different days, from {SearchContext.Date(context.Day[members[0]])} to {SearchContext.Date(context.Day[members[^1]])}, by {officers} known officer{(officers == 1 ? string.Empty : "s")}: one case number used to keep looking.",
                    first,
                    last);
            }
        }
    }
}
