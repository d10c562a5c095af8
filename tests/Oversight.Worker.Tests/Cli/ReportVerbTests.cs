using ClosedXML.Excel;
using UglyToad.PdfPig;

namespace Oversight.Worker.Tests.Cli;

public sealed class ReportVerbTests
{
    [Fact]
    public void Report_SampleQuarter_WritesPdfAndWorkbookWithTheSameNumbers()
    {
        using var temp = new OversightProcess.TempFolder();
        var pdf = Path.Combine(temp.Path, "q3.pdf");
        var xlsx = Path.Combine(temp.Path, "q3.xlsx");
        var result = OversightProcess.Run(
            "report", "--policy", "policies/rochester-mn.yaml", "--input", "samples/history.jsonl", "--period", "2026Q3",
            "--pdf", pdf, "--xlsx", xlsx, "--geography", "samples/olmsted-tracts-2020.geojson");
        Assert.True(result.ExitCode == 0, result.Error);
        // The first sample request was submitted on June 30 in the policy's time zone (America/Chicago): it belongs to 2026Q2.
        Assert.Contains("report: 2026Q3: 399 requests", result.Error, StringComparison.Ordinal);

        using var workbook = new XLWorkbook(xlsx);
        var summary = workbook.Worksheet("Summary");
        var denied = summary.Column(1).CellsUsed().Single(c => c.GetString() == "Denied").CellRight().GetValue<int>();
        Assert.Equal(399, summary.Column(1).CellsUsed().Single(c => c.GetString() == "Requests submitted").CellRight().GetValue<int>());
        Assert.Equal(36, workbook.Worksheet("ByGeography").LastRowUsed().RowNumber() - 1);

        using var document = PdfDocument.Open(pdf);
        var text = string.Join("\n", document.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
        Assert.Contains($"submitted 399 requests", text, StringComparison.Ordinal);
        Assert.Contains($"were denied", text, StringComparison.Ordinal);
        Assert.Contains($"Denied {denied:N0}", text, StringComparison.Ordinal);
        var ids = File.ReadLines(OversightProcess.PathTo("samples", "history.jsonl")).Take(20).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement);
        foreach (var request in ids)
        {
            Assert.DoesNotContain(request.GetProperty("id").GetString()!, text, StringComparison.Ordinal);
            Assert.DoesNotContain(request.GetProperty("requester").GetString()!, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Report_NoOutputFile_PrintsTheSummary()
    {
        var result = OversightProcess.Run("report", "--policy", "policies/rochester-mn.yaml", "--input", "samples/history.jsonl", "--period", "2026-08", "--quiet");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("camera footage requests, 2026-08", result.Out, StringComparison.Ordinal);
        Assert.Contains("input sha256", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_BadPeriod_ExitsTwoNamingIt()
    {
        var result = OversightProcess.Run("report", "--policy", "policies/rochester-mn.yaml", "--input", "samples/history.jsonl", "--period", "Q3");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--period: 'Q3' is not a period", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_UnreadableGeography_ExitsTwoNamingTheFileAndFeature()
    {
        using var temp = new OversightProcess.TempFolder();
        var bad = temp.File("tracts.geojson", """{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[0,0]}}]}""");
        var result = OversightProcess.Run("report", "--policy", "policies/rochester-mn.yaml", "--input", "samples/history.jsonl", "--period", "2026Q3", "--geography", bad);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{bad}: feature 1: needs a Polygon or MultiPolygon geometry, found Point", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }
}
