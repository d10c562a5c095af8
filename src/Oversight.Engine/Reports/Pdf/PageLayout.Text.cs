using Oversight.Reports.Fonts;
using SkiaSharp;

namespace Oversight.Reports.Pdf;

internal sealed partial class PageLayout
{
    /// <summary>A section heading (bookmarked), moved to the next page unless <paramref name="keepWith"/> points fit after it.</summary>
    public void Heading(string text, float size = 15, float keepWith = 80, int level = 0)
    {
        Need((size * 2.6f) + keepWith);
        if (Y > Margin)
        {
            Space(size * 0.8f);
        }

        Mark(text, level);
        using var font = new SKFont(ReportFonts.Bold, size);
        foreach (var line in Wrap(text, font, Width))
        {
            Line(line, size, bold: true, Accent);
        }

        Space(size * 0.35f);
    }

    /// <summary>A sub-heading (bookmarked one level down).</summary>
    public void Subheading(string text, float keepWith = 40) => Heading(text, 11.5f, keepWith, level: 1);

    /// <summary>A bulleted paragraph.</summary>
    public void Bullet(string text, float size = 10)
    {
        using var font = new SKFont(ReportFonts.Regular, size);
        var lines = Wrap(text, font, Width - 14);
        for (var i = 0; i < lines.Count; i++)
        {
            if (i == 0)
            {
                Need(size * 1.35f);
                var baseline = Y + size;
                var x = Left + 3;
                Page.Add(canvas => DrawText(canvas, "•", x, baseline, size, bold: true, Accent));
            }

            Line(lines[i], size, bold: false, Ink, indent: 14);
        }

        Space(size * 0.45f);
    }

    /// <summary>A shaded box holding wrapped lines (label in bold, then text), for coverage and provenance.</summary>
    public void Box(IReadOnlyList<(string Label, string Text)> lines, float size = 8.5f, SKColor? fill = null)
    {
        using var regular = new SKFont(ReportFonts.Regular, size);
        using var bold = new SKFont(ReportFonts.Bold, size);
        const float Pad = 8;
        var labelWidth = lines.Max(l => bold.MeasureText(l.Label)) + 10;
        var textWidth = Width - (2 * Pad) - labelWidth;
        var wrapped = lines.Select(l => (l.Label, Lines: Wrap(l.Text, regular, textWidth))).ToList();
        var lineHeight = size * 1.35f;
        var height = (wrapped.Sum(w => w.Lines.Count) * lineHeight) + (2 * Pad);
        Need(height);
        var top = Y;
        var left = Left;
        var width = Width;
        var background = fill ?? HeaderFill;
        Page.Add(canvas =>
        {
            using var paint = new SKPaint { Color = background, Style = SKPaintStyle.Fill };
            canvas.DrawRect(left, top, width, height, paint);
            var y = top + Pad;
            foreach (var (label, text) in wrapped)
            {
                DrawText(canvas, label, left + Pad, y + size, size, bold: true, Ink);
                foreach (var line in text)
                {
                    DrawText(canvas, line, left + Pad + labelWidth, y + size, size, bold: false, Ink);
                    y += lineHeight;
                }
            }
        });
        Y += height;
        Space(size);
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
