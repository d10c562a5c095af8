using NetTopologySuite.Geometries;
using Oversight.Geo;
using Oversight.Requests;

namespace Oversight.History;

/// <summary>
/// Entries bucketed by the grid cells their envelopes cover, each bucket in time order, so that a
/// place-and-period query reads only nearby, recent entries. The work per entry and per query is
/// bounded whatever the shapes: an entry covering more than <see cref="MaxCellsPerEntry"/> cells
/// sits in one list of wide entries that every query reads instead, and a query covering more
/// cells than the grid holds walks the occupied cells instead of its own.
/// </summary>
internal sealed class SpatialGrid
{
    /// <summary>Cell size in degrees: about 1.1 km north-south, 0.8 km east-west at 45°.</summary>
    private const double CellDegrees = 0.01;

    /// <summary>Cells an entry may be filed under; the default extent limit (25 km) needs at most about 900.</summary>
    private const long MaxCellsPerEntry = 4_096;

    /// <summary>How many candidates are examined between checks of the deadline.</summary>
    private const int CheckEvery = 32;

    private readonly Dictionary<long, TimeList> cells = [];
    private readonly TimeList wide = new();

    public void Add(HistoryEntry entry)
    {
        if (CellRange(entry.Request.Area.Envelope) is not { } range || range.Count > MaxCellsPerEntry)
        {
            wide.Insert(entry);
            return;
        }

        for (var x = range.X0; x <= range.X1; x++)
        {
            for (var y = range.Y0; y <= range.Y1; y++)
            {
                var key = Key(x, y);
                if (!cells.TryGetValue(key, out var list))
                {
                    list = new TimeList();
                    cells[key] = list;
                }

                list.Insert(entry);
            }
        }
    }

    public int CountOverlapping(RequestArea area, long fromTicksExclusive, long toTicksInclusive, string? onlyAgency, CancellationToken cancellation)
    {
        var envelope = area.Envelope;
        var count = 0;
        var examined = 0;
        bool Counts(HistoryEntry entry)
        {
            if (++examined % CheckEvery == 0)
            {
                cancellation.ThrowIfCancellationRequested();
            }

            return !(entry.MinX > envelope.MaxX || entry.MaxX < envelope.MinX || entry.MinY > envelope.MaxY || entry.MaxY < envelope.MinY)
                && (onlyAgency is null || entry.AgencyKey == onlyAgency)
                && Overlap.WithPositiveArea(area, entry.Request.Area);
        }

        foreach (var entry in wide.Between(fromTicksExclusive, toTicksInclusive))
        {
            if (Counts(entry))
            {
                count++;
            }
        }

        if (CellRange(envelope) is not { } range)
        {
            return count;
        }

        void Scan(int x, int y, TimeList list)
        {
            foreach (var entry in list.Between(fromTicksExclusive, toTicksInclusive))
            {
                // An entry sits in every cell its envelope covers; count it only in the cell that
                // holds the lower-left corner of the two envelopes' intersection.
                if (Cell(Math.Max(envelope.MinX, entry.MinX)) == x && Cell(Math.Max(envelope.MinY, entry.MinY)) == y && Counts(entry))
                {
                    count++;
                }
            }
        }

        if (range.Count > cells.Count)
        {
            foreach (var (key, list) in cells)
            {
                var (x, y) = ((int)(key >> 32), (int)(key & 0xFFFF_FFFF));
                if (x >= range.X0 && x <= range.X1 && y >= range.Y0 && y <= range.Y1)
                {
                    Scan(x, y, list);
                }
            }

            return count;
        }

        for (var x = range.X0; x <= range.X1; x++)
        {
            for (var y = range.Y0; y <= range.Y1; y++)
            {
                if (cells.TryGetValue(Key(x, y), out var list))
                {
                    Scan(x, y, list);
                }
            }
        }

        return count;
    }

    /// <summary>The cells a lon/lat envelope covers; null when it has no finite extent.</summary>
    private static CellSpan? CellRange(Envelope envelope)
    {
        if (envelope.IsNull || !double.IsFinite(envelope.MinX) || !double.IsFinite(envelope.MaxX)
            || !double.IsFinite(envelope.MinY) || !double.IsFinite(envelope.MaxY))
        {
            return null;
        }

        return new CellSpan(Cell(envelope.MinX), Cell(envelope.MinY), Cell(envelope.MaxX), Cell(envelope.MaxY));
    }

    private static int Cell(double degrees) => (int)Math.Floor(degrees / CellDegrees);

    private static long Key(int x, int y) => ((long)x << 32) | (uint)y;

    private readonly record struct CellSpan(int X0, int Y0, int X1, int Y1)
    {
        public long Count => ((long)X1 - X0 + 1) * ((long)Y1 - Y0 + 1);
    }
}
