using NetTopologySuite;
using NetTopologySuite.Geometries;

namespace Oversight.Geo;

/// <summary>Shared geometry factory and the overlap test the counting rules use.</summary>
/// <remarks>
/// Geometries are kept in lon/lat degrees. Overlap and union are planar operations; lon/lat is an
/// affine image of a local equirectangular metric projection, and the questions asked of it
/// (do interiors meet, what is the union's outline) are unchanged by affine maps, so no
/// re-projection is needed. Areas of results are then measured ellipsoidally.
/// </remarks>
public static class Geometries
{
    /// <summary>The factory for every geometry the engine builds (SRID 4326, floating precision).</summary>
    public static readonly GeometryFactory Factory =
        NtsGeometryServices.Instance.CreateGeometryFactory(new PrecisionModel(), 4326);

    /// <summary>Vertices used when a circle becomes a polygon for overlap and union tests.</summary>
    public const int CircleVertices = 64;

    /// <summary>True when the two areas share interior with positive area (touching edges do not).</summary>
    public static bool OverlapWithPositiveArea(Geometry a, Geometry b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var ea = a.EnvelopeInternal;
        var eb = b.EnvelopeInternal;
        if (!ea.Intersects(eb))
        {
            return false;
        }

        if (a is Polygon { IsRectangle: true } && b is Polygon { IsRectangle: true })
        {
            return Math.Min(ea.MaxX, eb.MaxX) > Math.Max(ea.MinX, eb.MinX)
                && Math.Min(ea.MaxY, eb.MaxY) > Math.Max(ea.MinY, eb.MinY);
        }

        return a.Relate(b).Get(Location.Interior, Location.Interior) == Dimension.Surface;
    }

    /// <summary>A polygon with <see cref="CircleVertices"/> vertices and the same area as the geodesic circle.</summary>
    public static Polygon Circle(double lon, double lat, double radiusMetres)
    {
        var coordinates = new Coordinate[CircleVertices + 1];

        // Push the vertices out so that the polygon holds the circle's area: an inscribed 64-gon
        // would hold 0.16% less, and a union of identical circles would then measure smaller than one.
        var step = 2 * Math.PI / CircleVertices;
        radiusMetres *= Math.Sqrt(step / Math.Sin(step));
        for (var i = 0; i < CircleVertices; i++)
        {
            // Counter-clockwise from east, as GeoJSON exterior rings run.
            var bearing = 90.0 - (360.0 * i / CircleVertices);
            var (x, y) = GeodesicMeasure.Destination(lon, lat, bearing, radiusMetres);
            coordinates[i] = new Coordinate(x, y);
        }

        coordinates[CircleVertices] = coordinates[0].Copy();
        return Factory.CreatePolygon(coordinates);
    }

    /// <summary>Most vertices a union may take in at once: beyond it one union alone could take about a second.</summary>
    public const int MaxUnionVertices = 50_000;

    /// <summary>Unions larger than this run apart from the caller, so that the caller's deadline can end the wait for them.</summary>
    private const int InlineUnionVertices = 5_000;

    /// <summary>Ellipsoidal area, in square metres, of the union of the given areas.</summary>
    /// <exception cref="OperationCanceledException">
    /// The token was cancelled (the evaluation's deadline passed) before the union was done, or the
    /// areas hold more than <see cref="MaxUnionVertices"/> vertices together.
    /// </exception>
    public static double UnionAreaSquareMetres(IReadOnlyList<Geometry> areas, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(areas);
        if (areas.Count == 0)
        {
            return 0;
        }

        cancellation.ThrowIfCancellationRequested();
        if (PairwiseDisjointEnvelopes(areas, cancellation))
        {
            var sum = 0.0;
            foreach (var area in areas)
            {
                sum += GeodesicMeasure.AreaSquareMetres(area);
            }

            return sum;
        }

        var vertices = 0L;
        foreach (var area in areas)
        {
            vertices += area.NumPoints;
        }

        if (vertices > MaxUnionVertices)
        {
            throw new OperationCanceledException($"A union of {vertices:N0} vertices is more than the {MaxUnionVertices:N0} one evaluation may take on.");
        }

        double Union() => GeodesicMeasure.AreaSquareMetres(NetTopologySuite.Operation.Union.UnaryUnionOp.Union(areas));
        if (vertices <= InlineUnionVertices || !cancellation.CanBeCanceled)
        {
            return Union();
        }

        // The union cannot be interrupted; the caller stops waiting for it at its deadline, and the
        // abandoned work is bounded by MaxUnionVertices.
        var task = Task.Run(Union, CancellationToken.None);
        task.Wait(cancellation);
        return task.Result;
    }

    private static bool PairwiseDisjointEnvelopes(IReadOnlyList<Geometry> areas, CancellationToken cancellation)
    {
        var checks = 0;
        for (var i = 0; i < areas.Count; i++)
        {
            for (var j = i + 1; j < areas.Count; j++)
            {
                if ((++checks & 4095) == 0)
                {
                    cancellation.ThrowIfCancellationRequested();
                }

                if (areas[i].EnvelopeInternal.Intersects(areas[j].EnvelopeInternal))
                {
                    return false;
                }
            }
        }

        return true;
    }

}
