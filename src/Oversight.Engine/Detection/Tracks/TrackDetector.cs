using NetTopologySuite.Geometries;
using Oversight.Geo;

namespace Oversight.Detection.Tracks;

/// <summary>
/// track: chains of at least <c>track.minLinks</c> requests of one agency in which each window
/// starts after the previous one started and no later than <c>track.maxGapMinutes</c> after it
/// ended, consecutive centroids are <c>minStepMeters</c>..<c>maxStepMeters</c> apart, and the implied
/// speed (distance over the time between window starts, floored at 5 minutes) is at most
/// <c>maxSpeedKmh</c>. The longest chains are taken first and a request belongs to at most one track.
/// </summary>
internal static class TrackDetector
{
    /// <summary>The shortest time between window starts used for the speed, so that near-simultaneous starts do not read as infinite speed.</summary>
    public static readonly TimeSpan SpeedFloor = TimeSpan.FromMinutes(5);

    public static IEnumerable<Finding> Find(DetectionContext context)
    {
        var settings = context.Settings;
        var gap = TimeSpan.FromMinutes(settings.TrackMaxGapMinutes).Ticks;
        var position = new int[context.Requests.Count];
        var candidates = new List<int>();
        foreach (var (agency, bySubmission) in context.ByAgency)
        {
            var nodes = bySubmission.OrderBy(i => context.Start[i]).ThenBy(i => i).ToArray();
            var next = new List<(int To, double Metres)>?[nodes.Length];
            var hasEdge = false;
            var grid = context.NewGrid(settings.TrackMaxStepMeters);
            for (var k = 0; k < nodes.Length; k++)
            {
                var b = nodes[k];
                position[b] = k;
                var point = new Envelope(context.Lon[b], context.Lon[b], context.Lat[b], context.Lat[b]);
                grid.Near(point, settings.TrackMaxStepMeters, a => context.End[a] + gap < context.Start[b], candidates);
                foreach (var a in candidates)
                {
                    if (context.Start[a] >= context.Start[b] || context.Start[b] > context.End[a] + gap)
                    {
                        continue;
                    }

                    var metres = GeodesicMeasure.DistanceMetres(context.Lon[a], context.Lat[a], context.Lon[b], context.Lat[b]);
                    var hours = Math.Max(context.Start[b] - context.Start[a], SpeedFloor.Ticks) / (double)TimeSpan.TicksPerHour;
                    if (metres >= settings.TrackMinStepMeters && metres <= settings.TrackMaxStepMeters && metres / 1000 / hours <= settings.TrackMaxSpeedKmh)
                    {
                        (next[position[a]] ??= []).Add((k, metres));
                        hasEdge = true;
                    }
                }

                grid.Add(b, point);
            }

            if (!hasEdge)
            {
                continue;
            }

            foreach (var chain in Chains(next, settings.TrackMinLinks))
            {
                yield return Describe(context, agency, chain.Select(k => nodes[k]).ToList());
            }
        }
    }

    /// <summary>
    /// Chains of at least <paramref name="minLinks"/> nodes: the longest path ending at each node is
    /// found in one pass (edges go forward), then paths are taken longest first, each stopping
    /// where it meets a node an earlier chain took.
    /// </summary>
    private static IEnumerable<List<int>> Chains(List<(int To, double Metres)>?[] next, int minLinks)
    {
        var length = new int[next.Length];
        var previous = new int[next.Length];
        for (var i = 0; i < next.Length; i++)
        {
            (length[i], previous[i]) = (Math.Max(length[i], 1), length[i] == 0 ? -1 : previous[i]);
            foreach (var (to, _) in next[i] ?? [])
            {
                if (length[i] + 1 > length[to])
                {
                    (length[to], previous[to]) = (length[i] + 1, i);
                }
            }
        }

        var used = new bool[next.Length];
        foreach (var end in Enumerable.Range(0, next.Length).Where(i => length[i] >= minLinks).OrderByDescending(i => length[i]).ThenBy(i => i))
        {
            var chain = new List<int>();
            for (var k = end; k >= 0 && !used[k]; k = previous[k])
            {
                chain.Add(k);
            }

            if (chain.Count < minLinks)
            {
                continue;
            }

            chain.Reverse();
            foreach (var k in chain)
            {
                used[k] = true;
            }

            yield return chain;
        }
    }

    private static Finding Describe(DetectionContext context, string agency, List<int> chain)
    {
        double path = 0, topSpeed = 0;
        for (var k = 1; k < chain.Count; k++)
        {
            var (a, b) = (chain[k - 1], chain[k]);
            var metres = GeodesicMeasure.DistanceMetres(context.Lon[a], context.Lat[a], context.Lon[b], context.Lat[b]);
            var hours = Math.Max(context.Start[b] - context.Start[a], SpeedFloor.Ticks) / (double)TimeSpan.TicksPerHour;
            path += metres;
            topSpeed = Math.Max(topSpeed, metres / 1000 / hours);
        }

        var from = context.Start[chain[0]];
        var to = chain.Max(i => context.End[i]);
        var spanHours = (to - from) / (double)TimeSpan.TicksPerHour;
        var severity = chain.Count > context.Settings.TrackMinLinks ? Severity.High : Severity.Medium;
        var ids = chain.Select(i => context.Requests[i].Id).ToList();
        var (first, last) = context.Span(chain);
        var explanation =
            $"{chain.Count} requests by {agency} ask for footage {Wording.Between(context, from, to)} along a {Wording.Distance(path)} path, " +
            $"each place a short trip from the last (at most {Wording.Number(topSpeed, topSpeed < 10 ? "0.0" : "0")} km/h): together they can follow one person's movements.";
        return new Finding(
            FindingIds.Of(FindingKind.Track, agency, ids[0]),
            FindingKind.Track,
            severity,
            agency,
            ids,
            [
                new("links", chain.Count),
                new("pathMeters", Math.Round(path)),
                new("spanHours", Wording.Round(spanHours, 2)),
                new("maxSpeedKmh", Wording.Round(topSpeed, 1)),
            ],
            explanation,
            first,
            last);
    }
}
