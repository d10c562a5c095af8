using Oversight.Geo;

namespace Oversight.Detection.Tracks;

/// <summary>
/// track: chains of at least <c>track.minLinks</c> requests of one agency in which each window
/// starts after the previous one started and no later than <c>track.maxGapMinutes</c> after it
/// ended, consecutive centroids are <c>minStepMeters</c>..<c>maxStepMeters</c> apart, and the implied
/// speed (distance over the time between window starts, floored at 5 minutes) is at most
/// <c>maxSpeedKmh</c>. The longest chain is reported first; its requests are then set aside and
/// the search repeats, so one request belongs to at most one track.
/// </summary>
internal static class TrackDetector
{
    /// <summary>The shortest time between window starts used for the speed, so that near-simultaneous starts do not read as infinite speed.</summary>
    public static readonly TimeSpan SpeedFloor = TimeSpan.FromMinutes(5);

    public static IEnumerable<Finding> Find(DetectionContext context)
    {
        var settings = context.Settings;
        var gap = TimeSpan.FromMinutes(settings.TrackMaxGapMinutes).Ticks;
        foreach (var (agency, bySubmission) in context.ByAgency)
        {
            var nodes = bySubmission.OrderBy(i => context.Start[i]).ThenBy(i => i).ToArray();
            var next = new List<(int To, double Metres)>[nodes.Length];
            var hasEdge = false;
            for (var i = 0; i < nodes.Length; i++)
            {
                var a = nodes[i];
                var reach = context.End[a] + gap;
                for (var j = i + 1; j < nodes.Length && context.Start[nodes[j]] <= reach; j++)
                {
                    var b = nodes[j];
                    if (context.Start[b] <= context.Start[a])
                    {
                        continue;
                    }

                    var metres = GeodesicMeasure.DistanceMetres(context.Lon[a], context.Lat[a], context.Lon[b], context.Lat[b]);
                    var hours = Math.Max(context.Start[b] - context.Start[a], SpeedFloor.Ticks) / (double)TimeSpan.TicksPerHour;
                    if (metres >= settings.TrackMinStepMeters && metres <= settings.TrackMaxStepMeters && metres / 1000 / hours <= settings.TrackMaxSpeedKmh)
                    {
                        (next[i] ??= []).Add((j, metres));
                        hasEdge = true;
                    }
                }
            }

            if (!hasEdge)
            {
                continue;
            }

            var used = new bool[nodes.Length];
            while (LongestChain(next, used) is { Count: var links } chain && links >= settings.TrackMinLinks)
            {
                foreach (var k in chain)
                {
                    used[k] = true;
                }

                yield return Describe(context, agency, chain.Select(k => nodes[k]).ToList());
            }
        }
    }

    /// <summary>The longest path through unused nodes (edges go forward in start order); ties go to the earliest end.</summary>
    private static List<int> LongestChain(List<(int To, double Metres)>[] next, bool[] used)
    {
        var length = new int[next.Length];
        var previous = new int[next.Length];
        var best = -1;
        for (var i = 0; i < next.Length; i++)
        {
            if (used[i])
            {
                continue;
            }

            if (length[i] == 0)
            {
                length[i] = 1;
                previous[i] = -1;
            }

            if (best < 0 || length[i] > length[best])
            {
                best = i;
            }

            if (next[i] is null)
            {
                continue;
            }

            foreach (var (to, _) in next[i])
            {
                if (!used[to] && length[i] + 1 > length[to])
                {
                    length[to] = length[i] + 1;
                    previous[to] = i;
                }
            }
        }

        var chain = new List<int>();
        for (var k = best; k >= 0; k = previous[k])
        {
            chain.Add(k);
        }

        chain.Reverse();
        return chain;
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
        var severity = chain.Count > context.Settings.TrackMinLinks || spanHours >= 6 ? Severity.High : Severity.Medium;
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
