using Oversight.Geo;

namespace Oversight.Detection.Splits;

/// <summary>
/// split-window: requests of one agency whose areas overlap and whose windows overlap or follow
/// one another with a gap of at most 30 minutes, linked pair by pair into groups whose union of
/// windows is longer than the strictest max-window limit.
/// </summary>
internal static class SplitWindowDetector
{
    /// <summary>The longest gap between two windows that still reads as one continuous watch.</summary>
    public static readonly TimeSpan MaxGap = TimeSpan.FromMinutes(30);

    public static IEnumerable<Finding> Find(DetectionContext context)
    {
        if (context.MaxWindowRule is not { } rule)
        {
            yield break;
        }

        var limitHours = rule.Limit.BaseValue / 3600;
        var groups = new UnionFind(context.Requests.Count);
        var candidates = new List<int>();
        foreach (var (_, bySubmission) in context.ByAgency)
        {
            var grid = context.NewGrid(500);
            foreach (var a in bySubmission.OrderBy(i => context.Start[i]).ThenBy(i => i))
            {
                var area = context.Requests[a].Area;
                grid.Near(area.Envelope, 0, b => context.End[b] + MaxGap.Ticks < context.Start[a], candidates);
                foreach (var b in candidates)
                {
                    if (context.Start[a] <= context.End[b] + MaxGap.Ticks && Overlap.WithPositiveArea(area, context.Requests[b].Area))
                    {
                        groups.Union(a, b);
                    }
                }

                grid.Add(a, area.Envelope);
            }
        }

        foreach (var members in groups.Groups(2))
        {
            var hours = UnionHours(context, members);
            if (hours > limitHours)
            {
                yield return Describe(context, context.Requests[members[0]].Agency, members, hours, limitHours);
            }
        }
    }

    /// <summary>Length in hours of the union of the members' windows.</summary>
    public static double UnionHours(DetectionContext context, IEnumerable<int> members)
    {
        long total = 0, runStart = long.MinValue, runEnd = long.MinValue;
        foreach (var m in members.OrderBy(m => context.Start[m]))
        {
            if (context.Start[m] > runEnd)
            {
                total += runEnd - runStart;
                (runStart, runEnd) = (context.Start[m], context.End[m]);
            }
            else
            {
                runEnd = Math.Max(runEnd, context.End[m]);
            }
        }

        total += runEnd - runStart;
        return TimeSpan.FromTicks(total).TotalHours;
    }

    private static Finding Describe(DetectionContext context, string agency, List<int> members, double hours, double limitHours)
    {
        var ratio = hours / limitHours;
        var severity = ratio >= 2 || hours >= 48 ? Severity.High : ratio >= 1.25 ? Severity.Medium : Severity.Low;
        var ids = context.Ids(members);
        var (first, last) = context.Span(members);
        var from = members.Min(m => context.Start[m]);
        var to = members.Max(m => context.End[m]);
        var explanation =
            $"{members.Count} requests by {agency} for overlapping areas ask for footage {Wording.Between(context, from, to)} " +
            $"with no gap over 30 minutes: {Wording.Hours(hours)} of one place, where a single request may cover {Wording.Hours(limitHours)}.";
        return new Finding(
            FindingIds.Of(FindingKind.SplitWindow, agency, ids[0]),
            FindingKind.SplitWindow,
            severity,
            agency,
            ids,
            [
                new("unionHours", Wording.Round(hours, 2)),
                new("limitHours", Wording.Round(limitHours, 2)),
                new("ratio", Wording.Round(ratio, 2)),
                new("requests", members.Count),
            ],
            explanation,
            first,
            last);
    }
}
