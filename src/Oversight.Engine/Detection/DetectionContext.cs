using Oversight.Policies;
using Oversight.Requests;

namespace Oversight.Detection;

/// <summary>What every detector reads: the counted requests with their times and centroids, grouped by agency.</summary>
internal sealed class DetectionContext
{
    public DetectionContext(Policy policy, IReadOnlyList<FootageRequest> counted)
    {
        Policy = policy;
        Settings = policy.Detection;
        Requests = counted;
        var n = counted.Count;
        Submitted = new long[n];
        Start = new long[n];
        End = new long[n];
        Lon = new double[n];
        Lat = new double[n];
        var agencies = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < n; i++)
        {
            var request = counted[i];
            Submitted[i] = request.SubmittedAt.UtcTicks;
            Start[i] = request.Window.Start.UtcTicks;
            End[i] = request.Window.End.UtcTicks;
            (Lon[i], Lat[i]) = Centroid(request.Area);
            if (!agencies.TryGetValue(request.Agency, out var list))
            {
                agencies[request.Agency] = list = [];
            }

            list.Add(i);
        }

        foreach (var list in agencies.Values)
        {
            list.Sort((a, b) => Submitted[a] != Submitted[b] ? Submitted[a].CompareTo(Submitted[b]) : a.CompareTo(b));
        }

        firstDay = new Lazy<int[]>(() => [.. Start.Select(t => DateOnly.FromDateTime(Local(t).Date).DayNumber)]);
        lastDay = new Lazy<int[]>(() => [.. End.Select(t => DateOnly.FromDateTime(Local(t - 1).Date).DayNumber)]);
        maxAbsLatitude = n == 0 ? 0 : Lat.Max(Math.Abs);
        ByAgency = agencies.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, (IReadOnlyList<int>)p.Value)).ToList();
        MaxAreaRule = policy.Rules.OfType<MaxAreaRule>().OrderBy(r => r.Limit.BaseValue).FirstOrDefault();
        MaxWindowRule = policy.Rules.OfType<MaxWindowRule>().OrderBy(r => r.Limit.BaseValue).FirstOrDefault();
    }

    public Policy Policy { get; }

    public DetectionSettings Settings { get; }

    public IReadOnlyList<FootageRequest> Requests { get; }

    public long[] Submitted { get; }

    public long[] Start { get; }

    public long[] End { get; }

    public double[] Lon { get; }

    public double[] Lat { get; }

    /// <summary>Each agency's requests (indices into <see cref="Requests"/>) in submission order; agencies in ordinal order.</summary>
    public IReadOnlyList<(string Agency, IReadOnlyList<int> Indices)> ByAgency { get; }

    /// <summary>The strictest max-area rule, which split-area measures unions against; null when the policy has none.</summary>
    public MaxAreaRule? MaxAreaRule { get; }

    /// <summary>The strictest max-window rule, which split-window measures unions against; null when the policy has none.</summary>
    public MaxWindowRule? MaxWindowRule { get; }

    public TimeZoneInfo Zone => Policy.TimeZone;

    /// <summary>The local day (day number) each request's window starts on.</summary>
    public int[] FirstDay => firstDay.Value;

    /// <summary>The local day (day number) each request's window ends on; a window ending at midnight ends the day before.</summary>
    public int[] LastDay => lastDay.Value;

    private readonly Lazy<int[]> firstDay;
    private readonly Lazy<int[]> lastDay;

    /// <summary>A sliding grid over the requests' indices, sized for this data's latitudes.</summary>
    public SlidingGrid NewGrid(double cellMetres) => new(cellMetres, maxAbsLatitude, Requests.Count);

    private readonly double maxAbsLatitude;

    public DateTimeOffset Local(long utcTicks) => TimeZoneInfo.ConvertTime(new DateTimeOffset(utcTicks, TimeSpan.Zero), Zone);

    /// <summary>Requests ordered by submission, for the requestIds of a finding.</summary>
    public IReadOnlyList<string> Ids(IEnumerable<int> indices) =>
        indices.Order(Comparer<int>.Create((a, b) => Submitted[a] != Submitted[b] ? Submitted[a].CompareTo(Submitted[b]) : a.CompareTo(b)))
            .Select(i => Requests[i].Id)
            .ToList();

    /// <summary>The first and last submission among the requests.</summary>
    public (DateTimeOffset First, DateTimeOffset Last) Span(IEnumerable<int> indices)
    {
        long first = long.MaxValue, last = long.MinValue;
        foreach (var i in indices)
        {
            first = Math.Min(first, Submitted[i]);
            last = Math.Max(last, Submitted[i]);
        }

        return (new DateTimeOffset(first, TimeSpan.Zero), new DateTimeOffset(last, TimeSpan.Zero));
    }

    private static (double Lon, double Lat) Centroid(RequestArea area)
    {
        if (area.Circle is { } circle)
        {
            return (circle.Lon, circle.Lat);
        }

        var centroid = area.Geometry.Centroid;
        return (centroid.X, centroid.Y);
    }
}
