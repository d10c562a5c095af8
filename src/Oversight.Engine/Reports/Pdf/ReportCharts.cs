using System.Globalization;
using ScottPlot;

namespace Oversight.Reports.Pdf;

/// <summary>The three kinds of chart in the report: weekly requests by decision, denial reasons, and a distribution with its limit.</summary>
internal static class ReportCharts
{
    public static Plot Weekly(TransparencyReport report)
    {
        var plot = Charts.NewPlot();
        var bars = new List<Bar>();
        for (var i = 0; i < report.Weekly.Count; i++)
        {
            var week = report.Weekly[i];
            var allowed = Charts.Bar(i, 0, week.Allowed, Charts.Allowed);
            var review = Charts.Bar(i, allowed.Value, week.Review, Charts.Review);
            bars.AddRange([allowed, review, Charts.Bar(i, review.Value, week.Denied, Charts.Denied)]);
        }

        plot.Add.Bars(bars);
        Charts.Labels(plot, [.. report.Weekly.Select(w => w.WeekStart.ToString("MMM d", CultureInfo.InvariantCulture))]);
        plot.YLabel("Requests");
        var legend = new List<(string, Color)> { ("Allowed", Charts.Allowed), ("Needed review", Charts.Review), ("Denied", Charts.Denied) };
        if (report.Weekly.Any(w => w.Allowed.Suppressed || w.Review.Suppressed || w.Denied.Suppressed))
        {
            legend.Add(($"Fewer than {report.Cover.SuppressBelow}", Charts.Suppressed));
        }

        Charts.Legend(plot, Alignment.UpperCenter, [.. legend]);
        plot.Axes.SetLimitsY(0, Math.Max(1, report.Weekly.Select(w => w.Allowed.ChartValue + w.Review.ChartValue + w.Denied.ChartValue).DefaultIfEmpty(0).Max()) * 1.25);
        return plot;
    }

    public static Plot Denials(TransparencyReport report, int top)
    {
        var plot = Charts.NewPlot();
        var rows = report.Denials.Take(top).Reverse().ToList();
        var bars = rows.Select((d, i) => Charts.Bar(i, 0, d.Requests, Charts.Denied)).ToList();
        var barPlot = plot.Add.Bars(bars);
        barPlot.Horizontal = true;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. rows.Select((_, i) => (double)i)], [.. rows.Select(d => Shorten(d.Description, 46))]);
        plot.Axes.Margins(left: 0);
        plot.XLabel("Denied requests");
        if (rows.Any(d => d.Requests.Suppressed))
        {
            Charts.Legend(plot, Alignment.LowerRight, ($"Fewer than {report.Cover.SuppressBelow}", Charts.Suppressed));
        }

        return plot;
    }

    public static Plot Distribution(Distribution distribution, int suppressBelow)
    {
        var plot = Charts.NewPlot();
        var bars = distribution.Bins.Select((b, i) => Charts.Bar(i, 0, b.Requests, Charts.Neutral, 0.9)).ToList();
        plot.Add.Bars(bars);
        Charts.Labels(plot, [.. distribution.Bins.Select(b => b.Label)]);
        plot.XLabel($"{distribution.Measure} ({distribution.Unit})");
        plot.YLabel("Requests");
        var top = Math.Max(1, bars.Max(b => b.Value)) * 1.25;
        plot.Axes.SetLimitsY(0, top);
        var legend = new List<(string, Color)>();
        if (distribution.Limit is { } limit && distribution.Bins.Count > 1)
        {
            var width = distribution.Bins[1].From - distribution.Bins[0].From;
            var line = plot.Add.VerticalLine((limit / width) - 0.5);
            line.Color = Charts.Denied;
            line.LineWidth = 1.5f;
            line.LinePattern = LinePattern.Dashed;
            legend.Add(($"Policy limit: {limit.ToString("0.###", CultureInfo.InvariantCulture)} {distribution.Unit}", Charts.Denied));
        }

        if (distribution.Bins.Any(b => b.Requests.Suppressed))
        {
            legend.Add(($"Fewer than {suppressBelow}", Charts.Suppressed));
        }

        if (legend.Count > 0)
        {
            Charts.Legend(plot, Alignment.UpperCenter, [.. legend]);
        }

        return plot;
    }

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
