using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NetTopologySuite.Geometries;
using Oversight.Geo;
using Oversight.Tests.Support;

namespace Oversight.Tests.Geo;

public sealed class GeodesicMeasureTests
{
    /// <summary>
    /// Independent reference: the ellipsoidal area of a lon/lat quadrangle is Δλ·∫ M(φ)N(φ)cos φ dφ,
    /// integrated here numerically (Simpson, 2,000 steps) from the WGS84 radii of curvature.
    /// </summary>
    private static double QuadrangleReference(double lon0, double lat0, double lon1, double lat1)
    {
        const double a = 6378137.0, f = 1 / 298.257223563;
        var e2 = f * (2 - f);
        double Integrand(double phi)
        {
            var w = 1 - (e2 * Math.Sin(phi) * Math.Sin(phi));
            var m = a * (1 - e2) / Math.Pow(w, 1.5);
            var n = a / Math.Sqrt(w);
            return m * n * Math.Cos(phi);
        }

        var p0 = lat0 * Math.PI / 180;
        var p1 = lat1 * Math.PI / 180;
        const int steps = 2000;
        var h = (p1 - p0) / steps;
        var sum = Integrand(p0) + Integrand(p1);
        for (var i = 1; i < steps; i++)
        {
            sum += Integrand(p0 + (i * h)) * (i % 2 == 1 ? 4 : 2);
        }

        return sum * h / 3 * (lon1 - lon0) * Math.PI / 180;
    }

    [Theory]
    [InlineData(-92.466, 44.020, -92.458, 44.026)]
    [InlineData(-92.6, 43.8, -92.0, 44.2)]
    [InlineData(0.0, 0.0, 1.0, 1.0)]
    [InlineData(10.0, 70.0, 10.01, 70.01)]
    [InlineData(-70.0, -45.0, -69.5, -44.9)]
    public void AreaSquareMetres_Quadrangle_MatchesEllipsoidalIntegralWithin0_01Percent(double lon0, double lat0, double lon1, double lat1)
    {
        var measured = GeodesicMeasure.AreaSquareMetres(RequestBuilder.Rectangle(lon0, lat0, lon1, lat1));
        var reference = QuadrangleReference(lon0, lat0, lon1, lat1);
        Assert.InRange(measured / reference, 0.9999, 1.0001);
    }

    [Fact]
    public void AreaSquareMetres_WholeEllipsoidHemisphereBand_MatchesKnownSurface()
    {
        // WGS84's total surface is 510,065,621.7 km² (GeographicLib); a band 0–90° by 360° is a quarter... of it halves.
        var northern = 2 * Math.PI * Wgs84.A * Wgs84.A * Wgs84.Q(1.0) / 2;
        Assert.InRange(northern * 2 / 1e6, 510_065_621.0, 510_065_622.5);
    }

    [Theory]
    [InlineData(44.02, 25)]
    [InlineData(44.02, 400)]
    [InlineData(44.02, 5000)]
    [InlineData(0, 1000)]
    [InlineData(80, 1000)]
    public void CircleArea_SmallRadius_IsPiRSquaredWithin0_01Percent(double lat, double radius)
    {
        Assert.InRange(GeodesicMeasure.CircleArea(lat, radius) / (Math.PI * radius * radius), 0.9999, 1.0);
    }

    [Fact]
    public void Circle_Polygon_Has64VerticesAndTheCirclesArea()
    {
        var polygon = Geometries.Circle(-92.46, 44.02, 400);
        Assert.Equal(65, polygon.NumPoints);
        var ratio = GeodesicMeasure.AreaSquareMetres(polygon) / GeodesicMeasure.CircleArea(44.02, 400);
        Assert.InRange(ratio, 0.9999, 1.0001);
    }

    [Fact]
    public void DistanceMetres_MeridianArcAt44_MatchesEllipsoidWithin0_01Percent()
    {
        // Meridian arc from 43.5° to 44.5° on WGS84: 111,112.2 m (∫M dφ, integrated numerically).
        var d = GeodesicMeasure.DistanceMetres(-92.46, 43.5, -92.46, 44.5);
        Assert.InRange(d / 111_112.2, 0.9999, 1.0001);
    }

