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

        var project = AffineTransformation.ScaleInstance(kx, ky);
        return project.Transform(a.Geometry).Distance(project.Transform(b.Geometry)) <= metres;
    }
}
