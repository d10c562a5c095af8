namespace Oversight.Worker.Tests.Cli;

/// <summary>A file that cannot be read as requests stops every verb before any work, instead of being skipped row by row.</summary>
public sealed class InputFilesTests
{
    private const string Policy = "policies/rochester-mn.yaml";

    private const string Export = "Dept,Badge,Filed,From,To,Lat,Lon,Radius (m)\n" +
        "rochester-mn-pd,b-1,2026-08-01T14:00:00Z,2026-08-01T01:00:00Z,2026-08-01T05:00:00Z,44.0121,-92.4802,300\n";

    [Fact]
    public void Replay_CsvWithForeignHeader_Exit2NamingEveryColumnAndNothingWritten()
    {
        using var temp = new OversightProcess.TempFolder();
        var input = temp.File("export.csv", Export);
        var output = Path.Combine(temp.Path, "decisions.jsonl");

        var result = OversightProcess.Run("replay", "--policy", Policy, "--input", input, "--out", output);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{input}: line 1, column 1: unknown column 'Dept'", result.Error, StringComparison.Ordinal);
        Assert.Contains($"{input}: line 1, column 8: unknown column 'Radius (m)'", result.Error, StringComparison.Ordinal);
        Assert.Contains($"{input}: line 1: missing required column 'agency'", result.Error, StringComparison.Ordinal);
        Assert.Contains($"oversight replay: nothing was read from {input}", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Report_CsvWithForeignHeader_Exit2AndNoReport()
    {
        using var temp = new OversightProcess.TempFolder();
        var input = temp.File("export.csv", Export);
        var pdf = Path.Combine(temp.Path, "q3.pdf");

        var result = OversightProcess.Run("report", "--policy", Policy, "--input", input, "--period", "2026Q3", "--pdf", pdf);

        Assert.Equal(2, result.ExitCode);
        Assert.False(File.Exists(pdf), "a report of zero requests must not be written from a file that was never read");
    }

    [Fact]
    public void Replay_ColumnsMap_ReadsTheExport()
    {
        using var temp = new OversightProcess.TempFolder();
        var input = temp.File("export.csv", Export);

        var result = OversightProcess.Run("replay", "--policy", Policy, "--input", input, "--columns", "Dept=agency,Badge=requester,Filed=submittedAt,From=window.start,To=window.end,Radius (m)=radiusMeters");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("\"decision\":", result.Out, StringComparison.Ordinal);
        Assert.Contains("replay: 1 decision in", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_ColumnsMapToUnknownField_Exit2()
    {
        var result = OversightProcess.Run("replay", "--policy", Policy, "--input", "samples/history.jsonl", "--columns", "Badge=officer_name");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("oversight replay: --columns: 'Badge=officer_name': unknown field 'officer_name'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Detect_JsonFileThatIsNotJson_Exit2()
    {
        using var temp = new OversightProcess.TempFolder();
        var input = temp.File("requests.json", "[{\"agency\": \"rpd\"},");

        var result = OversightProcess.Run("detect", "--policy", Policy, "--input", input);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("malformed JSON", result.Error, StringComparison.Ordinal);
        Assert.Contains($"nothing was read from {input}", result.Error, StringComparison.Ordinal);
    }
}
