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
    /// <summary>How far the equal-area 64-gon of a circle can reach beyond the radius (its vertices lie 0.08% out), with room to spare.</summary>
    private const double CircleEnvelopeScale = 1.002;

    private RequestArea(Geometry? geometry, double squareMetres, CircleArea? circle, Envelope envelope)
    {
        geometryOrNull = geometry;
        SquareMetres = squareMetres;
        (Parts, SmallestPart, SmallestPartSquareMetres) = (1, 0, squareMetres);
        if (geometry is MultiPolygon { NumGeometries: > 1 } multi)
        {
            Parts = multi.NumGeometries;
            SmallestPartSquareMetres = double.MaxValue;
            for (var i = 0; i < multi.NumGeometries; i++)
            {
                var part = GeodesicMeasure.AreaSquareMetres(multi.GetGeometryN(i));
                if (part < SmallestPartSquareMetres)
                {
                    (SmallestPart, SmallestPartSquareMetres) = (i, part);
                }
            }
        }

        Circle = circle;
        Envelope = envelope;
        Convex = geometry is null ? null : ConvexRing.Of(geometry);
    }

    /// <summary>The outline as a convex ring when the area is one convex polygon without holes; null otherwise.</summary>
    public ConvexRing? Convex { get; }

    /// <summary>
    /// Convex pieces that together cover exactly this area: the area itself when convex, else its
    /// triangles (computed on first use). Two areas overlap with positive area exactly when some
    /// pair of their pieces does. Null for a circle, or when the area could not be triangulated.
    /// </summary>
    public IReadOnlyList<ConvexRing>? ConvexParts => Circle is not null ? null : Convex is { } convex ? [convex] : Triangles();

    // Computed on first use; two threads racing compute equal lists, and either may be kept.
    private IReadOnlyList<ConvexRing>? triangles;
    private bool triangulated;

    private IReadOnlyList<ConvexRing>? Triangles()
    {
        if (!Volatile.Read(ref triangulated))
        {
            triangles = ConvexRing.Triangles(Geometry);
            Volatile.Write(ref triangulated, true);
        }

        return triangles;
    }

    /// <summary>The outline in lon/lat; for a circle, its 64-gon, made on first use.</summary>
    public Geometry Geometry => geometryOrNull ??= Geometries.Circle(Circle!.Lon, Circle.Lat, Circle.RadiusMetres);

    private Geometry? geometryOrNull;

    /// <summary>
    /// The outline in lon/lat, without keeping a circle's 64-gon afterwards: for work over very many
    /// areas once each, where caching every circle's polygon would cost more memory than it saves.
    /// </summary>
    public Geometry Outline() => geometryOrNull ?? Geometries.Circle(Circle!.Lon, Circle.Lat, Circle.RadiusMetres);

    public double SquareMetres { get; }

    /// <summary>Polygons of a MultiPolygon; 1 for a Polygon or a circle.</summary>
    public int Parts { get; }

    /// <summary>The 0-based index of the smallest part (0 when there is one part).</summary>
    public int SmallestPart { get; }

    /// <summary>The area of the smallest part in square metres (the whole area when there is one part).</summary>
    public double SmallestPartSquareMetres { get; }

    public double SquareMiles => SquareMetres / Wgs84.SquareMetresPerSquareMile;

    /// <value>Null unless the request named a circle.</value>
    public CircleArea? Circle { get; }

    /// <summary>The bounding box in lon/lat; for a circle, one that also holds its 64-gon.</summary>
    public Envelope Envelope { get; }

    public static RequestArea FromGeometry(Geometry geometry)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        if (geometry is not (Polygon or MultiPolygon))
        {
            throw new ArgumentException("An area is a Polygon or MultiPolygon.", nameof(geometry));
        }

        return new RequestArea(geometry, GeodesicMeasure.AreaSquareMetres(geometry), null, geometry.EnvelopeInternal);
    }

    public static RequestArea FromCircle(double lat, double lon, double radiusMetres)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(radiusMetres);
        var reach = radiusMetres * CircleEnvelopeScale;
        var (_, north) = GeodesicMeasure.Destination(lon, lat, 0, reach);
        var (_, south) = GeodesicMeasure.Destination(lon, lat, 180, reach);
        var (east, _) = GeodesicMeasure.Destination(lon, lat, 90, reach);
        var (west, _) = GeodesicMeasure.Destination(lon, lat, 270, reach);
        return new RequestArea(
            null,
            GeodesicMeasure.CircleArea(lat, radiusMetres),
            new CircleArea(lat, lon, radiusMetres),
            new Envelope(west, east, south, north));
    }
}

