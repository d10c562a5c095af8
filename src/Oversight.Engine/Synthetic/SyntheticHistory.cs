using Oversight.Geo;
using Oversight.Requests;

namespace Oversight.Synthetic;

/// <summary>Settings for <see cref="SyntheticHistory"/>.</summary>
/// <param name="Count">How many requests.</param>
/// <param name="Seed">Same seed, same requests.</param>
/// <param name="Start">Submissions start here (UTC midnight of the date).</param>
/// <param name="Days">Submissions spread evenly over this many days.</param>
public sealed record SyntheticOptions(int Count, int Seed, DateOnly Start, int Days);

/// <summary>
/// Plausible city-wide footage requests around Rochester, MN: a few agencies, dozens of
/// requesters, cases of one to a few requests, mostly small areas and short windows, and a
/// small share that break typical limits (large areas, long windows, old footage, no case
/// number, protest-related). For demos, benchmarks and tests; deterministic for a seed.
/// </summary>
public static class SyntheticHistory
{
    private const double CenterLat = 44.0121;
    private const double CenterLon = -92.4802;

    private static readonly (string Agency, string Prefix, double Share, int Officers)[] Agencies =
    [
        ("rochester-mn-pd", "RPD", 0.70, 60),
        ("olmsted-county-so", "OCSO", 0.25, 25),
        ("mn-state-patrol", "MSP", 0.05, 8),
    ];

    private static readonly (string Type, string Text)[] Incidents =
    [
        ("burglary", "Residential burglary, suspect fled on foot toward the alley"),
        ("theft", "Package theft from front porch, suspect left in a dark sedan"),
        ("vehicle-theft", "Vehicle stolen from driveway overnight, plates recorded"),
        ("assault", "Assault reported near the intersection, suspect ran east"),
        ("vandalism", "Vandalism to parked cars along the block, several vehicles damaged"),
        ("hit-and-run", "Hit-and-run collision with a cyclist, vehicle fled north"),
        ("robbery", "Robbery of a pedestrian at knifepoint, suspect on a bicycle"),
        ("missing-person", "Missing adult last seen walking near the park entrance"),
    ];

    public static IEnumerable<FootageRequest> Generate(SyntheticOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Days);
        var random = new Random(options.Seed);
        var start = new DateTimeOffset(options.Start.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var span = TimeSpan.FromDays(options.Days);
        var caseCounters = new int[Agencies.Length];
        var openCase = new (string Case, double Lat, double Lon, int Left)?[Agencies.Length];
        for (var i = 0; i < options.Count; i++)
        {
            var submitted = start + (span * ((i + random.NextDouble()) / Math.Max(options.Count, 1)));
            submitted = new DateTimeOffset(submitted.Ticks - (submitted.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
            var a = PickAgency(random.NextDouble());
            var (agency, prefix, _, officers) = Agencies[a];

            // Cases run to one to four requests around one place.
            if (openCase[a] is not { Left: > 0 } current)
            {
                caseCounters[a]++;
                var (lat0, lon0) = Place(random);
                current = ($"{prefix}-{submitted.Year}-{caseCounters[a]:00000}", lat0, lon0, 1 + (int)(random.NextDouble() * random.NextDouble() * 4));
            }

            openCase[a] = current with { Left = current.Left - 1 };
            var (lat, lon) = Jitter(random, current.Lat, current.Lon, 300);
            var incident = Incidents[random.Next(Incidents.Length)];
            var roll = random.NextDouble();
            var hours = roll < 0.03 ? 12 + (random.NextDouble() * 24) : 0.5 + (random.NextDouble() * 7.5);
            var delayHours = roll is > 0.05 and < 0.07 ? 24 * (31 + (random.NextDouble() * 30)) : 1 + (random.NextDouble() * 48);
            var end = submitted - TimeSpan.FromHours(delayHours);
            var windowStart = end - TimeSpan.FromHours(hours);
            var radius = random.NextDouble() < 0.05 ? 700 + (random.NextDouble() * 800) : 120 + (random.NextDouble() * 380);
            var area = random.NextDouble() < 0.6
                ? RequestArea.FromCircle(Math.Round(lat, 6), Math.Round(lon, 6), Math.Round(radius))
                : RequestArea.FromGeometry(Rectangle(lat, lon, radius));
            var basisRoll = random.NextDouble();
            var description = roll is > 0.10 and < 0.11 ? "Disturbance during protest march downtown" : incident.Text;
            yield return new FootageRequest
            {
                Id = $"{prefix}-REQ-{i + 1:0000000}",
                Agency = agency,
                Requester = $"badge-{(a + 1) * 1000 + random.Next(officers)}",
                CaseNumber = random.NextDouble() < 0.04 ? null : current.Case,
                IncidentType = incident.Type,
                Description = description,
                LegalBasis = basisRoll < 0.90 ? LegalBasis.Consent : basisRoll < 0.97 ? LegalBasis.Warrant : LegalBasis.Exigent,
                SubmittedAt = submitted,
                Window = new TimeWindow(Minute(windowStart), Minute(end)),
                Area = area,
            };
        }
    }

    private static int PickAgency(double roll)
    {
        for (var i = 0; i < Agencies.Length; i++)
        {
            roll -= Agencies[i].Share;
            if (roll < 0)
            {
                return i;
            }
        }

        return 0;
    }

    /// <summary>Denser near the centre: the city, then the county around it.</summary>
    private static (double Lat, double Lon) Place(Random random)
    {
        var distance = random.NextDouble() < 0.8 ? random.NextDouble() * 6000 : 6000 + (random.NextDouble() * 14000);
        var (lon, lat) = GeodesicMeasure.Destination(CenterLon, CenterLat, random.NextDouble() * 360, distance);
        return (lat, lon);
    }

    private static (double Lat, double Lon) Jitter(Random random, double lat, double lon, double metres)
    {
        var (x, y) = GeodesicMeasure.Destination(lon, lat, random.NextDouble() * 360, random.NextDouble() * metres);
        return (y, x);
    }

    private static NetTopologySuite.Geometries.Polygon Rectangle(double lat, double lon, double halfSide)
    {
        var dLat = halfSide / 111_132.0;
        var dLon = halfSide / (111_320.0 * Math.Cos(lat * Math.PI / 180));
        double r(double v) => Math.Round(v, 6);
        return Geometries.Factory.CreatePolygon(
        [
            new(r(lon - dLon), r(lat - dLat)), new(r(lon + dLon), r(lat - dLat)), new(r(lon + dLon), r(lat + dLat)),
            new(r(lon - dLon), r(lat + dLat)), new(r(lon - dLon), r(lat - dLat)),
        ]);
    }

    private static DateTimeOffset Minute(DateTimeOffset time) =>
        new(time.Ticks - (time.Ticks % TimeSpan.TicksPerMinute), time.Offset);
}
