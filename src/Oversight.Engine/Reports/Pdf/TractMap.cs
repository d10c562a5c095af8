using System.Globalization;
using NetTopologySuite.Geometries;
using SkiaSharp;

namespace Oversight.Reports.Pdf;

/// <summary>
/// A choropleth of request counts by area, drawn from the area shapes: white for none, hatched grey
/// for withheld counts, then up to four shades of blue by count; each area labelled with its tract
/// number where the label fits, a scale bar in each panel, and a legend below.
/// </summary>
internal static class TractMap
{
    private static readonly SKColor[] Shades = [SKColor.Parse("#D6E6F4"), SKColor.Parse("#9CC3E4"), SKColor.Parse("#4C8DC8"), SKColor.Parse("#1D4F8C")];
    private static readonly SKColor SuppressedFill = SKColor.Parse("#E3E6EA");
    private const float LegendHeight = 34;

    public static void Draw(SKCanvas canvas, SKRect rect, GeographyBreakdown geography, int suppressBelow)
    {
        var classes = Classes(geography);
        var all = new Envelope();
        foreach (var area in geography.Areas)
        {
            all.ExpandToInclude(area.Shape.EnvelopeInternal);
        }

        // The small tracts are the dense ones; the right panel enlarges them so they can be read.
        var median = geography.Areas.Select(a => a.Shape.Area).Order().ElementAt(geography.Areas.Count / 2);
        var dense = new Envelope();
        foreach (var area in geography.Areas.Where(a => a.Shape.Area <= median))
        {
            dense.ExpandToInclude(area.Shape.EnvelopeInternal);
        }

        var panelHeight = rect.Height - LegendHeight;
        var half = (rect.Width - 16) / 2;
        var left = new SKRect(rect.Left, rect.Top + 14, rect.Left + half, rect.Top + panelHeight);
        var right = new SKRect(rect.Right - half, rect.Top + 14, rect.Right, rect.Top + panelHeight);
        PageLayout.DrawText(canvas, "All tracts", left.Left, rect.Top + 9, 8.5f, bold: true, PageLayout.Muted);
        PageLayout.DrawText(canvas, "Enlarged: the smaller, denser tracts (outlined on the left)", right.Left, rect.Top + 9, 8.5f, bold: true, PageLayout.Muted);
        var project = Panel(canvas, left, all, geography, classes, labels: false);
        using var frame = new SKPaint { Color = PageLayout.Accent, StrokeWidth = 1, Style = SKPaintStyle.Stroke, IsAntialias = true };
        canvas.DrawRect(SKRect.Create(project(new Coordinate(dense.MinX, dense.MaxY)), new SKSize(
            project(new Coordinate(dense.MaxX, dense.MinY)).X - project(new Coordinate(dense.MinX, dense.MaxY)).X,
            project(new Coordinate(dense.MaxX, dense.MinY)).Y - project(new Coordinate(dense.MinX, dense.MaxY)).Y)), frame);
        canvas.Save();
        canvas.ClipRect(right);
        Panel(canvas, right, dense, geography, classes, labels: true);
        canvas.Restore();
        canvas.DrawRect(right, frame);
        Legend(canvas, new SKRect(rect.Left, rect.Bottom - LegendHeight + 8, rect.Right, rect.Bottom), classes, suppressBelow);
    }

    /// <summary>Draws every area into <paramref name="box"/>, scaled so that <paramref name="extent"/> fits; returns the projection.</summary>
    private static Func<Coordinate, SKPoint> Panel(SKCanvas canvas, SKRect box, Envelope extent, GeographyBreakdown geography, int[] classes, bool labels)
    {
        var squash = Math.Cos(extent.Centre.Y * Math.PI / 180);
        var scale = (float)Math.Min(box.Width / (extent.Width * squash), box.Height / extent.Height);
        var offsetX = box.Left + ((box.Width - (float)(extent.Width * squash * scale)) / 2);
        var offsetY = box.Top + ((box.Height - (float)(extent.Height * scale)) / 2);
        SKPoint Project(Coordinate c) => new(offsetX + (float)((c.X - extent.MinX) * squash * scale), offsetY + (float)((extent.MaxY - c.Y) * scale));

        using var border = new SKPaint { Color = SKColor.Parse("#6B7785"), StrokeWidth = 0.4f, Style = SKPaintStyle.Stroke, IsAntialias = true };
        using var hatch = new SKPaint { Color = SKColor.Parse("#8A929C"), StrokeWidth = 0.5f, Style = SKPaintStyle.Stroke, IsAntialias = true };
        foreach (var area in geography.Areas)
        {
            using var path = Path(area.Shape, Project);
            using var fill = new SKPaint { Color = Fill(area.Requests, classes), Style = SKPaintStyle.Fill, IsAntialias = true };
            canvas.DrawPath(path, fill);
            if (area.Requests.Suppressed)
            {
                Hatch(canvas, path, hatch);
            }

            canvas.DrawPath(path, border);
        }

        if (labels)
        {
            foreach (var area in geography.Areas)
            {
                Label(canvas, area, Project, Fill(area.Requests, classes));
            }
        }

        ScaleBar(canvas, box, scale);
        return Project;
    }

    /// <summary>The tract number at a point inside the tract, when it fits inside the tract's drawn box.</summary>
    private static void Label(SKCanvas canvas, GeographyRow area, Func<Coordinate, SKPoint> project, SKColor fill)
    {
        var envelope = area.Shape.EnvelopeInternal;
        var topLeft = project(new Coordinate(envelope.MinX, envelope.MaxY));
        var bottomRight = project(new Coordinate(envelope.MaxX, envelope.MinY));
        using var font = new SKFont(Fonts.ReportFonts.Regular, 6);
        var width = font.MeasureText(area.Label);
        if (bottomRight.X - topLeft.X < width + 2 || bottomRight.Y - topLeft.Y < 8)
        {
            return;
        }

        var at = project(area.Shape.InteriorPoint.Coordinate);
        var dark = fill.Red + fill.Green + fill.Blue < 330;
        PageLayout.DrawText(canvas, area.Label, at.X, at.Y + 2, 6, bold: false, dark ? SKColors.White : PageLayout.Ink, SKTextAlign.Center);
    }

