using NetTopologySuite.Geometries;

namespace Oversight.Geo;

/// <summary>
/// Ellipsoidal (WGS84) areas and distances of lon/lat geometries.
/// </summary>
/// <remarks>
/// Areas use the ellipsoidal Lambert cylindrical equal-area projection, which preserves area
/// exactly, so the shoelace sum of projected vertices is the ellipsoidal area of the polygon whose
/// edges are straight in lon/lat (the GeoJSON convention). For the areas footage requests cover
/// this agrees with geodesic-edged polygons (GeographicLib) to far better than 0.01%.
/// </remarks>
public static class GeodesicMeasure
{
    private const double DegreesToRadians = Math.PI / 180;

    /// <summary>Area in square metres of a Polygon or MultiPolygon in lon/lat degrees.</summary>
    public static double AreaSquareMetres(Geometry geometry)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        return geometry switch
        {
            Polygon polygon => PolygonArea(polygon),
            MultiPolygon or GeometryCollection => SumParts(geometry),
            _ => 0,
        };
    }

    private static double SumParts(Geometry geometry)
    {
        var total = 0.0;
        for (var i = 0; i < geometry.NumGeometries; i++)
        {
            total += AreaSquareMetres(geometry.GetGeometryN(i));
        }

        return total;
    }

    private static double PolygonArea(Polygon polygon)
    {
        var area = RingArea(polygon.ExteriorRing.CoordinateSequence);
        for (var i = 0; i < polygon.NumInteriorRings; i++)
        {
            area -= RingArea(polygon.GetInteriorRingN(i).CoordinateSequence);
        }

        return Math.Max(area, 0);
    }

    /// <summary>Unsigned area of a closed ring of lon/lat positions, in square metres.</summary>
    public static double RingArea(CoordinateSequence ring)
    {
        ArgumentNullException.ThrowIfNull(ring);
        var n = ring.Count;
        if (n < 4)
        {
            return 0;
        }

        // Shoelace relative to the first vertex keeps the sums small and exact enough.
        var x0 = ring.GetX(0) * DegreesToRadians;
        var y0 = Wgs84.Q(Math.Sin(ring.GetY(0) * DegreesToRadians));
        var twiceArea = 0.0;
        var px = 0.0;
        var py = 0.0;
        for (var i = 1; i < n; i++)
        {
            var x = (ring.GetX(i) * DegreesToRadians) - x0;
            var y = Wgs84.Q(Math.Sin(ring.GetY(i) * DegreesToRadians)) - y0;
            twiceArea += (px * y) - (x * py);
            px = x;
            py = y;
        }

        // x is a·λ and y is a·q/2, so the factor is a²/2; halve once more for the shoelace.
        return Math.Abs(twiceArea) * Wgs84.A * Wgs84.A / 4;
    }

    /// <summary>Area of a geodesic circle of the given radius, in square metres.</summary>
    /// <remarks>The cap of a sphere with the Gaussian radius at the centre: πr²(1 − r²/12R² + …).</remarks>
    public static double CircleArea(double latitudeDegrees, double radiusMetres)
    {
        var r = Wgs84.GaussianRadius(latitudeDegrees);
        var half = Math.Sin(radiusMetres / (2 * r));
        return 4 * Math.PI * r * r * half * half;
    }

    /// <summary>
    /// Distance in metres between two lon/lat points, from the ellipsoid's meridian and
    /// prime-vertical radii of curvature at their mean latitude. Within 0.01% up to tens of
    /// kilometres, the scale of a city; not meant for continental distances.
    /// </summary>
    public static double DistanceMetres(double lon1, double lat1, double lon2, double lat2)
    {
        var (m, n) = Radii((lat1 + lat2) / 2);
        var dy = m * (lat2 - lat1) * DegreesToRadians;
        var dx = n * Math.Cos((lat1 + lat2) / 2 * DegreesToRadians) * (lon2 - lon1) * DegreesToRadians;
        return Math.Sqrt((dx * dx) + (dy * dy));
    }

    /// <summary>
    /// The point reached from a lon/lat point after travelling a distance along a bearing
    /// (degrees clockwise from north), with the same local radii as <see cref="DistanceMetres"/>.
    /// </summary>
    public static (double Lon, double Lat) Destination(double lon, double lat, double bearingDegrees, double distanceMetres)
    {
        var theta = bearingDegrees * DegreesToRadians;
        var (m, n) = Radii(lat);
        var dLat = distanceMetres * Math.Cos(theta) / m;
        var midLat = (lat * DegreesToRadians) + (dLat / 2);
        (m, n) = Radii(midLat / DegreesToRadians);
        dLat = distanceMetres * Math.Cos(theta) / m;
        var dLon = distanceMetres * Math.Sin(theta) / (n * Math.Cos((lat * DegreesToRadians) + (dLat / 2)));
        return (lon + (dLon / DegreesToRadians), lat + (dLat / DegreesToRadians));
    }

    /// <summary>Meridian (M) and prime-vertical (N) radii of curvature at a latitude, in metres.</summary>
    public static (double M, double N) Radii(double latitudeDegrees)
    {
        var s = Math.Sin(latitudeDegrees * DegreesToRadians);
        var w = 1 - (Wgs84.E2 * s * s);
        var n = Wgs84.A / Math.Sqrt(w);
        return (n * (1 - Wgs84.E2) / w, n);
    }
}
