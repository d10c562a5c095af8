using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Oversight.Geo;
using Oversight.Requests;
using Oversight.Tests.Support;

namespace Oversight.Tests.Geo;

public sealed class OverlapTests
{
    private static RequestArea Circle(double lon, double lat, double r) => RequestArea.FromCircle(lat, lon, r);

    [Fact]
    public void Circles_OverlapOnlyWhenCentresAreCloserThanTheRadii()
    {
        var (lon, lat) = GeodesicMeasure.Destination(-92.46, 44.02, 90, 600);
        Assert.True(Overlap.WithPositiveArea(Circle(-92.46, 44.02, 300.5), Circle(lon, lat, 300)));
        Assert.False(Overlap.WithPositiveArea(Circle(-92.46, 44.02, 299.5), Circle(lon, lat, 300)));
    }

    [Fact]
    public void CircleAndPolygon_CentreInsideOrEdgeWithinRadius()
    {
        var square = RequestArea.FromGeometry(RequestBuilder.Square(-92.47, 44.02, 0.01));
        Assert.True(Overlap.WithPositiveArea(Circle(-92.465, 44.025, 10), square));
        var (lon, lat) = GeodesicMeasure.Destination(-92.46, 44.025, 90, 100);
        Assert.True(Overlap.WithPositiveArea(Circle(lon, lat, 101), square));
        Assert.False(Overlap.WithPositiveArea(Circle(lon, lat, 99), square));
    }

    [Fact]
    public void CircleInsideAPolygonsHole_DoesNotOverlap()
    {
        var shell = RequestBuilder.Rectangle(-92.50, 44.00, -92.40, 44.05).Shell;
        var hole = RequestBuilder.Rectangle(-92.46, 44.02, -92.44, 44.03).Shell;
        var donut = RequestArea.FromGeometry(Geometries.Factory.CreatePolygon(shell, [hole]));
        Assert.False(Overlap.WithPositiveArea(Circle(-92.45, 44.025, 100), donut));
        Assert.True(Overlap.WithPositiveArea(Circle(-92.47, 44.01, 100), donut));
    }

    public static Arbitrary<(RequestArea, RequestArea)> Pairs() =>
        (from x1 in Gen.Choose(0, 200)
         from y1 in Gen.Choose(0, 200)
         from x2 in Gen.Choose(0, 200)
         from y2 in Gen.Choose(0, 200)
         from r1 in Gen.Choose(50, 600)
         from r2 in Gen.Choose(50, 600)
         from kind in Gen.Choose(0, 2)
         select (
             Circle(-92.5 + (x1 / 10000.0), 44.0 + (y1 / 10000.0), r1),
             kind == 0
                 ? Circle(-92.5 + (x2 / 10000.0), 44.0 + (y2 / 10000.0), r2)
                 : RequestArea.FromGeometry(RequestBuilder.Rectangle(-92.5 + (x2 / 10000.0), 44.0 + (y2 / 10000.0), -92.5 + ((x2 + (r2 / 20)) / 10000.0), 44.0 + ((y2 + (r2 / 30)) / 10000.0))))).ToArbitrary();

    public static class ConvexArbitraries
    {
        public static Arbitrary<(RequestArea, RequestArea)> ConvexPairs() =>
        (from x1 in Gen.Choose(0, 200)
         from y1 in Gen.Choose(0, 200)
         from x2 in Gen.Choose(0, 200)
         from y2 in Gen.Choose(0, 200)
         from r1 in Gen.Choose(50, 600)
         from r2 in Gen.Choose(50, 600)
         from sides in Gen.Choose(3, 16)
         select (
             RequestArea.FromGeometry(RegularPolygon(-92.5 + (x1 / 10000.0), 44.0 + (y1 / 10000.0), r1, sides)),
             RequestArea.FromGeometry(RequestBuilder.Rectangle(-92.5 + (x2 / 10000.0), 44.0 + (y2 / 10000.0), -92.5 + ((x2 + (r2 / 20)) / 10000.0), 44.0 + ((y2 + (r2 / 30)) / 10000.0))))).ToArbitrary();
    }

    public static class StarArbitraries
    {
        public static Arbitrary<(RequestArea, RequestArea)> StarPairs() =>
            (from x1 in Gen.Choose(0, 200)
             from y1 in Gen.Choose(0, 200)
             from x2 in Gen.Choose(0, 200)
             from y2 in Gen.Choose(0, 200)
             from r1 in Gen.Choose(100, 600)
             from r2 in Gen.Choose(50, 600)
             from other in Gen.Choose(0, 2)
             select (
                 RequestArea.FromGeometry(Star(-92.5 + (x1 / 10000.0), 44.0 + (y1 / 10000.0), r1)),
                 other switch
                 {
                     0 => RequestArea.FromGeometry(Star(-92.5 + (x2 / 10000.0), 44.0 + (y2 / 10000.0), r2)),
                     1 => RequestArea.FromGeometry(RequestBuilder.Rectangle(-92.5 + (x2 / 10000.0), 44.0 + (y2 / 10000.0), -92.5 + ((x2 + (r2 / 20)) / 10000.0), 44.0 + ((y2 + (r2 / 30)) / 10000.0))),
                     _ => RequestArea.FromCircle(44.0 + (y2 / 10000.0), -92.5 + (x2 / 10000.0), r2),
                 })).ToArbitrary();
    }

