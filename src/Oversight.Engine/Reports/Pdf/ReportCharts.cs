using System.Globalization;
using ScottPlot;

namespace Oversight.Reports.Pdf;

/// <summary>
/// The report's charts, drawn from published counts only: bars at exact published values; the
/// withheld part of a published total is one hatched segment of exactly that size; a withheld
/// count on its own is a hatched marker labelled "&lt;5" or "[c]", never a made-up bar.
/// </summary>
internal static class ReportCharts
{
    public static Plot Weekly(TransparencyReport report) =>
        Stacked(
            [.. report.Weekly.Select(w => (w.FirstDay, w.Partial, w.Submitted, new[] { w.Allowed, w.Review, w.Denied }))],
            "Requests",
            [("Allowed", Charts.Allowed), ("Needed review", Charts.Review), ("Denied", Charts.Denied)]);

    /// <summary>
    /// Weeks as stacked bars, one colour per part in <paramref name="series"/> order; the part of a
    /// published total that withheld parts leave is one hatched segment.
    /// </summary>
    public static Plot Stacked(IReadOnlyList<(DateOnly FirstDay, bool Partial, ReportCount Total, ReportCount[] Parts)> weeks, string measure, IReadOnlyList<(string Label, Color Color)> series)
    {
        var plot = Charts.NewPlot();
        var bars = new List<Bar>();
        var top = 1.0;
        var hatched = false;
        for (var i = 0; i < weeks.Count; i++)
        {
            var week = weeks[i];
            var y = 0.0;
            for (var part = 0; part < series.Count; part++)
            {
                if (week.Parts[part].Value is { } v && v > 0)
                {
                    bars.Add(Charts.Bar(i, y, v, series[part].Color));
                    y += v;
                }
            }

            if (week.Total.Value is { } total)
            {
                if (total > y)
                {
                    bars.Add(Charts.Hatched(i, y, total - y));
                    hatched = true;
                }

                top = Math.Max(top, total);
            }
            else
            {
                hatched = true;
                Charts.Note(plot, i, y, "total\nwithheld");
            }
        }

        plot.Add.Bars(bars);
        Charts.Labels(plot.Axes.Bottom, [.. weeks.Select(w => w.FirstDay.ToString("MMM d", CultureInfo.InvariantCulture) + (w.Partial ? "*" : string.Empty))]);
        plot.YLabel(measure);
        var legend = series.Select(s => (s.Label, s.Color, false, false)).ToList();
        if (hatched)
        {
            legend.Add(("Withheld (small counts)", Charts.Withheld, true, false));
        }

        Charts.Legend(plot, Alignment.UpperCenter, [.. legend]);
        plot.Axes.SetLimitsY(0, top * (legend.Count > 4 ? 1.55 : 1.3));
        plot.Axes.SetLimitsX(-0.6, weeks.Count - 0.4);
        return plot;
    }

