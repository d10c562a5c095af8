using NetTopologySuite.Geometries;

namespace Oversight.Detection;

/// <summary>
/// A uniform lon/lat grid of recent items for a sweep in time: items are added in sweep order
/// into every cell their envelope touches; a query returns, once each, the items in the cells
/// around an envelope, and drops from each visited cell the oldest items the sweep has left behind.
/// The cost of a query is the number of items near in space and time, never all pairs.
/// </summary>
internal sealed class SlidingGrid
{
    private readonly Dictionary<long, Cell> cells = [];
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
        foreach (var key in Keys(envelope, 0))
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
        foreach (var key in Keys(envelope, marginMetres))
        {
            if (!cells.TryGetValue(key, out var cell))
            {
                continue;
            }

            while (cell.Head < cell.Items.Count && behind(cell.Items[cell.Head]))
            {
                cell.Head++;
            }

            if (cell.Head == cell.Items.Count)
            {
                cells.Remove(key);
                continue;
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
        }
    }

    private IEnumerable<long> Keys(Envelope envelope, double marginMetres)
    {
        var dLon = marginMetres / metresPerDegreeLon;
        var dLat = marginMetres / metresPerDegreeLat;
        var x0 = (int)Math.Floor((envelope.MinX - dLon) / cellLon);
        var x1 = (int)Math.Floor((envelope.MaxX + dLon) / cellLon);
        var y0 = (int)Math.Floor((envelope.MinY - dLat) / cellLat);
        var y1 = (int)Math.Floor((envelope.MaxY + dLat) / cellLat);
        for (var y = y0; y <= y1; y++)
        {
            for (var x = x0; x <= x1; x++)
            {
                yield return ((long)y << 32) | (uint)x;
            }
        }
    }

    private sealed class Cell
    {
        public List<int> Items { get; } = [];

        public int Head { get; set; }
    }
}