    [Fact]
    public void DistanceMetres_AlongParallel_IsNCosPhiTimesLongitude()
    {
        var (_, n) = GeodesicMeasure.Radii(44.02);
        var expected = n * Math.Cos(44.02 * Math.PI / 180) * 0.01 * Math.PI / 180;
        Assert.Equal(expected, GeodesicMeasure.DistanceMetres(-92.47, 44.02, -92.46, 44.02), 3);
    }

    [Fact]
    public void Destination_ThenDistance_ReturnsTheDistanceTravelled()
    {
        foreach (var bearing in new[] { 0.0, 45, 90, 170, 260 })
        {
            var (lon, lat) = GeodesicMeasure.Destination(-92.46, 44.02, bearing, 1500);
            Assert.InRange(GeodesicMeasure.DistanceMetres(-92.46, 44.02, lon, lat), 1499.5, 1500.5);
        }
    }

    [Fact]
    public void OverlapWithPositiveArea_TouchingSquares_DoNotOverlap()
    {
        var a = RequestBuilder.Square(-92.47, 44.02, 0.01);
        var b = RequestBuilder.Square(-92.46, 44.02, 0.01);
        Assert.False(Geometries.OverlapWithPositiveArea(a, b));
    }

    [Fact]
    public void OverlapWithPositiveArea_SharedCornerTriangleAndSquare_DoNotOverlap()
    {
        var square = RequestBuilder.Square(-92.47, 44.02, 0.01);
        var triangle = Geometries.Factory.CreatePolygon(
            [new(-92.46, 44.03), new(-92.45, 44.03), new(-92.45, 44.04), new(-92.46, 44.03)]);
        Assert.False(Geometries.OverlapWithPositiveArea(square, triangle));
    }

    [Fact]
    public void OverlapWithPositiveArea_CirclesCloserThanRadii_Overlap()
    {
        var a = Geometries.Circle(-92.46, 44.02, 300);
        var b = Geometries.Circle(-92.455, 44.02, 300);
        Assert.True(Geometries.OverlapWithPositiveArea(a, b));
    }

    public static Arbitrary<Polygon> Rectangles() =>
        (from x in Gen.Choose(-9300, -9200)
         from y in Gen.Choose(4380, 4420)
         from w in Gen.Choose(1, 100)
         from h in Gen.Choose(1, 100)
         select RequestBuilder.Rectangle(x / 100.0, y / 100.0, (x + (w / 10.0)) / 100.0, (y + (h / 10.0)) / 100.0)).ToArbitrary();

    [Property(Arbitrary = [typeof(GeodesicMeasureTests)])]
    public bool UnionArea_IsAtMostTheSumAndAtLeastTheLargest(Polygon a, Polygon b, Polygon c)
    {
        var areas = new Geometry[] { a, b, c };
        var union = Geometries.UnionAreaSquareMetres(areas);
        var parts = areas.Select(GeodesicMeasure.AreaSquareMetres).ToList();
        return union <= parts.Sum() * (1 + 1e-9) && union >= parts.Max() * (1 - 1e-9);
    }

    [Property(Arbitrary = [typeof(GeodesicMeasureTests)])]
    public bool Area_IsUnchangedByRingRotationAndOrientation(Polygon polygon, PositiveInt shift)
    {
        var ring = polygon.ExteriorRing.Coordinates[..^1];
        var k = shift.Get % ring.Length;
        var rotated = ring.Skip(k).Concat(ring.Take(k)).ToList();
        rotated.Add(rotated[0]);
        var reversed = Enumerable.Reverse(rotated).ToArray();
        var original = GeodesicMeasure.AreaSquareMetres(polygon);
        var a = GeodesicMeasure.AreaSquareMetres(Geometries.Factory.CreatePolygon([.. rotated]));
        var b = GeodesicMeasure.AreaSquareMetres(Geometries.Factory.CreatePolygon(reversed));
        return Math.Abs(a - original) <= original * 1e-9 && Math.Abs(b - original) <= original * 1e-9;
    }
}
