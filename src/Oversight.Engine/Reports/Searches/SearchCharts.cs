using ScottPlot;
using Oversight.Reports.Pdf;

namespace Oversight.Reports.Searches;

/// <summary>The search report's own chart: each rule's broken and not-published searches, from published counts only.</summary>
internal static class SearchCharts
{
    /// <summary>Horizontal bars per rule: broken (red) and not published (hatched grey); a withheld count is a marker with its label.</summary>
    public static Plot Rules(SearchReport report)
    {
        var plot = Charts.NewPlot(horizontal: true);
        var rows = report.Rules.Reverse().ToList();
        var most = Math.Max(1, rows.Max(r => (r.Violated.Value ?? 0) + (r.NotPublished.Value ?? 0)));
        var bars = new List<Bar>();
        for (var i = 0; i < rows.Count; i++)
        {
            var x = 0.0;
            if (rows[i].Violated.Value is { } v)
            {
                bars.Add(Charts.Bar(i, 0, v, Charts.Denied, 0.7));
                x = v;
            }
            else
            {
                Charts.Note(plot, most * 0.01, i, rows[i].Violated.Text, Alignment.MiddleLeft);
            }

            if (rows[i].NotPublished.Value is { } n && n > 0)
            {
                bars.Add(Charts.Hatched(i, x, n, 0.7));
            }
        }

        var barPlot = plot.Add.Bars(bars);
        barPlot.Horizontal = true;
        Charts.Labels(plot.Axes.Left, [.. rows.Select(r => Charts.Wrap(r.Description, 36))], 7f);
        plot.XLabel("Searches");
        plot.Axes.SetLimitsY(-0.6, rows.Count - 0.4);
        plot.Axes.SetLimitsX(0, most * 1.45);
        Charts.Legend(plot, Alignment.LowerRight, ("Broke the rule", Charts.Denied, false, false), ("Not published: could not be judged", Charts.Withheld, true, false));
        return plot;
    }
}
