using Oversight.Geo;

namespace Oversight.Detection.Splits;

/// <summary>
/// split-area: requests of one agency submitted within <c>split.withinHours</c> of each other,
/// with windows that overlap in time and areas that overlap or lie within <c>split.nearMeters</c>,
/// linked pair by pair into groups whose union area exceeds the strictest max-area limit.
/// A group never spans more than <c>withinHours</c> of submissions: taken in order of submission,
/// a request joins the groups of its linked earlier requests, the most recent first, only while
/// the group's first and last submissions stay that close. A long run of linked requests (a busy
/// neighbourhood over months) therefore gives consecutive groups, not one that never ends.
/// </summary>
internal static class SplitAreaDetector
{
    public static IEnumerable<Finding> Find(DetectionContext context)
    {
        if (context.MaxAreaRule is not { } rule)
        {
            yield break;
        }

        var limit = rule.Limit.BaseValue;
        var within = TimeSpan.FromHours(context.Settings.SplitWithinHours).Ticks;
        var near = context.Settings.SplitNearMeters;
        var submitted = context.Submitted;
        var groups = new UnionFind(context.Requests.Count);
        var earliest = (long[])submitted.Clone(); // per group, at its root: its first submission
        var candidates = new List<int>();
        var linked = new List<int>();
        var mostRecentFirst = Comparer<int>.Create((x, y) => submitted[x] != submitted[y]
            ? submitted[y].CompareTo(submitted[x])
            : string.CompareOrdinal(context.Requests[y].Id, context.Requests[x].Id));
        foreach (var (_, indices) in context.ByAgency)
        {
            var grid = context.NewGrid(500);
            foreach (var a in indices)
            {
                var area = context.Requests[a].Area;
                grid.Near(area.Envelope, near, b => submitted[a] - submitted[b] > within, candidates);
                linked.Clear();
                foreach (var b in candidates)
                {
                    if (context.Start[a] < context.End[b] && context.Start[b] < context.End[a]
                        && Proximity.Within(area, context.Requests[b].Area, near))
                    {
                        linked.Add(b);
                    }
                }

                // Every member so far was submitted no later than a, so a group joined to a spans
                // from its earliest member to a.
                linked.Sort(mostRecentFirst);
                foreach (var b in linked)
                {
                    var (ra, rb) = (groups.Find(a), groups.Find(b));
                    var first = Math.Min(earliest[ra], earliest[rb]);
                    if (ra != rb && submitted[a] - first <= within)
                    {
                        groups.Union(a, b);
                        earliest[groups.Find(a)] = first;
                    }
                }

                grid.Add(a, area.Envelope);
            }
        }

        // The union is never larger than the sum, so most groups need no union at all. The exact
        // unions are most of this detector's time; groups are independent, so they run on every core.
        var unions = groups.Groups(2)
            .Where(members => members.Sum(m => context.Requests[m].Area.SquareMetres) > limit)
            .AsParallel().AsOrdered()
            .Select(members => (Members: members, Union: Geometries.UnionAreaSquareMetres(members.Select(m => context.Requests[m].Area.Outline()).ToList())))
            .Where(group => group.Union > limit);
        foreach (var (members, union) in unions)
        {
            yield return Describe(context, context.Requests[members[0]].Agency, members, union, limit);
        }
    }

    private static Finding Describe(DetectionContext context, string agency, List<int> members, double union, double limit)
    {
        var ratio = union / limit;
        var cases = members.Select(m => context.Requests[m].CaseNumber is { } c ? Text.TextFold.Key(c) : null).Where(c => !string.IsNullOrEmpty(c)).Distinct(StringComparer.Ordinal).Count();
        var severity = ratio >= 2 || members.Count >= 4 ? Severity.High : ratio >= 1.25 ? Severity.Medium : Severity.Low;
        var ids = context.Ids(members);
        var (first, last) = context.Span(members);
        var unionSqMi = union / Wgs84.SquareMetresPerSquareMile;
        var limitSqMi = limit / Wgs84.SquareMetresPerSquareMile;
        var caseText = cases switch
        {
            0 => "no case number",
            1 => "one case number",
            _ => $"{cases} case numbers",
        };
        var explanation =
            $"{members.Count} requests by {agency} submitted {Wording.Between(context, first.UtcTicks, last.UtcTicks)}, " +
            $"for overlapping times and neighbouring areas, together cover {Wording.SquareMiles(unionSqMi)}: " +
            $"{Wording.Number(ratio, "0.0#")} times the {Wording.SquareMiles(limitSqMi)} a single request may cover ({caseText}).";
        return new Finding(
            FindingIds.Of(FindingKind.SplitArea, agency, ids[0]),
            FindingKind.SplitArea,
            severity,
            agency,
            ids,
            [
                new("unionSqMiles", Wording.Round(unionSqMi, 4)),
                new("limitSqMiles", Wording.Round(limitSqMi, 4)),
                new("ratio", Wording.Round(ratio, 2)),
                new("requests", members.Count),
                new("cases", cases),
            ],
            explanation,
            first,
            last);
    }
}
