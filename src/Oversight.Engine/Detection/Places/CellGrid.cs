using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using Oversight.Geo;
using Oversight.Requests;

namespace Oversight.Detection.Places;

/// <summary>
/// A grid of near-square cells of a given size in metres: rows are bands of latitude, and each
/// row's columns are as wide in degrees of longitude as the cell size at that row's middle latitude.
/// </summary>
internal sealed class CellGrid(double cellMetres)
{
    private const double DegreesToRadians = Math.PI / 180;

    private static readonly double MetresPerDegreeLatitude = GeodesicMeasure.Radii(45).M * DegreesToRadians;

    /// <summary>Cells an area is tested against at most (a 25 km area in 250 m cells is 10,000).</summary>
    private const double MaxCellsPerArea = 1 << 20;

    public double CellMetres { get; } = cellMetres;

    public int Row(double lat) => (int)Math.Floor(lat * MetresPerDegreeLatitude / CellMetres);

    public int Column(int row, double lon) => (int)Math.Floor(lon / ColumnDegrees(row));

    /// <summary>The cells an area covers: those whose centre lies in it, and always the one holding its centroid.</summary>
    public List<long> Covered(RequestArea area, double centroidLon, double centroidLat)
    {
        var cells = new List<long>();
        var home = Row(centroidLat);
        cells.Add(Key(home, Column(home, centroidLon)));
        var envelope = area.Envelope;
        if (!double.IsFinite(envelope.Width) || !double.IsFinite(envelope.Height)
            || (double)(Row(envelope.MaxY) - Row(envelope.MinY) + 1) * ((envelope.Width / ColumnDegrees(home)) + 2) > MaxCellsPerArea)
        {
            // Far beyond the policy's extent limit: counted at its centre only, so that one area cannot make the work unbounded.
            return cells;
        }

        IPointOnGeometryLocator? locator = null;
        for (var row = Row(envelope.MinY); row <= Row(envelope.MaxY); row++)
        {
            var lat = (row + 0.5) * CellMetres / MetresPerDegreeLatitude;
            if (lat < envelope.MinY || lat > envelope.MaxY)
            {
                continue;
            }

            var width = ColumnDegrees(row);
            for (var column = Column(row, envelope.MinX); column <= Column(row, envelope.MaxX); column++)
            {
                var lon = (column + 0.5) * width;
                if (lon >= envelope.MinX && lon <= envelope.MaxX && Contains(area, lon, lat, ref locator))
                {
                    var key = Key(row, column);
                    if (key != cells[0])
                    {
                        cells.Add(key);
                    }
                }
            }
        }

        return cells;
    }

    public static long Key(int row, int column) => ((long)row << 32) | (uint)column;

    public static (int Row, int Column) Unkey(long key) => ((int)(key >> 32), (int)(key & 0xFFFFFFFF));

    /// <summary>The middle of a cell, in lon/lat degrees.</summary>
    public (double Lon, double Lat) Centre(long key)
    {
        var (row, column) = Unkey(key);
        return ((column + 0.5) * ColumnDegrees(row), (row + 0.5) * CellMetres / MetresPerDegreeLatitude);
    }

    private double ColumnDegrees(int row)
    {
        var lat = Math.Clamp((row + 0.5) * CellMetres / MetresPerDegreeLatitude, -89, 89);
        var (_, n) = GeodesicMeasure.Radii(lat);
        return CellMetres / (n * Math.Cos(lat * DegreesToRadians) * DegreesToRadians);
    }

    private static bool Contains(RequestArea area, double lon, double lat, ref IPointOnGeometryLocator? locator)
    {
        if (area.Circle is { } circle)
        {
            return GeodesicMeasure.DistanceMetres(circle.Lon, circle.Lat, lon, lat) <= circle.RadiusMetres;
        }

        if (area.Convex is { } ring)
        {
            return InConvex(ring, lon, lat);
        }

        locator ??= new IndexedPointInAreaLocator(area.Geometry);
        return locator.Locate(new Coordinate(lon, lat)) != Location.Exterior;
    }

    /// <summary>True when the point is inside or on a convex ring, whichever way the ring turns.</summary>
    private static bool InConvex(ConvexRing ring, double lon, double lat)
    {
        int positive = 0, negative = 0;
        var n = ring.X.Length;
        for (int i = 0, j = n - 1; i < n; j = i++)
        {
            var cross = ((ring.X[i] - ring.X[j]) * (lat - ring.Y[j])) - ((ring.Y[i] - ring.Y[j]) * (lon - ring.X[j]));
            if (cross > 0)
            {
                positive++;
            }
            else if (cross < 0)
            {
                negative++;
            }
        }

        return positive == 0 || negative == 0;
    }
}
