using Oversight.Reports.Fonts;
using SkiaSharp;

namespace Oversight.Reports.Pdf;

internal sealed partial class PageLayout
{
    /// <summary>A section heading, moved to the next page unless <paramref name="keepWith"/> points fit after it.</summary>
    public void Heading(string text, float size = 15, float keepWith = 80)
    {
        Need(size * 1.6f + keepWith);
        if (Y > Margin)
        {
            Space(size * 0.8f);
        }

        Line(text, size, bold: true, Accent);
        Space(size * 0.35f);
    }

    /// <summary>A paragraph wrapped to the text width.</summary>
    public void Paragraph(string text, float size = 10, bool bold = false, SKColor? color = null, float indent = 0)
    {
        using var font = new SKFont(bold ? ReportFonts.Bold : ReportFonts.Regular, size);
        foreach (var line in Wrap(text, font, Width - indent))
        {
            Line(line, size, bold, color ?? Ink, indent);
        }

        Space(size * 0.5f);
    }

    /// <summary>One line of text at the cursor (not wrapped).</summary>
    public void Line(string text, float size, bool bold, SKColor color, float indent = 0, float? x = null)
    {
        var height = size * 1.35f;
        Need(height);
        var baseline = Y + size;
        var left = x ?? Left + indent;
        Page.Add(canvas => DrawText(canvas, text, left, baseline, size, bold, color));
        Y += height;
    }

    public static void DrawText(SKCanvas canvas, string text, float x, float baseline, float size, bool bold, SKColor color, SKTextAlign align = SKTextAlign.Left)
    {
        using var font = new SKFont(bold ? ReportFonts.Bold : ReportFonts.Regular, size);
        using var paint = new SKPaint { Color = color, IsAntialias = true };
        canvas.DrawText(text, x, baseline, align, font, paint);
    }

    /// <summary>Splits text into lines no wider than <paramref name="width"/>; a word longer than a line is broken.</summary>
    public static List<string> Wrap(string text, SKFont font, float width)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Split('\n'))
        {
            var line = string.Empty;
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (font.MeasureText(candidate) <= width)
                {
                    line = candidate;
                    continue;
                }

                if (line.Length > 0)
                {
                    lines.Add(line);
                }

                line = word;
                while (font.MeasureText(line) > width && line.Length > 1)
                {
                    var fit = line.Length - 1;
                    while (fit > 1 && font.MeasureText(line[..fit]) > width)
                    {
                        fit--;
                    }

                    lines.Add(line[..fit]);
                    line = line[fit..];
                }
            }

            lines.Add(line);
        }

        return lines;
    }
}
