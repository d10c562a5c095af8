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
        foreach (var sheet in workbook.Worksheets)
        {
            Assert.Equal(1, sheet.SheetView.SplitRow);
            Assert.True(sheet.AutoFilter.IsEnabled, sheet.Name);
            Assert.True(sheet.Column(1).Width > 5, sheet.Name);
        }
    }

    [Fact]
    public void Write_ByAgency_NumbersAreNumbersAndSmallCountsAreSuppressed()
    {
        using var workbook = Open();
        var sheet = workbook.Worksheet("ByAgency");
        Assert.Equal("north-pd", sheet.Cell(2, 1).GetString());
        Assert.Equal(XLDataType.Number, sheet.Cell(2, 2).DataType);
        Assert.Equal(9, sheet.Cell(2, 2).GetValue<int>());
        Assert.Equal(7, sheet.Cell(2, 3).GetValue<int>());
        Assert.Equal(XLDataType.Text, sheet.Cell(2, 5).DataType);
        Assert.Equal("<5", sheet.Cell(2, 5).GetString());
    }

    [Fact]
    public void Write_SummaryAndWeekly_MatchTheModelWithRealDates()
    {
        var report = ReportFixture.Build();
        using var workbook = Open();
        var summary = workbook.Worksheet("Summary");
        var submitted = summary.Column(1).CellsUsed().Single(c => c.GetString() == "Requests submitted").CellRight();
        Assert.Equal(report.Summary.Submitted, submitted.GetValue<int>());
        Assert.Equal(XLDataType.DateTime, summary.Cell(7, 2).DataType);
        Assert.Equal(new string('a', 64), summary.Cell(8, 2).GetString());
        var weekly = workbook.Worksheet("Weekly");
        Assert.Equal(XLDataType.DateTime, weekly.Cell(2, 1).DataType);
        Assert.Equal(new DateTime(2026, 6, 29), weekly.Cell(2, 1).GetDateTime());
        Assert.Equal(report.Weekly.Count + 1, weekly.LastRowUsed().RowNumber());
        Assert.Equal(report.Weekly.Sum(w => w.Submitted), weekly.Range(2, 2, report.Weekly.Count + 1, 2).Cells().Sum(c => c.GetValue<int>()));
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
