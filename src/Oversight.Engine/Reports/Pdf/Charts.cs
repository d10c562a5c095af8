using Oversight.Reports.Fonts;
using ScottPlot;
using SkiaSharp;

namespace Oversight.Reports.Pdf;

/// <summary>The report's charts, made with ScottPlot and drawn straight onto the PDF page so they stay vector.</summary>
internal static class Charts
{
    public static readonly Color Allowed = Color.FromHex("#2E7D5B");
    public static readonly Color Review = Color.FromHex("#E0A526");
    public static readonly Color Denied = Color.FromHex("#B3392F");
    public static readonly Color Neutral = Color.FromHex("#3B6EA5");
    public static readonly Color Suppressed = Color.FromHex("#B8BEC6");

    /// <summary>Draws <paramref name="plot"/> into <paramref name="rect"/> of the page.</summary>
    public static void Draw(SKCanvas canvas, SKRect rect, Plot plot)
    {
        canvas.Translate(rect.Left, rect.Top);
        canvas.ClipRect(new SKRect(0, 0, rect.Width, rect.Height));
        plot.Render(canvas, (int)rect.Width, (int)rect.Height);
    }

    /// <summary>A plot in the report's font and style, that never clears the page it is drawn on.</summary>
    public static Plot NewPlot()
    {
        ReportFonts.RegisterWithScottPlot();
        var plot = new Plot();
        plot.RenderManager.RenderActions.RemoveAll(a => a.GetType().Name == "ClearCanvas");
        plot.Font.Set(ReportFonts.Family);
        plot.FigureBackground.Color = Colors.White;
        plot.Axes.Bottom.TickLabelStyle.FontSize = 8;
        plot.Axes.Left.TickLabelStyle.FontSize = 8;
        plot.Axes.Left.Label.FontSize = 9;
        plot.Axes.Bottom.Label.FontSize = 9;
        plot.Grid.MajorLineColor = Color.FromHex("#E5E9EE");
        plot.Axes.Margins(bottom: 0);
        return plot;
    }

    /// <summary>Bars for counts, a suppressed count drawn grey at its largest possible value.</summary>
    public static Bar Bar(double position, double bottom, ReportCount count, Color color, double size = 0.8) => new()
    {
        Position = position,
        ValueBase = bottom,
        Value = bottom + count.ChartValue,
        FillColor = count.Suppressed ? Suppressed : color,
        LineWidth = 0,
        Size = size,
    };

    public static void Legend(Plot plot, Alignment where, params (string Label, Color Color)[] items)
    {
        foreach (var (label, color) in items)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = label, FillColor = color });
        }

        plot.Legend.FontSize = 8;
        plot.Legend.Orientation = Orientation.Horizontal;
        plot.Legend.FontName = ReportFonts.Family;
        plot.ShowLegend(where);
    }

    /// <summary>Bottom-axis labels at whole-number positions.</summary>
    public static void Labels(Plot plot, IReadOnlyList<string> labels)
    {
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. Enumerable.Range(0, labels.Count).Select(i => (double)i)], [.. labels]);
        plot.Axes.Bottom.TickLabelStyle.FontSize = 7;
    }
}
