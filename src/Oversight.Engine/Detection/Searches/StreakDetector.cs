namespace Oversight.Detection.Searches;

/// <summary>
/// streak: one known officer searching on at least <c>streak.minDays</c> consecutive local days. A
/// working week is four or five days; searching on seven or more days running means searching on
/// days off, or an account used by more than one person.
/// </summary>
internal static class StreakDetector
{
    public static IEnumerable<Finding> Find(SearchContext context)
    {
        var minimum = context.Settings.StreakMinDays;
        foreach (var (agency, officer, indices) in context.ByOfficer)
        {
            var start = 0;
            for (var k = 1; k <= indices.Count; k++)
            {
                var broken = k == indices.Count || context.Day[indices[k]] - context.Day[indices[k - 1]] > 1;
                if (!broken)
                {
                    continue;
                }

                var run = indices.Skip(start).Take(k - start).ToList();
                var days = context.Day[run[^1]] - context.Day[run[0]] + 1;
                if (days >= minimum)
                {
                    yield return Describe(context, run, days);
                }

                start = k;
            }
        }
    }

    private static Finding Describe(SearchContext context, List<int> run, int days)
    {
        var minimum = context.Settings.StreakMinDays;
        var agency = context.AgencyOf(run);
        var officer = context.Searches[run[0]].Requester!;
        var (first, last) = context.Span(run);
        var severity = days >= 2 * minimum ? Severity.High : days >= 1.5 * minimum ? Severity.Medium : Severity.Low;
        return new Finding(
            FindingIds.Of(FindingKind.Streak, agency, officer, context.Day[run[0]].ToString(System.Globalization.CultureInfo.InvariantCulture)),
            FindingKind.Streak,
            severity,
            agency,
            context.Ids(run),
            [new("days", days), new("searches", run.Count), new("perDay", Wording.Round((double)run.Count / days, 2))],
            $"One officer at {context.AgencyName(run)} ran searches on {days} days in a row, from {SearchContext.Date(context.Day[run[0]])} to {SearchContext.Date(context.Day[run[^1]])} ({run.Count} searches).",
            first,
            last,
            officer);
    }
}
