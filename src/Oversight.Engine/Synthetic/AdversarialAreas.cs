using NetTopologySuite.Geometries;
using Oversight.Geo;

namespace Oversight.Synthetic;

/// <summary>
/// Areas shaped to make geometry work expensive, for the tests and benchmarks that show the gate's
/// work per request stays bounded: interleaved combs (every bounding box meets, no interiors do),
/// parts far apart, areas at the poles and across the antimeridian.
/// </summary>
public static class AdversarialAreas
{
    /// <summary>
    /// A comb of about <paramref name="vertices"/> vertices whose teeth point north from a base
    /// along its south edge (<paramref name="upward"/>), or south from a base along its north edge.
    /// An upward and a downward comb at the same place interleave: their outlines fill the same box
    /// and every tooth of one lies between two teeth of the other, but they share no interior.
    /// </summary>
    public static Polygon Comb(double lon, double lat, int vertices, bool upward, double widthMetres = 800, double heightMetres = 400)
    {
        var teeth = Math.Max(1, (vertices - 3) / 4);
        var (dx, dy) = Degrees(lat, widthMetres, heightMetres);
        var pitch = dx / teeth;
        var gap = pitch * 0.02;
        var baseHeight = dy * 0.1;
        var coordinates = new List<Coordinate>();
        double Y(double fraction) => upward ? lat + fraction : lat + dy - fraction;
        var offset = upward ? 0 : pitch / 2;
        coordinates.Add(new Coordinate(lon, Y(0)));
        coordinates.Add(new Coordinate(lon + dx + (upward ? 0 : pitch / 2), Y(0)));
        for (var k = teeth - 1; k >= 0; k--)
        {
            var right = lon + offset + ((k + 0.5) * pitch) - gap;
            var left = lon + offset + (k * pitch) + gap;
            coordinates.Add(new Coordinate(right, Y(baseHeight)));
            coordinates.Add(new Coordinate(right, Y(dy - baseHeight - gap)));
            coordinates.Add(new Coordinate(left, Y(dy - baseHeight - gap)));
            coordinates.Add(new Coordinate(left, Y(baseHeight)));
        }

        coordinates.Add(new Coordinate(lon, Y(baseHeight)));
        coordinates.Add(coordinates[0].Copy());
        var ring = upward ? coordinates : Enumerable.Reverse(coordinates).ToList();
        return Geometries.Factory.CreatePolygon([.. ring]);
    }

    /// <summary>A MultiPolygon of two small squares (side <paramref name="sideMetres"/>) <paramref name="apartDegrees"/> of longitude apart.</summary>
    public static MultiPolygon FarApart(double lon, double lat, double apartDegrees, double sideMetres = 100) =>
        Geometries.Factory.CreateMultiPolygon([Square(lon, lat, sideMetres), Square(lon + apartDegrees, lat, sideMetres)]);

    /// <summary>A MultiPolygon split at the antimeridian, as RFC 7946 asks: one part ending at 180°, the other starting at −180°.</summary>
    public static MultiPolygon AcrossAntimeridian(double lat, double sideMetres = 200)
    {
        var (dx, dy) = Degrees(lat, sideMetres, sideMetres);
        return Geometries.Factory.CreateMultiPolygon(
        [
            Rectangle(180 - (dx / 2), lat, 180, lat + dy),
            Rectangle(-180, lat, -180 + (dx / 2), lat + dy),
        ]);
    }

    /// <summary>A square with its south-west corner at (lon, lat).</summary>
    public static Polygon Square(double lon, double lat, double sideMetres)
    {
        var (dx, dy) = Degrees(lat, sideMetres, sideMetres);
        return Rectangle(lon, lat, lon + dx, lat + dy);
    }

    private static Polygon Rectangle(double minLon, double minLat, double maxLon, double maxLat) =>
        Geometries.Factory.CreatePolygon(
        [
            new(minLon, minLat), new(maxLon, minLat), new(maxLon, maxLat), new(minLon, maxLat), new(minLon, minLat),
        ]);

    private static (double Lon, double Lat) Degrees(double lat, double eastMetres, double northMetres)
    {
        var (m, n) = GeodesicMeasure.Radii(lat);
        return (eastMetres / (n * Math.Cos(lat * Math.PI / 180) * Math.PI / 180), northMetres / (m * Math.PI / 180));
    }
}
