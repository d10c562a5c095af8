using ClosedXML.Excel;
using Oversight.Reports.Xlsx;

namespace Oversight.Tests.Reports;

public sealed class ReportWorkbookTests
{
    private static XLWorkbook Open(bool isInternal = false)
    {
        var buffer = new MemoryStream();
        ReportWorkbook.Write(ReportFixture.Build(isInternal, ReportFixture.Geography()), buffer);
        buffer.Position = 0;
        return new XLWorkbook(buffer);
    }

    [Fact]
    public void Write_PublicReport_HasTheSheetsWithFrozenFilteredHeaders()
    {
        using var workbook = Open();
        Assert.Equal(ReportWorkbook.PublicSheets, workbook.Worksheets.Select(s => s.Name));
        Assert.Contains("Definitions", ReportWorkbook.PublicSheets);
        foreach (var sheet in workbook.Worksheets)
        {
            Assert.Equal(1, sheet.SheetView.SplitRow);
            Assert.True(sheet.AutoFilter.IsEnabled, sheet.Name);
            Assert.True(sheet.Column(1).Width > 5, sheet.Name);
        }
    }

    [Fact]
    public void Write_ByAgency_NumbersAreNumbersAndWithheldCountsAreConfidentialWithANote()
    {
        using var workbook = Open();
        var sheet = workbook.Worksheet("Weekly");
        var week = ReportFixture.Build().Weekly.Select((w, i) => (w, i)).First(x => x.w.WeekStart == new DateOnly(2026, 7, 6));
        Assert.Equal(XLDataType.Number, sheet.Cell(week.i + 2, 5).DataType);
        Assert.Equal(7, sheet.Cell(week.i + 2, 5).GetValue<int>());
        var agencies = workbook.Worksheet("ByAgency");
        Assert.Equal("north-pd", agencies.Cell(2, 1).GetString());
        Assert.Equal(XLDataType.Text, agencies.Cell(3, 2).DataType);
        Assert.Equal("[c]", agencies.Cell(3, 2).GetString());
        var sheetNote = agencies;
        var note = sheetNote.Column(1).CellsUsed().Last().GetString();
        Assert.StartsWith("[c] = confidential", note, StringComparison.Ordinal);
        Assert.DoesNotContain(workbook.Worksheets.Where(s => s.Name != "Definitions").SelectMany(s => s.CellsUsed()), c => c.GetString() == "<5");
    }

    [Fact]
    public void Write_SummaryAndWeekly_MatchTheModelWithRealDates()
    {
        var report = ReportFixture.Build();
        using var workbook = Open();
        var summary = workbook.Worksheet("Summary");
        var submitted = summary.Column(1).CellsUsed().Single(c => c.GetString() == "Requests submitted").CellRight();
        Assert.Equal(report.Summary.Submitted.Value, submitted.GetValue<int>());
        Assert.Equal(XLDataType.DateTime, summary.Cell(7, 2).DataType);
        Assert.Equal(new string('a', 64), summary.Cell(8, 2).GetString());
        var weekly = workbook.Worksheet("Weekly");
        Assert.Equal(XLDataType.DateTime, weekly.Cell(2, 1).DataType);
        Assert.Equal(new DateTime(2026, 6, 29), weekly.Cell(2, 1).GetDateTime());
        Assert.Equal(new DateTime(2026, 7, 1), weekly.Cell(2, 2).GetDateTime());
        Assert.Equal(5, weekly.Cell(2, 4).GetValue<int>());
    }

    [Fact]
    public void Write_CoverageNotesRulesAndDefinitions_AreFilledIn()
    {
        using var workbook = Open();
        Assert.Contains(workbook.Worksheet("Coverage").CellsUsed(), c => c.GetString() == "partly covered");
        Assert.Contains(workbook.Worksheet("Notes").CellsUsed(), c => c.GetString() == "Not provided.");
        Assert.Contains(workbook.Worksheet("Rules").CellsUsed(), c => c.GetString() == "A request may cover at most 0.5 sq mi.");
        Assert.Contains(workbook.Worksheet("Definitions").CellsUsed(), c => c.GetString() == "[c]");
        Assert.True(workbook.Worksheet("Methods").Cell(2, 2).Style.Alignment.WrapText);
    }

    [Fact]
    public void Write_PublicReport_NamesNoRequestRequesterOrCase()
    {
        using var workbook = Open();
        var text = string.Join("\n", workbook.Worksheets.SelectMany(s => s.CellsUsed()).Select(c => c.GetString()));
        Assert.DoesNotContain(ReportFixture.Secret, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_InternalReport_AddsRowLevelSheets()
    {
        using var workbook = Open(isInternal: true);
        Assert.Equal([.. ReportWorkbook.PublicSheets, "Requests", "FindingRequests"], workbook.Worksheets.Select(s => s.Name));
        Assert.Equal(13, workbook.Worksheet("Requests").LastRowUsed().RowNumber());
        Assert.Contains(ReportFixture.Secret, workbook.Worksheet("Requests").Cell(2, 1).GetString(), StringComparison.Ordinal);
    }
}