    /// <summary>A scale bar of a round number of kilometres in the panel's lower left corner.</summary>
    private static void ScaleBar(SKCanvas canvas, SKRect box, float pixelsPerDegree)
    {
        var perKm = pixelsPerDegree / 111.32f;
        var km = new[] { 0.5f, 1, 2, 5, 10, 20, 50 }.LastOrDefault(k => k * perKm <= box.Width * 0.3f, 0.5f);
        var length = km * perKm;
        var x = box.Left + 6;
        var y = box.Bottom - 8;
        using var white = new SKPaint { Color = new SKColor(255, 255, 255, 220), Style = SKPaintStyle.Fill };
        canvas.DrawRect(x - 3, y - 11, length + 40, 15, white);
        using var bar = new SKPaint { Color = PageLayout.Ink, StrokeWidth = 1.2f, Style = SKPaintStyle.Stroke };
        canvas.DrawLine(x, y, x + length, y, bar);
        canvas.DrawLine(x, y - 3, x, y + 1, bar);
        canvas.DrawLine(x + length, y - 3, x + length, y + 1, bar);
        PageLayout.DrawText(canvas, $"{km.ToString("0.#", CultureInfo.InvariantCulture)} km", x + length + 4, y + 2, 6.5f, bold: false, PageLayout.Ink);
    }

    /// <summary>Upper bounds of up to four classes over the unsuppressed, non-zero counts (quartiles).</summary>
    private static int[] Classes(GeographyBreakdown geography)
    {
        var values = geography.Areas.Select(a => a.Requests.Value ?? 0).Where(v => v > 0).Order().ToArray();
        if (values.Length == 0)
        {
            return [];
        }

        return [.. new[] { 0.25, 0.5, 0.75, 1.0 }.Select(q => values[(int)Math.Ceiling(q * values.Length) - 1]).Distinct()];
    }

    private static SKColor Fill(ReportCount count, int[] classes)
    {
        if (count.Suppressed)
        {
            return SuppressedFill;
        }

        if (count.Value == 0)
        {
            return SKColors.White;
        }

        var index = Array.FindIndex(classes, upper => count.Value <= upper);
        return Shades[Shades.Length - classes.Length + Math.Max(index, 0)];
    }

    private static SKPath Path(Geometry shape, Func<Coordinate, SKPoint> project)
    {
        var path = new SKPath { FillType = SKPathFillType.EvenOdd };
        for (var g = 0; g < shape.NumGeometries; g++)
        {
            if (shape.GetGeometryN(g) is not Polygon polygon)
            {
                continue;
            }

            foreach (var ring in new[] { polygon.ExteriorRing }.Concat(polygon.InteriorRings))
            {
                path.AddPoly([.. ring.Coordinates.Select(project)], close: true);
            }
        }

        return path;
    }

    private static void Hatch(SKCanvas canvas, SKPath path, SKPaint paint)
    {
        canvas.Save();
        canvas.ClipPath(path, antialias: true);
        var bounds = path.Bounds;
        for (var x = bounds.Left - bounds.Height; x < bounds.Right; x += 4)
        {
            canvas.DrawLine(x, bounds.Bottom, x + bounds.Height, bounds.Top, paint);
        }

        canvas.Restore();
    }

    private static void Legend(SKCanvas canvas, SKRect rect, int[] classes, int suppressBelow)
    {
        using var border = new SKPaint { Color = SKColor.Parse("#6B7785"), StrokeWidth = 0.4f, Style = SKPaintStyle.Stroke, IsAntialias = true };
        using var hatch = new SKPaint { Color = SKColor.Parse("#8A929C"), StrokeWidth = 0.5f, Style = SKPaintStyle.Stroke, IsAntialias = true };
        PageLayout.DrawText(canvas, "Requests per tract:", rect.Left, rect.Top + 9, 8.5f, bold: true, PageLayout.Ink);
        var entries = new List<(string Label, SKColor Color, bool Hatched)> { ("none", SKColors.White, false) };
        if (suppressBelow > 1)
        {
            entries.Add(($"withheld (<{suppressBelow} or [c])", SuppressedFill, true));
        }

        var lower = suppressBelow > 1 ? suppressBelow : 1;
        for (var i = 0; i < classes.Length; i++)
        {
            var upper = classes[i];
            var label = upper == lower ? upper.ToString("N0", CultureInfo.InvariantCulture) : $"{lower:N0}–{upper:N0}";
            entries.Add((label, Shades[Shades.Length - classes.Length + i], false));
            lower = upper + 1;
        }

        var x = rect.Left + 104;
        foreach (var (label, color, hatched) in entries)
        {
            var box = new SKRect(x, rect.Top, x + 14, rect.Top + 10);
            using var fill = new SKPaint { Color = color, Style = SKPaintStyle.Fill };
            canvas.DrawRect(box, fill);
            if (hatched)
            {
                using var path = new SKPath();
                path.AddRect(box);
                Hatch(canvas, path, hatch);
            }

            canvas.DrawRect(box, border);
            PageLayout.DrawText(canvas, label, box.Right + 4, rect.Top + 8.5f, 8, bold: false, PageLayout.Ink);
            x = box.Right + 4 + (label.Length * 4.9f) + 14;
        }
    }
}
