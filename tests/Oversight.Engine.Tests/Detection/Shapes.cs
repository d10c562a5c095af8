using NetTopologySuite.Geometries;
using Oversight.Geo;

namespace Oversight.Tests.Detection;

/// <summary>Areas measured in metres, for planting patterns at known sizes and distances.</summary>
internal static class Shapes
{
    /// <summary>A square of the given side in metres with its south-west corner at (lon, lat).</summary>
    public static Polygon Square(double lon, double lat, double sideMetres)
    {
        var (east, _) = GeodesicMeasure.Destination(lon, lat, 90, sideMetres);
        var (_, north) = GeodesicMeasure.Destination(lon, lat, 0, sideMetres);
        return Geometries.Factory.CreatePolygon(
        [
            new(lon, lat), new(east, lat), new(east, north), new(lon, north), new(lon, lat),
        ]);
    }
}
