using ClosedXML.Excel;
using Oversight.Gate;

namespace Oversight.Simulation;

/// <summary>
/// The simulation as an Excel workbook: Summary, Changed (one row per changed decision), ByRule
/// and ByAgency; frozen header rows, filters, real numbers and dates. Column widths are set
/// explicitly (measuring text needs GDI+, which Linux lacks).
/// </summary>
public static class SimulationWorkbook
{
    public static void Write(SimulationResult result, Stream output)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        using var workbook = new XLWorkbook();
        Summary(workbook.Worksheets.Add("Summary"), result);
        Changed(workbook.Worksheets.Add("Changed"), result);
        ByRule(workbook.Worksheets.Add("ByRule"), result);
        ByAgency(workbook.Worksheets.Add("ByAgency"), result);
        workbook.SaveAs(output);
    }

    private static void Summary(IXLWorksheet sheet, SimulationResult result)
    {
        Header(sheet, ["", "Baseline", "Candidate", "Change"], [28, 22, 22, 12]);
        sheet.Cell(2, 1).Value = "Policy";
        sheet.Cell(2, 2).Value = $"{result.BaselinePolicy.Id} {result.BaselinePolicy.Version}";
        sheet.Cell(2, 3).Value = $"{result.CandidatePolicy.Id} {result.CandidatePolicy.Version}";
        var row = 3;
        foreach (var outcome in new[] { DecisionOutcome.Allow, DecisionOutcome.Review, DecisionOutcome.Deny })
        {
            sheet.Cell(row, 1).Value = outcome.Name();
            sheet.Cell(row, 2).Value = result.Baseline[outcome];
            sheet.Cell(row, 3).Value = result.Candidate[outcome];
            sheet.Cell(row, 4).FormulaA1 = $"C{row}-B{row}";
            row++;
        }

        sheet.Cell(row, 1).Value = "requests";
        sheet.Cell(row, 2).Value = result.Baseline.Total;
        sheet.Cell(row, 3).Value = result.Candidate.Total;
        row++;
        sheet.Cell(row, 1).Value = "decisions that change";
        sheet.Cell(row, 3).Value = result.Changed.Count;
        sheet.Range(1, 1, row, 4).SetAutoFilter();
    }

    private static void Changed(IXLWorksheet sheet, SimulationResult result)
    {
        Header(sheet, ["Request", "Agency", "Submitted (UTC)", "Baseline", "Candidate", "Rules that differ"], [24, 22, 20, 11, 11, 50]);
        var row = 2;
        foreach (var change in result.Changed)
        {
            sheet.Cell(row, 1).Value = change.RequestId;
            sheet.Cell(row, 2).Value = change.Agency;
            sheet.Cell(row, 3).Value = change.SubmittedAt.UtcDateTime;
            sheet.Cell(row, 3).Style.DateFormat.Format = "yyyy-mm-dd hh:mm";
            sheet.Cell(row, 4).Value = change.Baseline.Name();
            sheet.Cell(row, 5).Value = change.Candidate.Name();
            sheet.Cell(row, 6).Value = string.Join(", ", change.Rules);
            row++;
        }

        sheet.Range(1, 1, Math.Max(row - 1, 1), 6).SetAutoFilter();
    }

    private static void ByRule(IXLWorksheet sheet, SimulationResult result)
    {
        Header(sheet, ["Rule", "Kind", "Action", "Violated (baseline)", "Violated (candidate)", "In changed decisions"], [24, 18, 10, 20, 20, 20]);
        var row = 2;
        foreach (var rule in result.ByRule)
        {
            sheet.Cell(row, 1).Value = rule.Rule;
            sheet.Cell(row, 2).Value = rule.Kind;
            sheet.Cell(row, 3).Value = rule.Action;
            if (rule.Baseline is { } b)
            {
                sheet.Cell(row, 4).Value = b;
            }

            if (rule.Candidate is { } c)
            {
                sheet.Cell(row, 5).Value = c;
            }

            sheet.Cell(row, 6).Value = rule.Changed;
            row++;
        }

        sheet.Range(1, 1, Math.Max(row - 1, 1), 6).SetAutoFilter();
    }

    private static void ByAgency(IXLWorksheet sheet, SimulationResult result)
    {
        Header(sheet, ["Agency", "Allow (baseline)", "Review (baseline)", "Deny (baseline)", "Allow (candidate)", "Review (candidate)", "Deny (candidate)", "Changed"], [24, 16, 17, 16, 17, 18, 17, 10]);
        var row = 2;
        foreach (var agency in result.ByAgency)
        {
            sheet.Cell(row, 1).Value = agency.Agency;
            sheet.Cell(row, 2).Value = agency.Baseline.Allow;
            sheet.Cell(row, 3).Value = agency.Baseline.Review;
            sheet.Cell(row, 4).Value = agency.Baseline.Deny;
            sheet.Cell(row, 5).Value = agency.Candidate.Allow;
            sheet.Cell(row, 6).Value = agency.Candidate.Review;
            sheet.Cell(row, 7).Value = agency.Candidate.Deny;
            sheet.Cell(row, 8).Value = agency.Changed;
            row++;
        }

        sheet.Range(1, 1, Math.Max(row - 1, 1), 8).SetAutoFilter();
    }

    private static void Header(IXLWorksheet sheet, string[] titles, double[] widths)
    {
        for (var i = 0; i < titles.Length; i++)
        {
            var cell = sheet.Cell(1, i + 1);
            cell.Value = titles[i];
            cell.Style.Font.Bold = true;
            cell.Style.Fill.BackgroundColor = XLColor.FromHtml("#E8EEF4");
            sheet.Column(i + 1).Width = widths[i];
        }

        sheet.SheetView.FreezeRows(1);
    }
}
