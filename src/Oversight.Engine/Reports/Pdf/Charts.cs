using Oversight.Reports.Fonts;
using ScottPlot;
using SkiaSharp;

namespace Oversight.Reports.Pdf;

/// <summary>The report's charts, made with ScottPlot and drawn straight onto the PDF page (or an SVG) so they stay vector.</summary>
internal static class Charts
{
    public static readonly Color Allowed = Color.FromHex("#2E7D5B");
    public static readonly Color Review = Color.FromHex("#E0A526");
    public static readonly Color Noted = Color.FromHex("#8FBFA6");
    public static readonly Color Denied = Color.FromHex("#B3392F");
    public static readonly Color Neutral = Color.FromHex("#3B6EA5");
    public static readonly Color Floor = Color.FromHex("#1F3A5F");
    public static readonly Color Withheld = Color.FromHex("#D5DAE0");
    public static readonly Color Hatch = Color.FromHex("#6B7785");

    /// <summary>Draws <paramref name="plot"/> into <paramref name="rect"/> of the page.</summary>
    public static void Draw(SKCanvas canvas, SKRect rect, Plot plot)
    {
        canvas.Translate(rect.Left, rect.Top);
        canvas.ClipRect(new SKRect(0, 0, rect.Width, rect.Height));
        plot.Render(canvas, (int)rect.Width, (int)rect.Height);
    }

    /// <summary>The chart as SVG markup, for the web page.</summary>
    public static string Svg(Plot plot, int width, int height)
    {
        using var stream = new MemoryStream();
        using (var canvas = SKSvgCanvas.Create(new SKRect(0, 0, width, height), stream))
        {
            using var white = new SKPaint { Color = SKColors.White };
            canvas.DrawRect(0, 0, width, height, white);
            plot.Render(canvas, width, height);
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>A plot in the report's font and style, with whole-number counts on the value axis, that never clears the page it is drawn on.</summary>
    public static Plot NewPlot(bool horizontal = false)
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
        var counts = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        if (horizontal)
        {
            plot.Axes.Bottom.TickGenerator = counts;
            plot.Axes.Margins(left: 0);
        }
        else
        {
            plot.Axes.Left.TickGenerator = counts;
            plot.Axes.Margins(bottom: 0);
        }

        return plot;
    }

    /// <summary>A bar of exact height from <paramref name="bottom"/>.</summary>
    public static Bar Bar(double position, double bottom, double height, Color color, double size = 0.8) => new()
    {
        Position = position,
        ValueBase = bottom,
        Value = bottom + height,
        FillColor = color,
        LineWidth = 0,
        Size = size,
    };

    /// <summary>A hatched bar: the withheld part of a total, or a marker where a count is withheld.</summary>
    public static Bar Hatched(double position, double bottom, double height, double size = 0.8) => new()
    {
        Position = position,
        ValueBase = bottom,
        Value = bottom + height,
        FillColor = Withheld,
        FillHatch = new ScottPlot.Hatches.Striped(),
        FillHatchColor = Hatch,
        LineWidth = 0.5f,
        LineColor = Hatch,
        Size = size,
    };

    /// <summary>A small text label in the chart's coordinates.</summary>
    public static void Note(Plot plot, double x, double y, string text, Alignment alignment = Alignment.LowerCenter, float size = 7)
    {
        var label = plot.Add.Text(text, x, y);
        label.LabelFontSize = size;
        label.LabelFontName = ReportFonts.Family;
        label.LabelFontColor = Color.FromHex("#374151");
        label.LabelAlignment = alignment;
    }

    public static void Legend(Plot plot, Alignment where, params (string Label, Color Color, bool Hatched, bool Line)[] items)
    {
        foreach (var (label, color, hatched, line) in items)
        {
            var item = new LegendItem { LabelText = label };
            if (line)
            {
                item.LineColor = color;
                item.LineWidth = 1.5f;
                item.LinePattern = LinePattern.Dashed;
            }
            else
            {
                item.FillColor = color;
                if (hatched)
                {
                    item.FillHatch = new ScottPlot.Hatches.Striped();
                    item.FillHatchColor = Hatch;
                }
            }

            plot.Legend.ManualItems.Add(item);
        }

        plot.Legend.FontSize = 8;
        plot.Legend.Orientation = Orientation.Horizontal;
        plot.Legend.FontName = ReportFonts.Family;
        plot.ShowLegend(where);
    }

    /// <summary>Axis labels at whole-number positions.</summary>
    public static void Labels(IAxis axis, IReadOnlyList<string> labels, float size = 7)
    {
        axis.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. Enumerable.Range(0, labels.Count).Select(i => (double)i)], [.. labels]);
        axis.TickLabelStyle.FontSize = size;
    }

    /// <summary>Breaks a label into lines of at most <paramref name="width"/> characters.</summary>
    public static string Wrap(string text, int width)
    {
        var lines = new List<string>();
        var line = string.Empty;
        foreach (var word in text.Split(' '))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                lines.Add(line);
                line = word;
            }
            else
            {
                line = line.Length == 0 ? word : line + " " + word;
            }
        }

        lines.Add(line);
        return string.Join("\n", lines);
    }
}