    /// <summary>A 16-point star: concave, so overlap goes through its triangles.</summary>
    internal static NetTopologySuite.Geometries.Polygon Star(double lon, double lat, double radius)
    {
        var ring = Enumerable.Range(0, 16).Select(i => GeodesicMeasure.Destination(lon, lat, 22.5 * i, i % 2 == 0 ? radius : radius * 0.5))
            .Select(p => new NetTopologySuite.Geometries.Coordinate(p.Lon, p.Lat)).ToList();
        ring.Add(ring[0].Copy());
        return Geometries.Factory.CreatePolygon([.. ring]);
    }

    /// <summary>Triangulated concave areas agree with the topological test (circles within a metre of tangency aside).</summary>
    [Property(Arbitrary = [typeof(StarArbitraries)], MaxTest = 300)]
    public bool ConcavePolygons_AgreeWithTopology((RequestArea A, RequestArea B) pair)
    {
        Assert.Null(pair.A.Convex);
        Assert.True(pair.A.ConvexParts!.Count >= 14);
        var fast = Overlap.WithPositiveArea(pair.A, pair.B);
        var topological = Geometries.OverlapWithPositiveArea(pair.A.Geometry, pair.B.Geometry);
        return fast == topological || (pair.B.Circle is not null && pair.A.Geometry.Distance(pair.B.Geometry) * 111_000 < 2);
    }

    internal static NetTopologySuite.Geometries.Polygon RegularPolygon(double lon, double lat, double radius, int sides)
    {
        var ring = Enumerable.Range(0, sides).Select(i => GeodesicMeasure.Destination(lon, lat, 360.0 * i / sides, radius))
            .Select(p => new NetTopologySuite.Geometries.Coordinate(p.Lon, p.Lat)).ToList();
        ring.Add(ring[0].Copy());
        return Geometries.Factory.CreatePolygon([.. ring]);
    }

    /// <summary>The separating-axis test agrees with the topological test for convex polygons.</summary>
    [Property(Arbitrary = [typeof(ConvexArbitraries)], MaxTest = 300)]
    public bool ConvexPolygons_AgreeWithTopology((RequestArea A, RequestArea B) pair)
    {
        return Overlap.WithPositiveArea(pair.A, pair.B) == Geometries.OverlapWithPositiveArea(pair.A.Geometry, pair.B.Geometry);
    }

    [Fact]
    public void ConvexPolygons_SharingAnEdge_DoNotOverlap_ButOverlapWhenShifted()
    {
        var a = RequestArea.FromGeometry(Geometries.Factory.CreatePolygon([new(-92.47, 44.02), new(-92.46, 44.021), new(-92.462, 44.03), new(-92.47, 44.02)]));
        var b = RequestArea.FromGeometry(Geometries.Factory.CreatePolygon([new(-92.46, 44.021), new(-92.45, 44.03), new(-92.462, 44.03), new(-92.46, 44.021)]));
        Assert.NotNull(a.Convex);
        Assert.False(Overlap.WithPositiveArea(a, b));
        var shifted = RequestArea.FromGeometry(Geometries.Factory.CreatePolygon([new(-92.4605, 44.021), new(-92.4505, 44.03), new(-92.4625, 44.03), new(-92.4605, 44.021)]));
        Assert.True(Overlap.WithPositiveArea(a, shifted));
    }

    [Fact]
    public void ConcavePolygon_IsNotConvex_AndUsesTheGeneralTest()
    {
        var l = RequestArea.FromGeometry(Geometries.Factory.CreatePolygon([new(-92.47, 44.02), new(-92.45, 44.02), new(-92.45, 44.025), new(-92.465, 44.025), new(-92.465, 44.03), new(-92.47, 44.03), new(-92.47, 44.02)]));
        Assert.Null(l.Convex);
        var inTheNotch = RequestArea.FromGeometry(RequestBuilder.Rectangle(-92.46, 44.026, -92.455, 44.029));
        Assert.False(Overlap.WithPositiveArea(l, inTheNotch));
    }

    /// <summary>The fast paths agree with the topological test on the 64-gons wherever the two are not within a metre of touching.</summary>
    [Property(Arbitrary = [typeof(OverlapTests)], MaxTest = 300)]
    public bool FastPaths_AgreeWithTopology((RequestArea A, RequestArea B) pair)
    {
        var fast = Overlap.WithPositiveArea(pair.A, pair.B);
        var topological = Geometries.OverlapWithPositiveArea(pair.A.Geometry, pair.B.Geometry);
        if (fast == topological)
        {
            return true;
        }

        // Disagreement is only allowed at a near-tangency, where a 64-gon and a circle differ.
        var gap = pair.A.Geometry.Distance(pair.B.Geometry) * 111_000;
        var overlap = pair.A.Geometry.Intersection(pair.B.Geometry).Area * 111_000 * 80_000;
        return gap < 2 && overlap < 50;
    }
}
