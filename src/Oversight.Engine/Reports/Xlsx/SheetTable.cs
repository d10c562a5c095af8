using ClosedXML.Excel;

namespace Oversight.Reports.Xlsx;

/// <summary>A column of a sheet: header, width in characters, the number or date format of its cells, and whether long text wraps.</summary>
internal sealed record Column(string Header, double Width, string? Format = null, bool Wrap = false);

/// <summary>
/// Writes one table per sheet: bold header row frozen, autofilter over the table, explicit widths,
/// numbers as numbers, dates as dates; a withheld count is the text "[c]", the only text in a
/// number column, and a note row under the table says what it means.
/// </summary>
internal static class SheetTable
{
    public const string Date = "yyyy-mm-dd";
    public const string DateTime = "yyyy-mm-dd hh:mm";
    public const string Whole = "#,##0";
    public const string Share = "0.0%";
    public const string Decimal = "0.000";

    /// <summary>What "[c]" means, in the note row under every table that can hold one.</summary>
    public const string ConfidentialNote =
        "[c] = confidential: a count withheld by disclosure control — a count from 1 to the small-count threshold minus 1, or a count withheld so that such a count cannot be worked out from the others. See the Methods sheet.";

    public static void Write(IXLWorksheet sheet, IReadOnlyList<Column> columns, IEnumerable<object?[]> rows, string? note = null)
    {
        for (var c = 0; c < columns.Count; c++)
        {
            var cell = sheet.Cell(1, c + 1);
            Put(cell, columns[c].Header);
            cell.Style.Font.Bold = true;
            cell.Style.Fill.BackgroundColor = XLColor.FromHtml("#E8EEF4");
            sheet.Column(c + 1).Width = columns[c].Width;
        }

        var row = 2;
        foreach (var values in rows)
        {
            for (var c = 0; c < columns.Count && c < values.Length; c++)
            {
                var cell = sheet.Cell(row, c + 1);
                Put(cell, values[c]);
                if (columns[c].Wrap)
                {
                    cell.Style.Alignment.WrapText = true;
                    cell.Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;
                }
                if (columns[c].Format is { } format && values[c] is not (string or ReportCount { Suppressed: true }))
                {
                    if (format.Contains('y', StringComparison.Ordinal))
                    {
                        cell.Style.DateFormat.Format = format;
                    }
                    else
                    {
                        cell.Style.NumberFormat.Format = format;
                    }
                }
            }

            row++;
        }

        sheet.SheetView.FreezeRows(1);
        sheet.Range(1, 1, Math.Max(row - 1, 1), columns.Count).SetAutoFilter();
        if (note is not null)
        {
            var cell = sheet.Cell(row + 1, 1);
            Text(cell, note);
            cell.Style.Font.Italic = true;
        }
    }

    /// <summary>Writes a value with its own type: numbers, dates, or text kept as text.</summary>
    public static void Put(IXLCell cell, object? value)
    {
        switch (value)
        {
            case null:
                break;
            case ReportCount { Value: { } count }:
                cell.Value = count;
                break;
            case ReportCount:
                Text(cell, ReportCount.Confidential);
                break;
            case int or long or double or decimal:
                cell.Value = value;
                break;
            case DateOnly date:
                cell.Value = date.ToDateTime(TimeOnly.MinValue);
                break;
            case System.DateTime time:
                cell.Value = time;
                break;
            case string text:
                Text(cell, text);
                break;
            default:
                Text(cell, value.ToString() ?? string.Empty);
                break;
        }
    }

    private static void Text(IXLCell cell, string text)
    {
        cell.DataType = XLDataType.Text;
        cell.SetValue(text);
        cell.DataType = XLDataType.Text;
    }
}
