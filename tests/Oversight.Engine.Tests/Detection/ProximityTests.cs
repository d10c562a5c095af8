using NetTopologySuite.Geometries.Utilities;
using Oversight.Detection;
using Oversight.Geo;
using Oversight.Requests;

namespace Oversight.Tests.Detection;

public sealed class ProximityTests
{
    [Fact]
    public void Within_RandomCirclesAndRectangles_AgreesWithTopology()
    {
        var random = new Random(17);
        var disagreements = new List<string>();
        for (var n = 0; n < 2000; n++)
        {
            var a = Random(random);
            var b = Random(random);
            var metres = random.NextDouble() * 150;
            var expected = Reference(a, b, metres, out var gap);
            if (Math.Abs(gap - metres) < 0.05)
            {
                continue;
            }

            if (Proximity.Within(a, b, metres) != expected)
            {
                disagreements.Add($"gap {gap:0.00} m, threshold {metres:0.00} m");
            }
        }

        Assert.Empty(disagreements);
    }

    private static RequestArea Random(Random random)
    {
        var (lon, lat) = Scenario.Place(random.NextDouble() * 900, random.NextDouble() * 360);
        var size = 30 + (random.NextDouble() * 300);
        return random.NextDouble() < 0.5
            ? RequestArea.FromCircle(lat, lon, size)
            : RequestArea.FromGeometry(Shapes.Square(lon, lat, size));
    }

    /// <summary>NetTopologySuite's distance on the same local projection, with circles as their 64-gons.</summary>
    private static bool Reference(RequestArea a, RequestArea b, double metres, out double gap)
    {
        var lat = (a.Envelope.Centre.Y + b.Envelope.Centre.Y) / 2;
        var (m, n) = GeodesicMeasure.Radii(lat);
        var project = AffineTransformation.ScaleInstance(n * Math.Cos(lat * Math.PI / 180) * Math.PI / 180, m * Math.PI / 180);
        gap = project.Transform(a.Geometry).Distance(project.Transform(b.Geometry));
        return gap <= metres;
    }
}