    public static Plot Denials(TransparencyReport report, int top)
    {
        var plot = Charts.NewPlot(horizontal: true);
        var rows = report.Denials.Take(top).Reverse().ToList();
        var most = Math.Max(1, rows.Max(d => d.Requests.Value ?? 0));
        var bars = new List<Bar>();
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Requests.Value is { } v)
            {
                bars.Add(Charts.Bar(i, 0, v, Charts.Denied, 0.7));
            }
            else
            {
                bars.Add(Charts.Hatched(i, 0, most * 0.025, 0.7));
                Charts.Note(plot, most * 0.03, i, rows[i].Requests.Text, Alignment.MiddleLeft);
            }
        }

        var barPlot = plot.Add.Bars(bars);
        barPlot.Horizontal = true;
        Charts.Labels(plot.Axes.Left, [.. rows.Select(d => Charts.Wrap(d.Description, 38))], 7.5f);
        plot.XLabel("Denied requests");
        plot.Axes.SetLimitsY(-0.6, rows.Count - 0.4);
        plot.Axes.SetLimitsX(0, most * 1.1);
        if (rows.Any(d => d.Requests.Suppressed))
        {
            Charts.Legend(plot, Alignment.LowerRight, ("Withheld (small counts)", Charts.Withheld, true, false));
        }

        return plot;
    }

    /// <summary>A histogram; <paramref name="counted"/> names what the bars count ("Requests", "Searches", "Officers").</summary>
    public static Plot Distribution(Distribution distribution, string counted = "Requests")
    {
        var plot = Charts.NewPlot();
        var most = Math.Max(1, distribution.Bins.Max(b => b.Requests.Value ?? 0));
        var bars = new List<Bar>();
        for (var i = 0; i < distribution.Bins.Count; i++)
        {
            var count = distribution.Bins[i].Requests;
            if (count.Value is { } v)
            {
                bars.Add(Charts.Bar(i, 0, v, Charts.Neutral, 0.9));
            }
            else
            {
                bars.Add(Charts.Hatched(i, 0, most * 0.04, 0.9));
                Charts.Note(plot, i, most * 0.05, count.Text);
            }
        }

        plot.Add.Bars(bars);
        Charts.Labels(plot.Axes.Bottom, [.. distribution.Bins.Select(b => b.Label.Replace("–", "–\n", StringComparison.Ordinal).Replace(" or more", "\nor more", StringComparison.Ordinal))], 6.5f);
        plot.XLabel($"{distribution.Measure} ({distribution.Unit})");
        plot.YLabel(counted);
        plot.Axes.SetLimitsY(0, most * 1.35);
        plot.Axes.SetLimitsX(-0.6, distribution.Bins.Count - 0.4);
        var legend = new List<(string, Color, bool, bool)>();
        foreach (var (edge, name, color) in new[] { (distribution.Limit, "limit", Charts.Denied), (distribution.Floor, "floor", Charts.Floor) })
        {
            if (edge is not { } value)
            {
                continue;
            }

            var at = Position(distribution, value);
            var line = plot.Add.VerticalLine(at);
            line.Color = color;
            line.LineWidth = 1.5f;
            line.LinePattern = LinePattern.Dashed;
            legend.Add(($"Policy {name}: {value.ToString(distribution.Bins.Any(b => b.Whole) ? "N0" : "0.###", CultureInfo.InvariantCulture)} {distribution.Unit}", color, false, true));
        }

        if (distribution.Bins.Any(b => b.Requests.Suppressed))
        {
            legend.Add(("Withheld (small counts)", Charts.Withheld, true, false));
        }

        if (legend.Count > 0)
        {
            Charts.Legend(plot, Alignment.UpperRight, [.. legend]);
            plot.Legend.Orientation = Orientation.Vertical;
        }

        return plot;
    }

    /// <summary>Requests in this period and the ones before it: no bar where there is no data, a hatched bar for a partly covered period.</summary>
    public static Plot Trend(TransparencyReport report)
    {
        var plot = Charts.NewPlot();
        var most = Math.Max(1, report.Trend.Max(t => t.Submitted.Value ?? 0));
        var bars = new List<Bar>();
        for (var i = 0; i < report.Trend.Count; i++)
        {
            var point = report.Trend[i];
            if (point.Coverage == PeriodCoverage.None)
            {
                Charts.Note(plot, i, 0, "no data");
                continue;
            }

            if (point.Submitted.Value is { } v)
            {
                bars.Add(point.Coverage == PeriodCoverage.Partial ? Charts.Hatched(i, 0, v, 0.6) : Charts.Bar(i, 0, v, point.IsCurrent ? Charts.Floor : Charts.Neutral, 0.6));
                Charts.Note(plot, i, v, point.Coverage == PeriodCoverage.Partial ? $"{v:N0} (partial)" : v.ToString("N0", CultureInfo.InvariantCulture));
            }
            else
            {
                Charts.Note(plot, i, 0, point.Submitted.Text);
            }
        }

        plot.Add.Bars(bars);
        Charts.Labels(plot.Axes.Bottom, [.. report.Trend.Select(t => t.Period)], 7.5f);
        plot.YLabel("Requests");
        plot.Axes.SetLimitsY(0, most * 1.35);
        plot.Axes.SetLimitsX(-0.6, report.Trend.Count - 0.4);
        return plot;
    }

    /// <summary>Where a bin edge falls on the category axis: between the bin it starts and the one before.</summary>
    private static double Position(Distribution distribution, double edge)
    {
        for (var i = 0; i < distribution.Bins.Count; i++)
        {
            var bin = distribution.Bins[i];
            if (Math.Abs(bin.From - edge) < 1e-9)
            {
                return i - 0.5;
            }

            if (bin.To is { } to && edge < to)
            {
                return i - 0.5 + ((edge - bin.From) / (to - bin.From));
            }
        }

        return distribution.Bins.Count - 0.5;
    }
}
