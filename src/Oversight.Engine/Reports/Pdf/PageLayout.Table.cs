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
    public void Table(TextTable table, float size = 8.5f) => Table(table.Columns, table.Rows, size);

    /// <inheritdoc cref="Table(TextTable, float)"/>
    public void Table(IReadOnlyList<TableColumn> columns, IReadOnlyList<string[]> rows, float size = 8.5f)
    {
        using var regular = new SKFont(ReportFonts.Regular, size);
        using var bold = new SKFont(ReportFonts.Bold, size);
        var widths = Widths(columns, rows, regular, bold);
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

    /// <summary>
    /// Column widths by weight, but never narrower than the column's longest word (header or
    /// cell), so that no word is broken ("Submitte/d"); the other columns give up the difference.
    /// </summary>
    private float[] Widths(IReadOnlyList<TableColumn> columns, IReadOnlyList<string[]> rows, SKFont regular, SKFont bold)
    {
        var least = new float[columns.Count];
        for (var c = 0; c < columns.Count; c++)
        {
            var header = Words(columns[c].Header).Select(w => bold.MeasureText(w)).DefaultIfEmpty(0).Max();
            var cells = rows.Select(r => c < r.Length ? Words(r[c]).Select(w => regular.MeasureText(w)).DefaultIfEmpty(0).Max() : 0).DefaultIfEmpty(0).Max();
            least[c] = Math.Min(Math.Max(header, cells) + (2 * CellPad) + 1, Width * 0.45f);
        }

        var widths = new float[columns.Count];
        var fixedColumns = new bool[columns.Count];
        for (var pass = 0; pass < columns.Count; pass++)
        {
            var free = Width - Enumerable.Range(0, columns.Count).Where(i => fixedColumns[i]).Sum(i => least[i]);
            var weight = Enumerable.Range(0, columns.Count).Where(i => !fixedColumns[i]).Sum(i => columns[i].Weight);
            var changed = false;
            for (var c = 0; c < columns.Count; c++)
            {
                widths[c] = fixedColumns[c] ? least[c] : columns[c].Weight / weight * free;
                if (!fixedColumns[c] && widths[c] < least[c])
                {
                    fixedColumns[c] = true;
                    changed = true;
                }
            }

            if (!changed)
            {
                break;
            }
        }

        return widths;
    }

    private static IEnumerable<string> Words(string text) => text.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries).Where(w => w.Length <= 24);

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
