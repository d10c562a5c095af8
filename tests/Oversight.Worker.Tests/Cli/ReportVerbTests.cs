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
        var html = Path.Combine(temp.Path, "q3.html");
        var result = OversightProcess.Run(
            "report", "--policy", "policies/rochester-mn.yaml", "--input", "samples/history.jsonl", "--period", "2026Q3",
            "--pdf", pdf, "--xlsx", xlsx, "--html", html, "--geography", "samples/olmsted-tracts-2020.geojson");
        Assert.True(result.ExitCode == 0, result.Error);
        // The first sample request was submitted on June 30 in the policy's time zone (America/Chicago): it belongs to 2026Q2.
        Assert.Contains("report: 2026Q3: 399 requests", result.Error, StringComparison.Ordinal);

        using var workbook = new XLWorkbook(xlsx);
        var summary = workbook.Worksheet("Summary");
        var denied = summary.Column(1).CellsUsed().Single(c => c.GetString() == "Denied").CellRight().GetValue<int>();
        Assert.Equal(399, summary.Column(1).CellsUsed().Single(c => c.GetString() == "Requests submitted").CellRight().GetValue<int>());
        Assert.Equal(36, workbook.Worksheet("ByGeography").Column(3).CellsUsed().Count(c => c.Address.RowNumber > 1));

        using var document = PdfDocument.Open(pdf);
        var text = string.Join("\n", document.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
        Assert.Contains("Agencies submitted 399 requests", text, StringComparison.Ordinal);
        Assert.Contains("were denied", text, StringComparison.Ordinal);
        Assert.Contains($"Denied {denied:N0}", text, StringComparison.Ordinal);
        Assert.Contains($"<td class=\"n\">{denied:N0}</td>", File.ReadAllText(html), StringComparison.Ordinal);
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
    public void Report_NotesFile_PrintsEachTopicOrNotProvided()
    {
        using var temp = new OversightProcess.TempFolder();
        var notes = temp.File("notes.yaml", "period: 2026Q3\npreparedBy: Office of the City Clerk\nsharing: No footage was shared with federal agencies.\ncomplaints: |\n  Two residents asked how long footage is kept.\n");
        var html = Path.Combine(temp.Path, "q3.html");
        var result = OversightProcess.Run(
            "report", "--policy", "policies/rochester-mn.yaml", "--input", "samples/history.jsonl", "--period", "2026Q3", "--html", html, "--notes", notes, "--quiet");

        Assert.True(result.ExitCode == 0, result.Error);
        var page = File.ReadAllText(html);
        Assert.Contains("No footage was shared with federal agencies.", page, StringComparison.Ordinal);
        Assert.Contains("Two residents asked how long footage is kept.", page, StringComparison.Ordinal);
        Assert.Contains("Not provided: staff gave no note on &quot;Data breaches&quot;", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_BadNotesFile_ExitsTwoNamingEveryProblemWithItsLine()
    {
        using var temp = new OversightProcess.TempFolder();
        var notes = temp.File("notes.yaml", "sharing: none\nsharng: typo\ncomplaints:\n  - one\n  - two\ncosts: {total: 3}\n");
        var result = OversightProcess.Run("report", "--policy", "policies/rochester-mn.yaml", "--input", "samples/history.jsonl", "--period", "2026Q3", "--notes", notes);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{notes}:2:1: unknown key 'sharng' in the report notes", result.Error, StringComparison.Ordinal);
        Assert.Contains($"{notes}:4:3: 'complaints' must be text", result.Error, StringComparison.Ordinal);
        Assert.Contains($"{notes}:6:8: 'costs' must be text", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void FindingsDispose_ThenReport_ShowsTheLatestDispositionAndRefusesUnknownFindings()
    {
        using var temp = new OversightProcess.TempFolder();
        var findings = Path.Combine(temp.Path, "findings.json");
        Assert.Equal(0, OversightProcess.Run("detect", "--policy", "policies/rochester-mn.yaml", "--input", "samples/patterns.jsonl", "--out", findings, "--quiet").ExitCode);
        var id = System.Text.Json.JsonDocument.Parse(File.ReadAllText(findings)).RootElement.GetProperty("findings")[0].GetProperty("id").GetString()!;
        var file = Path.Combine(temp.Path, "dispositions.jsonl");

        var first = OversightProcess.Run("findings", "dispose", "--findings", findings, "--dispositions", file, "--finding", id, "--disposition", "acknowledged", "--by", "J. Ortiz", "--at", "2026-10-05T10:00:00Z");
        var second = OversightProcess.Run("findings", "dispose", "--findings", findings, "--dispositions", file, "--finding", id, "--disposition", "referred", "--by", "J. Ortiz", "--note", "Sent to the inspector general", "--at", "2026-10-06T10:00:00Z");
        var before = File.ReadAllText(file);
        var unknown = OversightProcess.Run("findings", "dispose", "--findings", findings, "--dispositions", file, "--finding", "f-nope", "--disposition", "referred", "--by", "J. Ortiz");

        Assert.True(first.ExitCode == 0, first.Error);
        Assert.True(second.ExitCode == 0, second.Error);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("no finding 'f-nope'", unknown.Error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(file));
        Assert.Equal(2, File.ReadAllLines(file).Length);

        var xlsx = Path.Combine(temp.Path, "r.xlsx");
        var report = OversightProcess.Run("report", "--policy", "policies/rochester-mn.yaml", "--input", "samples/patterns.jsonl", "--period", "2026", "--xlsx", xlsx, "--dispositions", file, "--quiet");
        Assert.True(report.ExitCode == 0, report.Error);
        using var workbook = new XLWorkbook(xlsx);
        var row = workbook.Worksheet("Findings").RowsUsed().Single(r => r.Cell(1).GetString() == id);
        Assert.Equal("referred", row.Cell(9).GetString());
        Assert.Equal("Sent to the inspector general", row.Cell(10).GetString());
    }

    [Fact]
    public void Report_DispositionsNamingAnUnknownFinding_ExitsTwoWithFileAndLine()
    {
        using var temp = new OversightProcess.TempFolder();
        var file = temp.File("dispositions.jsonl", "{\"finding\":\"f-0000\",\"disposition\":\"referred\",\"by\":\"x\",\"at\":\"2026-10-05T10:00:00Z\"}\n{\"finding\":\"f-1\",\"disposition\":\"maybe\",\"by\":\"x\",\"at\":\"2026-10-05T10:00:00Z\"}\n");
        var result = OversightProcess.Run("report", "--policy", "policies/rochester-mn.yaml", "--input", "samples/history.jsonl", "--period", "2026Q3", "--dispositions", file);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{file}:1:1: no finding 'f-0000' in this input", result.Error, StringComparison.Ordinal);
        Assert.Contains($"{file}:2:1: $.disposition: 'maybe' is not one of", result.Error, StringComparison.Ordinal);
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
