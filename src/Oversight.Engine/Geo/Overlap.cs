using NetTopologySuite.Geometries;
using Oversight.Requests;

namespace Oversight.Geo;

/// <summary>
/// Whether two request areas share interior with positive area. Circles are tested as circles
/// (centre distance against the radii) and rectangles as rectangles; other shapes go to the
/// general topological test.
/// </summary>
public static class Overlap
{
    public static bool WithPositiveArea(RequestArea a, RequestArea b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (!a.Envelope.Intersects(b.Envelope))
        {
            return false;
        }

        return (a.Circle, b.Circle) switch
        {
            ({ } c1, { } c2) => GeodesicMeasure.DistanceMetres(c1.Lon, c1.Lat, c2.Lon, c2.Lat) < c1.RadiusMetres + c2.RadiusMetres,
            ({ } c, null) => CircleMeetsArea(c, b),
            (null, { } c) => CircleMeetsArea(c, a),
            _ when a.ConvexParts is { } p && b.ConvexParts is { } q => AnyPairOverlaps(p, q),
            _ => Geometries.OverlapWithPositiveArea(a.Geometry, b.Geometry),
        };
    }

    private static bool CircleMeetsArea(CircleArea circle, RequestArea area)
    {
        if (area.ConvexParts is not { } parts)
        {
            return CircleMeetsPolygon(circle, area.Geometry);
        }

        foreach (var part in parts)
        {
            if (CircleMeetsConvex(circle, part))
            {
                return true;
            }
        }

        return false;
    }

    private static bool AnyPairOverlaps(IReadOnlyList<ConvexRing> p, IReadOnlyList<ConvexRing> q)
    {
        foreach (var a in p)
        {
            foreach (var b in q)
            {
                if (a.MayMeet(b) && (Inside(a.CentreX, a.CentreY, b) || Inside(b.CentreX, b.CentreY, a) || (!Separated(a, b) && !Separated(b, a))))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// Separating-axis test in its edge form: true when some edge of <paramref name="p"/> has every
    /// vertex of <paramref name="q"/> on or beyond its line. Convex shapes whose interiors do not
    /// meet always have such an edge in one of them; shapes whose interiors meet have none.
    /// Positions are taken relative to the edge's own first vertex, so that a shared edge projects
    /// to exactly zero.
    /// </summary>
    private static bool Separated(ConvexRing p, ConvexRing q)
    {
        var n = p.X.Length;
        for (var i = 0; i < n; i++)
        {
            var j = i + 1 == n ? 0 : i + 1;
            double ox = p.X[i], oy = p.Y[i];

            // The outward normal: p lies on the side where the projection is at most zero.
            var nx = p.Turn * (p.Y[j] - oy);
            var ny = p.Turn * (ox - p.X[j]);

            // Within rounding of touching counts as touching: 1e-12 of the axis length in degrees is far below a millimetre.
            var tolerance = -1e-12 * (Math.Abs(nx) + Math.Abs(ny));
            var beyond = true;
            for (var k = 0; k < q.X.Length && beyond; k++)
            {
                beyond = (nx * (q.X[k] - ox)) + (ny * (q.Y[k] - oy)) >= tolerance;
            }

            if (beyond)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the point lies inside the convex ring by more than rounding: then the two shapes share interior.</summary>
    private static bool Inside(double x, double y, ConvexRing ring)
    {
        var n = ring.X.Length;
        for (var i = 0; i < n; i++)
        {
            var j = i + 1 == n ? 0 : i + 1;
            double ox = ring.X[i], oy = ring.Y[i];
            var nx = ring.Turn * (ring.Y[j] - oy);
            var ny = ring.Turn * (ox - ring.X[j]);
            if ((nx * (x - ox)) + (ny * (y - oy)) >= -1e-12 * (Math.Abs(nx) + Math.Abs(ny)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The convex case of <see cref="CircleMeetsPolygon"/>, on precomputed metric coordinates.</summary>
    private static bool CircleMeetsConvex(CircleArea circle, ConvexRing ring)
    {
        // Positions relative to the circle's centre, in the ring's precomputed metres.
        var cx = (circle.Lon - ring.X[0]) * ring.MetresPerDegreeX;
        var cy = (circle.Lat - ring.Y[0]) * ring.MetresPerDegreeY;
        var r2 = circle.RadiusMetres * circle.RadiusMetres;
        var xs = ring.EastMetres;
        var ys = ring.NorthMetres;
        var count = xs.Length;
        var x1 = xs[count - 1] - cx;
        var y1 = ys[count - 1] - cy;
        var crossings = false;
        for (var i = 0; i < count; i++)
        {
            var x2 = xs[i] - cx;
            var y2 = ys[i] - cy;
            if (SegmentDistanceSquared(x1, y1, x2, y2) < r2)
            {
                return true;
            }

            if ((y1 > 0) != (y2 > 0) && 0 < ((x2 - x1) * (0 - y1) / (y2 - y1)) + x1)
            {
                crossings = !crossings;
            }

            (x1, y1) = (x2, y2);
        }

        return crossings;
    }

    /// <summary>A circle overlaps a polygon with positive area when its centre is inside or nearer to the outline than its radius.</summary>
    private static bool CircleMeetsPolygon(CircleArea circle, Geometry polygons)
    {
        var (m, n) = GeodesicMeasure.Radii(circle.Lat);
        var kx = n * Math.Cos(circle.Lat * Math.PI / 180) * Math.PI / 180;
        var ky = m * Math.PI / 180;
        var r2 = circle.RadiusMetres * circle.RadiusMetres;
        var inside = false;
        for (var p = 0; p < polygons.NumGeometries; p++)
        {
            var polygon = (Polygon)polygons.GetGeometryN(p);
            var inThisShell = false;
            for (var ringIndex = -1; ringIndex < polygon.NumInteriorRings; ringIndex++)
            {
                var ring = (ringIndex < 0 ? polygon.ExteriorRing : polygon.GetInteriorRingN(ringIndex)).CoordinateSequence;
                var crossings = false;
                var x1 = (ring.GetX(0) - circle.Lon) * kx;
                var y1 = (ring.GetY(0) - circle.Lat) * ky;
                for (var i = 1; i < ring.Count; i++)
                {
                    var x2 = (ring.GetX(i) - circle.Lon) * kx;
                    var y2 = (ring.GetY(i) - circle.Lat) * ky;
                    if (SegmentDistanceSquared(x1, y1, x2, y2) < r2)
                    {
                        return true;
                    }

                    if ((y1 > 0) != (y2 > 0) && 0 < ((x2 - x1) * (0 - y1) / (y2 - y1)) + x1)
                    {
                        crossings = !crossings;
                    }

                    (x1, y1) = (x2, y2);
                }

                // Inside the shell and outside every hole.
                inThisShell = ringIndex < 0 ? crossings : inThisShell && !crossings;
            }

            inside |= inThisShell;
        }

        return inside;
    }

    /// <summary>Squared distance from the origin to the segment (x1, y1)–(x2, y2).</summary>
    private static double SegmentDistanceSquared(double x1, double y1, double x2, double y2)
    {
        var dx = x2 - x1;
        var dy = y2 - y1;
        var length2 = (dx * dx) + (dy * dy);
        var t = length2 == 0 ? 0 : Math.Clamp(-((x1 * dx) + (y1 * dy)) / length2, 0, 1);
        var px = x1 + (t * dx);
        var py = y1 + (t * dy);
        return (px * px) + (py * py);
    }
}
