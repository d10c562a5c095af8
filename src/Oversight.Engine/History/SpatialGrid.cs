using NetTopologySuite.Geometries;
using Oversight.Geo;

namespace Oversight.History;

/// <summary>
/// Entries bucketed by the grid cells their envelopes cover, each bucket in time order, so that a
/// place-and-period query reads only nearby, recent entries.
/// </summary>
internal sealed class SpatialGrid
{
    /// <summary>Cell size in degrees: about 1.1 km north-south, 0.8 km east-west at 45°.</summary>
    private const double CellDegrees = 0.01;

    private readonly Dictionary<long, TimeList> cells = [];

    public void Add(HistoryEntry entry)
    {
        var envelope = entry.Request.Area.Envelope;
        var (x0, y0, x1, y1) = CellRange(envelope);
        for (var x = x0; x <= x1; x++)
        {
            for (var y = y0; y <= y1; y++)
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

    public int CountOverlapping(Oversight.Requests.RequestArea area, long fromTicksExclusive, long toTicksInclusive)
    {
        var envelope = area.Envelope;
        var (x0, y0, x1, y1) = CellRange(envelope);
        var count = 0;
        for (var x = x0; x <= x1; x++)
        {
            for (var y = y0; y <= y1; y++)
            {
                if (!cells.TryGetValue(Key(x, y), out var list))
                {
                    continue;
                }

                foreach (var entry in list.Between(fromTicksExclusive, toTicksInclusive))
                {
                    if (entry.MinX > envelope.MaxX || entry.MaxX < envelope.MinX || entry.MinY > envelope.MaxY || entry.MaxY < envelope.MinY)
                    {
                        continue;
                    }

                    // An entry sits in every cell its envelope covers; count it only in the cell that
                    // holds the lower-left corner of the two envelopes' intersection.
                    var cornerX = Cell(Math.Max(envelope.MinX, entry.MinX));
                    var cornerY = Cell(Math.Max(envelope.MinY, entry.MinY));
                    if (cornerX == x && cornerY == y && Overlap.WithPositiveArea(area, entry.Request.Area))
                    {
                        count++;
                    }
                }
            }
        }

        return count;
    }

    private static (int X0, int Y0, int X1, int Y1) CellRange(Envelope envelope) =>
        (Cell(envelope.MinX), Cell(envelope.MinY), Cell(envelope.MaxX), Cell(envelope.MaxY));

    private static int Cell(double degrees) => (int)Math.Floor(degrees / CellDegrees);

    private static long Key(int x, int y) => ((long)x << 32) | (uint)y;
}
