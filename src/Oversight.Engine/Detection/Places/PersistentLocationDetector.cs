namespace Oversight.Detection.Places;

/// <summary>
/// persistent-location: a grid cell of <c>persistent.cellMeters</c> that one agency's requests
/// cover on at least <c>minDays</c> distinct local days within some <c>periodDays</c> window. A day
/// counts when a request's window includes part of it. Neighbouring cells usually qualify together,
/// so a cell is reported only where it has the most days among its eight neighbours (ties go to the
/// lower row, then column): one finding per watched place.
/// </summary>
internal static class PersistentLocationDetector
{
    public static IEnumerable<Finding> Find(DetectionContext context)
    {
        var settings = context.Settings;
        var grid = new CellGrid(settings.PersistentCellMeters);
        foreach (var (agency, indices) in context.ByAgency)
        {
            var cells = new Dictionary<long, List<int>>();
            foreach (var i in indices)
            {
                foreach (var cell in grid.Covered(context.Requests[i].Area, context.Lon[i], context.Lat[i]))
                {
                    if (!cells.TryGetValue(cell, out var list))
                    {
                        cells[cell] = list = [];
                    }

                    list.Add(i);
                }
            }

            var qualifying = new Dictionary<long, Watch>();
            foreach (var (cell, requests) in cells)
            {
                if (requests.Count >= settings.PersistentMinDays && BestWindow(context, requests) is { } watch)
                {
                    qualifying[cell] = watch;
                }
            }

            foreach (var (cell, watch) in qualifying.OrderBy(p => p.Key))
            {
                if (IsPeak(cell, watch, qualifying))
                {
                    yield return Describe(context, grid, agency, cell, watch);
                }
            }
        }
    }

    /// <summary>The requests of the <c>periodDays</c> window with the most distinct covered days (earliest such window).</summary>
    private static Watch? BestWindow(DetectionContext context, List<int> requests)
    {
        var covered = new List<(int Day, int Request)>(requests.Count);
        foreach (var i in requests)
        {
            for (var day = context.FirstDay[i]; day <= context.LastDay[i]; day++)
            {
                covered.Add((day, i));
            }
        }

        covered.Sort();
        var days = covered.Select(c => c.Day).Distinct().ToArray();
        int bestFrom = 0, bestCount = 0;
        for (int from = 0, to = 0; to < days.Length; to++)
        {
            while (days[to] - days[from] >= context.Settings.PersistentPeriodDays)
            {
                from++;
            }

            if (to - from + 1 > bestCount)
            {
                (bestFrom, bestCount) = (from, to - from + 1);
            }
        }

        if (bestCount < context.Settings.PersistentMinDays)
        {
            return null;
        }

        var (fromDay, toDay) = (days[bestFrom], days[bestFrom + bestCount - 1]);
        int[] members = [.. covered.Where(c => c.Day >= fromDay && c.Day <= toDay).Select(c => c.Request).Distinct().Order()];
        return new Watch(bestCount, DateOnly.FromDayNumber(fromDay), DateOnly.FromDayNumber(toDay), members);
    }

    private static bool IsPeak(long cell, Watch watch, Dictionary<long, Watch> qualifying)
    {
        var (row, column) = CellGrid.Unkey(cell);
        for (var dr = -1; dr <= 1; dr++)
        {
            for (var dc = -1; dc <= 1; dc++)
            {
                var neighbour = CellGrid.Key(row + dr, column + dc);
                if (neighbour != cell && qualifying.TryGetValue(neighbour, out var other)
                    && (other.Days > watch.Days || (other.Days == watch.Days && neighbour < cell)))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static Finding Describe(DetectionContext context, CellGrid grid, string agency, long cell, Watch watch)
    {
        var hours = Splits.SplitWindowDetector.UnionHours(context, watch.Requests);
        var severity = watch.Days >= 2 * context.Settings.PersistentMinDays ? Severity.High : Severity.Medium;
        var ids = context.Ids(watch.Requests);
        var (first, last) = context.Span(watch.Requests);
        var (lon, lat) = grid.Centre(cell);
        var explanation =
            $"{watch.Requests.Length} requests by {agency} cover the same {Wording.Number(grid.CellMetres, "0")} m square on {watch.Days} different days " +
            $"between {watch.From:d MMM yyyy} and {watch.To:d MMM yyyy}, {Wording.Hours(hours)} of footage in all: one place watched again and again.";
        return new Finding(
            FindingIds.Of(FindingKind.PersistentLocation, agency, cell.ToString(System.Globalization.CultureInfo.InvariantCulture), watch.From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            FindingKind.PersistentLocation,
            severity,
            agency,
            ids,
            [
                new("days", watch.Days),
                new("hoursCovered", Wording.Round(hours, 2)),
                new("requests", watch.Requests.Length),
                new("cellMeters", grid.CellMetres),
                new("cellLat", Wording.Round(lat, 3)),
                new("cellLon", Wording.Round(lon, 3)),
            ],
            explanation,
            first,
            last);
    }

    private sealed record Watch(int Days, DateOnly From, DateOnly To, int[] Requests);
}
