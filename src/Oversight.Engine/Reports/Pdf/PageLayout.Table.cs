using Oversight.Reports.Fonts;
using SkiaSharp;

namespace Oversight.Reports.Pdf;

internal sealed partial class PageLayout
{
    private const float CellPad = 3.5f;

    /// <summary>
    /// A table over the text width. Cells wrap; a row never splits; the header row is repeated
    /// at the top of every page the table continues on.
    /// </summary>
    public void Table(IReadOnlyList<TableColumn> columns, IReadOnlyList<string[]> rows, float size = 8.5f)
    {
        var total = columns.Sum(c => c.Weight);
        var widths = columns.Select(c => c.Weight / total * Width).ToArray();
        using var regular = new SKFont(ReportFonts.Regular, size);
        using var bold = new SKFont(ReportFonts.Bold, size);
        var lineHeight = size * 1.3f;
        var header = Cells([.. columns.Select(c => c.Header)], bold, widths);
        var headerHeight = Height(header, lineHeight);
        var first = rows.Count > 0 ? Height(Cells(rows[0], regular, widths), lineHeight) : 0;
        Need(headerHeight + first);
        DrawRow(header, widths, columns, headerHeight, lineHeight, size, bold: true, HeaderFill);
        for (var r = 0; r < rows.Count; r++)
        {
            var cells = Cells(rows[r], regular, widths);
            var height = Height(cells, lineHeight);
            if (Y + height > Bottom)
            {
                NewPage();
                DrawRow(header, widths, columns, headerHeight, lineHeight, size, bold: true, HeaderFill);
            }

            DrawRow(cells, widths, columns, height, lineHeight, size, bold: false, r % 2 == 1 ? Stripe : SKColors.Transparent);
        }

        Space(size);
    }

    private static List<string>[] Cells(string[] row, SKFont font, float[] widths) =>
        [.. widths.Select((w, i) => Wrap(i < row.Length ? row[i] : string.Empty, font, w - (2 * CellPad)))];

    private static float Height(List<string>[] cells, float lineHeight) =>
        (cells.Max(c => c.Count) * lineHeight) + (2 * CellPad);

    private void DrawRow(List<string>[] cells, float[] widths, IReadOnlyList<TableColumn> columns, float height, float lineHeight, float size, bool bold, SKColor fill)
    {
        var top = Y;
        var left = Left;
        var width = Width;
        Page.Add(canvas =>
        {
            if (fill.Alpha > 0)
            {
                using var background = new SKPaint { Color = fill, Style = SKPaintStyle.Fill };
                canvas.DrawRect(left, top, width, height, background);
            }

            using var line = new SKPaint { Color = Rule, StrokeWidth = 0.5f, Style = SKPaintStyle.Stroke };
            canvas.DrawLine(left, top + height, left + width, top + height, line);
            var x = left;
            for (var c = 0; c < cells.Length; c++)
            {
                var right = columns[c].Right;
                for (var l = 0; l < cells[c].Count; l++)
                {
                    var baseline = top + CellPad + (l * lineHeight) + (size * 0.95f);
                    DrawText(canvas, cells[c][l], right ? x + widths[c] - CellPad : x + CellPad, baseline, size, bold, Ink, right ? SKTextAlign.Right : SKTextAlign.Left);
                }

                x += widths[c];
            }
        });
        Y += height;
    }
}
