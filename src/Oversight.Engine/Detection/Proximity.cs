using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using Oversight.Geo;
using Oversight.Requests;

namespace Oversight.Detection;

/// <summary>Whether two areas overlap or lie within a distance of each other, measured on a projection local to the pair.</summary>
internal static class Proximity
{
    private const double DegreesToRadians = Math.PI / 180;

    public static bool Within(RequestArea a, RequestArea b, double metres)
    {
        var lat = (a.Envelope.Centre.Y + b.Envelope.Centre.Y) / 2;
        var (m, n) = GeodesicMeasure.Radii(lat);
        var kx = n * Math.Cos(lat * DegreesToRadians) * DegreesToRadians;
        var ky = m * DegreesToRadians;
        var gapX = Math.Max(0, Math.Max(a.Envelope.MinX - b.Envelope.MaxX, b.Envelope.MinX - a.Envelope.MaxX)) * kx;
        var gapY = Math.Max(0, Math.Max(a.Envelope.MinY - b.Envelope.MaxY, b.Envelope.MinY - a.Envelope.MaxY)) * ky;
        if ((gapX * gapX) + (gapY * gapY) > metres * metres)
        {
            return false;
        }

        if (a.Circle is { } ca && b.Circle is { } cb)
        {
            return GeodesicMeasure.DistanceMetres(ca.Lon, ca.Lat, cb.Lon, cb.Lat) - ca.RadiusMetres - cb.RadiusMetres <= metres;
        }

        if (Overlap.WithPositiveArea(a, b))
        {
            return true;
        }

        var ox = a.Envelope.Centre.X;
        var oy = a.Envelope.Centre.Y;
        if (Outline(a, ox, oy, kx, ky) is { } pa && Outline(b, ox, oy, kx, ky) is { } pb)
        {
            return Gap(pa, pb) <= metres;
        }

        var project = AffineTransformation.ScaleInstance(kx, ky);
        return project.Transform(a.Outline()).Distance(project.Transform(b.Outline())) <= metres;
    }

    /// <summary>
    /// A circle as its centre and radius, a convex ring as its vertices, in metres from (ox, oy);
    /// null for anything else.
    /// </summary>
    private static Shape? Outline(RequestArea area, double ox, double oy, double kx, double ky)
    {
        if (area.Circle is { } c)
        {
            return new Shape([(c.Lon - ox) * kx], [(c.Lat - oy) * ky], c.RadiusMetres);
        }

        if (area.Convex is { } ring)
        {
            return new Shape([.. ring.X.Select(x => (x - ox) * kx)], [.. ring.Y.Select(y => (y - oy) * ky)], 0);
        }

        return null;
    }

    /// <summary>
    /// The gap between two shapes that do not overlap: for convex outlines that do not cross, the
    /// shortest distance is between a vertex of one and an edge of the other; a circle is its centre
    /// with the radius taken off.
    /// </summary>
    private static double Gap(Shape a, Shape b)
    {
        var best = Math.Min(VerticesToEdges(a, b), VerticesToEdges(b, a));
        return Math.Max(0, best - a.Radius - b.Radius);
    }

    private static double VerticesToEdges(Shape from, Shape to)
    {
        var best = double.MaxValue;
        var n = to.X.Length;
        for (var v = 0; v < from.X.Length; v++)
        {
            if (n == 1)
            {
                best = Math.Min(best, Math.Sqrt(Square(from.X[v] - to.X[0]) + Square(from.Y[v] - to.Y[0])));
                continue;
            }

            for (int i = 0, j = n - 1; i < n; j = i++)
            {
                best = Math.Min(best, PointToSegment(from.X[v], from.Y[v], to.X[j], to.Y[j], to.X[i], to.Y[i]));
            }
        }

        return best;
    }

    private static double PointToSegment(double px, double py, double ax, double ay, double bx, double by)
    {
        var (dx, dy) = (bx - ax, by - ay);
        var lengthSquared = (dx * dx) + (dy * dy);
        var t = lengthSquared == 0 ? 0 : Math.Clamp((((px - ax) * dx) + ((py - ay) * dy)) / lengthSquared, 0, 1);
        return Math.Sqrt(Square(px - (ax + (t * dx))) + Square(py - (ay + (t * dy))));
    }

    private static double Square(double v) => v * v;

    private sealed record Shape(double[] X, double[] Y, double Radius);
}
