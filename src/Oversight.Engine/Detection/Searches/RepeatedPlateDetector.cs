namespace Oversight.Detection.Searches;

/// <summary>
/// repeated-plate: one licence plate (compared by its keyed hash; never in clear) searched on at
/// least <c>plate.minDays</c> distinct local days, by any officers of any agencies in the input:
/// someone's car looked up again and again. The finding names the agency with the most of the
/// searches; the metrics say how many agencies took part.
/// </summary>
internal static class RepeatedPlateDetector
{
    public static IEnumerable<Finding> Find(SearchContext context)
    {
        var minimum = context.Settings.PlateMinDays;
        var byPlate = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < context.Searches.Count; i++)
        {
            if (context.Searches[i].PlateHash is { } plate)
            {
                if (!byPlate.TryGetValue(plate, out var list))
                {
                    byPlate[plate] = list = [];
                }

                list.Add(i);
            }
        }

        foreach (var (plate, members) in byPlate.OrderBy(p => p.Value[0]))
        {
            var days = members.Select(i => context.Day[i]).Distinct().Count();
            if (days < minimum)
            {
                continue;
            }

            var agencies = members.GroupBy(i => context.Keys[i].Agency, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
            var officers = members.Select(i => (context.Keys[i].Agency, context.Keys[i].Requester)).Where(o => o.Requester is not null).Distinct().Count();
            var lead = agencies[0].ToList();
            var (first, last) = context.Span(members);
            yield return new Finding(
                FindingIds.Of(FindingKind.RepeatedPlate, plate),
                FindingKind.RepeatedPlate,
                days >= 3 * minimum ? Severity.High : days >= 2 * minimum ? Severity.Medium : Severity.Low,
                context.AgencyOf(lead),
                context.Ids(members),
                [new("searches", members.Count), new("days", days), new("agencies", agencies.Count), new("officers", officers), new("spanDays", Wording.Round((last - first).TotalDays, 2))],
                $"One licence plate was searched on {days} different days between {SearchContext.Date(context.Day[members[0]])} and {SearchContext.Date(context.Day[members[^1]])} ({members.Count} searches by {(agencies.Count == 1 ? context.AgencyName(lead) : $"{agencies.Count} agencies, most by {context.AgencyName(lead)}")}): a vehicle followed over time.",
                first,
                last);
        }
    }
}
