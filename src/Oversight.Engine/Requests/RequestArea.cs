using NetTopologySuite.Geometries;
using Oversight.Geo;

namespace Oversight.Requests;

/// <summary>A circle given by centre and radius.</summary>
public sealed record CircleArea(double Lat, double Lon, double RadiusMetres);

/// <summary>
/// The place a request covers: a valid Polygon or MultiPolygon in lon/lat degrees, with its
/// ellipsoidal area. A circle keeps its exact geodesic area and a 64-vertex polygon for overlap and union.
/// </summary>
public sealed class RequestArea
{
    private RequestArea(Geometry geometry, double squareMetres, CircleArea? circle)
    {
        Geometry = geometry;
        SquareMetres = squareMetres;
        Circle = circle;
    }

    public Geometry Geometry { get; }

    public double SquareMetres { get; }

    public double SquareMiles => SquareMetres / Wgs84.SquareMetresPerSquareMile;

    /// <value>Null unless the request named a circle.</value>
    public CircleArea? Circle { get; }

    public Envelope Envelope => Geometry.EnvelopeInternal;

    public static RequestArea FromGeometry(Geometry geometry)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        if (geometry is not (Polygon or MultiPolygon))
        {
            throw new ArgumentException("An area is a Polygon or MultiPolygon.", nameof(geometry));
        }

        return new RequestArea(geometry, GeodesicMeasure.AreaSquareMetres(geometry), null);
    }

    public static RequestArea FromCircle(double lat, double lon, double radiusMetres)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(radiusMetres);
        return new RequestArea(
            Geometries.Circle(lon, lat, radiusMetres),
            GeodesicMeasure.CircleArea(lat, radiusMetres),
            new CircleArea(lat, lon, radiusMetres));
    }
}