/// <summary>The vertices of a convex polygon (no closing repeat), for fast exact overlap tests.</summary>
public sealed class ConvexRing
{
    private ConvexRing(double[] x, double[] y, int turn)
    {
        X = x;
        Y = y;
        Turn = turn;
        (MinX, MaxX, MinY, MaxY) = (x.Min(), x.Max(), y.Min(), y.Max());
        (CentreX, CentreY) = (x.Average(), y.Average());

        // Metres east and north of the first vertex, at the ring's own latitude: distance tests
        // against a circle then need no trigonometry per vertex.
        var (m, n) = GeodesicMeasure.Radii((MinY + MaxY) / 2);
        MetresPerDegreeX = n * Math.Cos((MinY + MaxY) / 2 * Math.PI / 180) * Math.PI / 180;
        MetresPerDegreeY = m * Math.PI / 180;
        EastMetres = [.. x.Select(v => (v - x[0]) * MetresPerDegreeX)];
        NorthMetres = [.. y.Select(v => (v - y[0]) * MetresPerDegreeY)];
    }

    /// <summary>1 when the vertices run counter-clockwise (lon east, lat north), −1 when clockwise.</summary>
    public int Turn { get; }

    /// <summary>The mean of the vertices: a point inside the ring, off its outline.</summary>
    public double CentreX { get; }

    /// <inheritdoc cref="CentreX"/>
    public double CentreY { get; }

    public double MetresPerDegreeX { get; }

    public double MetresPerDegreeY { get; }

    /// <summary>The vertices in metres east of the first vertex.</summary>
    public double[] EastMetres { get; }

    /// <summary>The vertices in metres north of the first vertex.</summary>
    public double[] NorthMetres { get; }

    public double MinX { get; }

    public double MaxX { get; }

    public double MinY { get; }

    public double MaxY { get; }

    /// <summary>True unless the bounding boxes are apart (a cheap test before the exact one).</summary>
    public bool MayMeet(ConvexRing other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return MinX < other.MaxX && other.MinX < MaxX && MinY < other.MaxY && other.MinY < MaxY;
    }

    public double[] X { get; }

    public double[] Y { get; }

    /// <summary>The ring of a single hole-free polygon whose turns all go one way; null for anything else.</summary>
    public static ConvexRing? Of(Geometry geometry)
    {
        var polygon = geometry switch
        {
            Polygon p => p,
            MultiPolygon { NumGeometries: 1 } m => (Polygon)m.GetGeometryN(0),
            _ => null,
        };
        if (polygon is null || polygon.NumInteriorRings > 0)
        {
            return null;
        }

        var ring = polygon.ExteriorRing.CoordinateSequence;
        var n = ring.Count - 1;
        var x = new double[n];
        var y = new double[n];
        for (var i = 0; i < n; i++)
        {
            x[i] = ring.GetX(i);
            y[i] = ring.GetY(i);
        }

        var sign = 0;
        for (var i = 0; i < n; i++)
        {
            var j = (i + 1) % n;
            var k = (i + 2) % n;
            var cross = ((x[j] - x[i]) * (y[k] - y[j])) - ((y[j] - y[i]) * (x[k] - x[j]));
            var turn = Math.Sign(cross);
            if (turn == 0)
            {
                continue;
            }

            if (sign != 0 && turn != sign)
            {
                return null;
            }

            sign = turn;
        }

        return sign == 0 ? null : new ConvexRing(x, y, sign);
    }

    /// <summary>The triangles of a polygonal area (holes respected); null if it cannot be triangulated.</summary>
    public static IReadOnlyList<ConvexRing>? Triangles(Geometry geometry)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        try
        {
            var triangles = NetTopologySuite.Triangulate.Polygon.PolygonTriangulator.Triangulate(geometry);
            var rings = new List<ConvexRing>(triangles.NumGeometries);
            for (var i = 0; i < triangles.NumGeometries; i++)
            {
                if (Of(triangles.GetGeometryN(i)) is { } triangle)
                {
                    rings.Add(triangle);
                }
            }

            return rings.Count > 0 ? rings : null;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or NetTopologySuite.Geometries.TopologyException)
        {
            return null;
        }
    }
}
