using Oversight.Geo;

namespace Oversight.Detection.Splits;

/// <summary>
/// split-area: requests of one agency submitted within <c>split.withinHours</c> of each other,
/// with windows that overlap in time and areas that overlap or lie within <c>split.nearMeters</c>,
/// linked pair by pair into groups whose union area exceeds the strictest max-area limit.
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
        var groups = new UnionFind(context.Requests.Count);
        var candidates = new List<int>();
        foreach (var (_, indices) in context.ByAgency)
        {
            var grid = context.NewGrid(500);
            foreach (var a in indices)
            {
                var area = context.Requests[a].Area;
                grid.Near(area.Envelope, near, b => context.Submitted[a] - context.Submitted[b] > within, candidates);
                foreach (var b in candidates)
                {
                    if (context.Start[a] < context.End[b] && context.Start[b] < context.End[a]
                        && Proximity.Within(area, context.Requests[b].Area, near))
                    {
                        groups.Union(a, b);
                    }
                }

                grid.Add(a, area.Envelope);
            }
        }

        foreach (var members in groups.Groups(2))
        {
            // The union is never larger than the sum, so most groups need no union at all.
            if (members.Sum(m => context.Requests[m].Area.SquareMetres) <= limit)
            {
                continue;
            }

            var union = Geometries.UnionAreaSquareMetres(members.Select(m => context.Requests[m].Area.Outline()).ToList());
            if (union > limit)
            {
                yield return Describe(context, context.Requests[members[0]].Agency, members, union, limit);
            }
        }
    }

    private static Finding Describe(DetectionContext context, string agency, List<int> members, double union, double limit)
    {
        var ratio = union / limit;
        var cases = members.Select(m => context.Requests[m].CaseNumber).Where(c => !string.IsNullOrWhiteSpace(c)).Distinct(StringComparer.Ordinal).Count();
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
