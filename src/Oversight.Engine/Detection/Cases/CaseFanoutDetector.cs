using Oversight.Geo;

namespace Oversight.Detection.Cases;

/// <summary>
/// case-fanout: one case number of one agency behind at least <c>fanout.minRequests</c> counted
/// requests, or behind areas whose union covers at least <c>fanout.minAreaSqMiles</c>, over the
/// whole input. A case needs at least two requests to spread. Case numbers are compared exactly, after trimming.
/// </summary>
internal static class CaseFanoutDetector
{
    public static IEnumerable<Finding> Find(DetectionContext context)
    {
        var settings = context.Settings;
        var minArea = settings.FanoutMinAreaSqMiles * Wgs84.SquareMetresPerSquareMile;
        foreach (var (agency, indices) in context.ByAgency)
        {
            var cases = new Dictionary<string, List<int>>(StringComparer.Ordinal);
            foreach (var i in indices)
            {
                if (context.Requests[i].CaseNumber is { } written && Text.TextFold.Key(written) is { Length: > 0 } number)
                {
                    if (!cases.TryGetValue(number, out var list))
                    {
                        cases[number] = list = [];
                    }

                    list.Add(i);
                }
            }

            foreach (var (number, members) in cases.OrderBy(c => c.Value[0]))
            {
                var total = members.Sum(m => context.Requests[m].Area.SquareMetres);
                if (members.Count < 2 || (members.Count < settings.FanoutMinRequests && total < minArea))
                {
                    continue;
                }

                var union = Geometries.UnionAreaSquareMetres(members.Select(m => context.Requests[m].Area.Outline()).ToList());
                if (members.Count >= settings.FanoutMinRequests || union >= minArea)
                {
                    yield return Describe(context, agency, number, members, union);
                }
            }
        }
    }

    private static Finding Describe(DetectionContext context, string agency, string number, List<int> members, double union)
    {
        var settings = context.Settings;
        var unionSqMi = union / Wgs84.SquareMetresPerSquareMile;
        var severity = members.Count >= 2 * settings.FanoutMinRequests || unionSqMi >= 2 * settings.FanoutMinAreaSqMiles
            ? Severity.High
            : members.Count >= settings.FanoutMinRequests && unionSqMi >= settings.FanoutMinAreaSqMiles ? Severity.High : Severity.Medium;
        var requesters = members.Select(m => Text.TextFold.Key(context.Requests[m].Requester)).Distinct(StringComparer.Ordinal).Count();
        var ids = context.Ids(members);
        var (first, last) = context.Span(members);
        var spanDays = (last - first).TotalDays;
        var explanation =
            $"One case of {agency} is behind {members.Count} requests from {requesters} requester{(requesters == 1 ? string.Empty : "s")} " +
            $"submitted {Wording.Between(context, first.UtcTicks, last.UtcTicks)}, covering {Wording.SquareMiles(unionSqMi)} in all: " +
            "one case number used to reach far beyond one scene.";
        return new Finding(
            FindingIds.Of(FindingKind.CaseFanout, agency, number),
            FindingKind.CaseFanout,
            severity,
            agency,
            ids,
            [
                new("requests", members.Count),
                new("unionSqMiles", Wording.Round(unionSqMi, 4)),
                new("requesters", requesters),
                new("spanDays", Wording.Round(spanDays, 2)),
            ],
            explanation,
            first,
            last);
    }
}
