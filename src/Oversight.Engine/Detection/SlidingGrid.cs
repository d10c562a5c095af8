using NetTopologySuite.Geometries;

namespace Oversight.Detection;

/// <summary>
/// A uniform lon/lat grid of recent items for a sweep in time: items are added in sweep order
/// into every cell their envelope touches; a query returns, once each, the items in the cells
/// around an envelope, and drops from each visited cell the oldest items the sweep has left behind.
/// The cost of a query is the number of items near in space and time, never all pairs. An item
/// whose envelope would cover more than <see cref="MaxCellsPerItem"/> cells (an area stretched far
/// beyond the policy's extent limit, or one without a finite extent) is kept in one list that every
/// query reads instead, so that no single item makes the work per item unbounded.
/// </summary>
internal sealed class SlidingGrid
{
    private const long MaxCellsPerItem = 4_096;

    private readonly Dictionary<long, Cell> cells = [];
    private readonly Cell wide = new();
    private readonly double cellLon;
    private readonly double cellLat;
    private readonly double metresPerDegreeLon;
    private readonly double metresPerDegreeLat;
    private readonly int[] seen;
    private int query;

    /// <param name="cellMetres">Cell size; about the distance a query reaches.</param>
    /// <param name="latitude">A latitude typical of the data, for the metres-to-degrees scale.</param>
    /// <param name="count">How many items there can be (ids are 0..count−1).</param>
    public SlidingGrid(double cellMetres, double latitude, int count)
    {
        metresPerDegreeLat = 111_132.0;
        // The scale of the most poleward latitude likely in the data keeps cells at least cellMetres wide there.
        metresPerDegreeLon = Math.Max(111_320.0 * Math.Cos(Math.Min(Math.Abs(latitude) + 1, 89) * Math.PI / 180), 1_000);
        cellLat = cellMetres / metresPerDegreeLat;
        cellLon = cellMetres / metresPerDegreeLon;
        seen = new int[count];
    }

    public void Add(int item, Envelope envelope)
    {
        if (Span(envelope, 0) is not { } span || span.Count > MaxCellsPerItem)
        {
            wide.Items.Add(item);
            return;
        }

        foreach (var key in Keys(span))
        {
            if (!cells.TryGetValue(key, out var cell))
            {
                cells[key] = cell = new Cell();
            }

            cell.Items.Add(item);
        }
    }

    /// <summary>
    /// Items in the cells within <paramref name="marginMetres"/> of the envelope, each once. Items at
    /// the front of a visited cell for which <paramref name="behind"/> holds are dropped for good.
    /// </summary>
    public void Near(Envelope envelope, double marginMetres, Func<int, bool> behind, List<int> output)
    {
        output.Clear();
        query++;
        Visit(wide, behind, output);
        if (Span(envelope, marginMetres) is not { } span)
        {
            return;
        }

        // A query wider than the occupied cells walks those instead of its own.
        var keys = span.Count > cells.Count ? cells.Keys.Where(span.Holds).ToList() : Keys(span);
        foreach (var key in keys)
        {
            if (cells.TryGetValue(key, out var cell) && !Visit(cell, behind, output))
            {
                cells.Remove(key);
            }
        }
    }

    /// <summary>Drops the items the sweep has left behind and reports the rest; false when none are left.</summary>
    private bool Visit(Cell cell, Func<int, bool> behind, List<int> output)
    {
        while (cell.Head < cell.Items.Count && behind(cell.Items[cell.Head]))
        {
            cell.Head++;
        }

        if (cell.Head == cell.Items.Count)
        {
            cell.Items.Clear();
            cell.Head = 0;
            return false;
        }

        if (cell.Head > 64 && cell.Head * 2 > cell.Items.Count)
        {
            cell.Items.RemoveRange(0, cell.Head);
            cell.Head = 0;
        }

        for (var k = cell.Head; k < cell.Items.Count; k++)
        {
            var item = cell.Items[k];
            if (seen[item] != query)
            {
                seen[item] = query;
                output.Add(item);
            }
        }

        return true;
    }

    private CellSpan? Span(Envelope envelope, double marginMetres)
    {
        var dLon = marginMetres / metresPerDegreeLon;
        var dLat = marginMetres / metresPerDegreeLat;
        var x0 = Math.Floor((envelope.MinX - dLon) / cellLon);
        var x1 = Math.Floor((envelope.MaxX + dLon) / cellLon);
        var y0 = Math.Floor((envelope.MinY - dLat) / cellLat);
        var y1 = Math.Floor((envelope.MaxY + dLat) / cellLat);
        return envelope.IsNull || !double.IsFinite(x0) || !double.IsFinite(x1) || !double.IsFinite(y0) || !double.IsFinite(y1)
            || Math.Abs(x0) > int.MaxValue / 2 || Math.Abs(x1) > int.MaxValue / 2 || Math.Abs(y0) > int.MaxValue / 2 || Math.Abs(y1) > int.MaxValue / 2
            ? null
            : new CellSpan((int)x0, (int)y0, (int)x1, (int)y1);
    }

    private static IEnumerable<long> Keys(CellSpan span)
    {
        for (var y = span.Y0; y <= span.Y1; y++)
        {
            for (var x = span.X0; x <= span.X1; x++)
            {
                yield return ((long)y << 32) | (uint)x;
            }
        }
    }

    private readonly record struct CellSpan(int X0, int Y0, int X1, int Y1)
    {
        public long Count => ((long)X1 - X0 + 1) * ((long)Y1 - Y0 + 1);

        public bool Holds(long key)
        {
            var (y, x) = ((int)(key >> 32), (int)(key & 0xFFFF_FFFF));
            return x >= X0 && x <= X1 && y >= Y0 && y <= Y1;
        }
    }

    private sealed class Cell
    {
        public List<int> Items { get; } = [];

        public int Head { get; set; }
    }
}
