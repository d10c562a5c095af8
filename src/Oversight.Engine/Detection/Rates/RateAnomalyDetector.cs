namespace Oversight.Detection.Rates;

/// <summary>
/// rate-anomaly: a week in which an agency, or one requester, made far more requests than its own
/// usual week. The week is flagged when its count is at least <see cref="MinRequests"/> and its robust
/// z-score reaches <c>rate.zScore</c>: median and MAD of all the subject's weeks (quiet weeks
/// included), on the square-root scale where chance variation is about 1, and with the spread never
/// below that (<see cref="Robust.CountZScore"/>). The subject needs <see cref="MinWeeks"/> weeks of history. An ML.NET
/// RandomizedPca model over every subject-week's feature vector ranks the flagged weeks (severity) and
/// names the features that drove them.
/// </summary>
internal static class RateAnomalyDetector
{
    public const int MinRequests = 5;

    public const int MinWeeks = 5;

    public static IEnumerable<Finding> Find(DetectionContext context)
    {
        if (context.Requests.Count == 0)
        {
            return [];
        }

        var weekOf = new DateOnly[context.Requests.Count];
        for (var i = 0; i < weekOf.Length; i++)
        {
            weekOf[i] = WeeklyFeatures.WeekOf(context.Local(context.Submitted[i]));
        }

        var lastWeek = weekOf.Max();
        var firstWeek = weekOf.Min();
        var agencies = new List<Subject>();
        var requesters = new List<Subject>();
        foreach (var (agency, indices) in context.ByAgency)
        {
            agencies.Add(Subject.Of(context, agency, null, indices, weekOf, firstWeek, lastWeek));
            // One requester however the badge is written (folded key); named as first written.
            foreach (var group in indices.GroupBy(i => Text.TextFold.Key(context.Requests[i].Requester), StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var list = group.ToList();
                requesters.Add(Subject.Of(context, agency, context.Requests[list[0]].Requester, list, weekOf, list.Min(i => weekOf[i]), lastWeek));
            }
        }

        return Flag(context, agencies).Concat(Flag(context, requesters)).ToList();
    }

    private static IEnumerable<Finding> Flag(DetectionContext context, List<Subject> subjects)
    {
        var rows = new List<double[]>();
        var rowOf = new Dictionary<(Subject, int), int>();
        foreach (var subject in subjects)
        {
            for (var w = 0; w < subject.Weeks.Count; w++)
            {
                if (subject.Weeks[w].Count > 0)
                {
                    rowOf[(subject, w)] = rows.Count;
                    rows.Add(subject.Weeks[w].Vector);
                }
            }
        }

        PcaRanking? ranking = null;
        var trained = false;
        foreach (var subject in subjects)
        {
            if (subject.Weeks.Count < MinWeeks)
            {
                continue;
            }

            var counts = subject.Weeks.Select(w => w.Count).ToArray();
            for (var w = 0; w < subject.Weeks.Count; w++)
            {
                var week = subject.Weeks[w];
                if (week.Count < MinRequests)
                {
                    continue;
                }

                var z = Robust.CountZScore(week.Count, counts);
                if (z < context.Settings.RateZScore)
                {
                    continue;
                }

                if (!trained)
                {
                    (ranking, trained) = (PcaRanking.Train(rows), true);
                }

                yield return RateFinding.Describe(context, subject, w, z, ranking?.Rank(rowOf[(subject, w)], week.Vector));
            }
        }
    }
}

/// <summary>An agency (Requester null) or one requester of it, with every week from its first to the last week of the input.</summary>
internal sealed record Subject(string Agency, string? Requester, IReadOnlyList<WeeklyFeatures> Weeks)
{
    public static Subject Of(DetectionContext context, string agency, string? requester, IReadOnlyList<int> indices, DateOnly[] weekOf, DateOnly first, DateOnly last)
    {
        var byWeek = indices.GroupBy(i => weekOf[i]).ToDictionary(g => g.Key, g => g.ToArray());
        var weeks = new List<WeeklyFeatures>();
        for (var week = first; week <= last; week = week.AddDays(7))
        {
            weeks.Add(WeeklyFeatures.Of(context, week, byWeek.GetValueOrDefault(week) ?? []));
        }

        return new Subject(agency, requester, weeks);
    }
}
