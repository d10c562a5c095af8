using Oversight.Geo;
using Oversight.Requests;
using Oversight.Tests.Support;

namespace Oversight.Tests.Detection;

/// <summary>
/// A quarter of plausible city-wide requests (Rochester, MN; July to September 2026): three agencies,
/// a few dozen requesters, small areas scattered over the city, short windows in the days before
/// submission, one or two requests per case. Detectors should find nothing in it on its own; tests
/// plant a pattern in it and expect exactly that pattern back.
/// </summary>
internal static class Scenario
{
    public const double CentreLat = 44.0216;
    public const double CentreLon = -92.4699;

    /// <summary>1 July 2026, 00:00 in Rochester (UTC−5 in summer).</summary>
    public static readonly DateTimeOffset Start = new(2026, 7, 1, 0, 0, 0, TimeSpan.FromHours(-5));

    public static readonly string[] Agencies = ["rochester-mn-pd", "olmsted-county-so", "mn-state-patrol"];

    public static List<FootageRequest> Noise(int seed, int perDay = 10, int days = 92)
    {
        var random = new Random(seed);
        var requests = new List<FootageRequest>();
        var caseNumber = 0;
        string? openCase = null;
        for (var i = 0; i < perDay * days; i++)
        {
            var submitted = Start.AddDays(days * (i + random.NextDouble()) / (perDay * days));
            var a = random.NextDouble() switch { < 0.6 => 0, < 0.9 => 1, _ => 2 };
            var requesters = a switch { 0 => 40, 1 => 25, _ => 10 };
            if (openCase is null || random.NextDouble() < 0.7)
            {
                openCase = $"C-{++caseNumber:00000}";
            }

            var (lon, lat) = GeodesicMeasure.Destination(CentreLon, CentreLat, random.NextDouble() * 360, 9000 * Math.Sqrt(random.NextDouble()));
            var end = submitted.AddHours(-(1 + (random.NextDouble() * 120)));
            var start = end.AddHours(-(0.5 + (random.NextDouble() * 3.5)));
            requests.Add(RequestBuilder.At(submitted)
                .Id($"n-{i:00000}")
                .Agency(Agencies[a])
                .Requester($"badge-{a}{random.Next(requesters):000}")
                .Case(openCase)
                .Window(start, end)
                .Circle(lat, lon, 60 + (random.NextDouble() * 120))
                .Build());
        }

        return requests;
    }

    /// <summary>A point at a distance and bearing from the city centre.</summary>
    public static (double Lon, double Lat) Place(double metres, double bearing = 90) =>
        GeodesicMeasure.Destination(CentreLon, CentreLat, bearing, metres);

    /// <summary>A local time in the quarter: day 0 is 1 July.</summary>
    public static DateTimeOffset At(int day, double hour) => Start.AddDays(day).AddHours(hour);
}
