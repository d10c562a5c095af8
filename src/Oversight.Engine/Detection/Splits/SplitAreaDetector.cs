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
        foreach (var (agency, indices) in context.ByAgency)
        {
            var groups = new UnionFind(indices.Count);
            for (var i = 0; i < indices.Count; i++)
            {
                var a = indices[i];
                for (var j = i + 1; j < indices.Count && context.Submitted[indices[j]] - context.Submitted[a] <= within; j++)
                {
                    var b = indices[j];
                    if (context.Start[a] < context.End[b] && context.Start[b] < context.End[a]
                        && Proximity.Within(context.Requests[a].Area, context.Requests[b].Area, context.Settings.SplitNearMeters))
                    {
                        groups.Union(i, j);
                    }
                }
            }

            foreach (var group in groups.Groups(2))
            {
                var members = group.Select(k => indices[k]).ToList();
                var union = Geometries.UnionAreaSquareMetres(members.Select(m => context.Requests[m].Area.Geometry).ToList());
                if (union > limit)
                {
                    yield return Describe(context, agency, members, union, limit, rule.Limit.Unit);
                }
            }
        }
    }

    private static Finding Describe(DetectionContext context, string agency, List<int> members, double union, double limit, string unit)
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
