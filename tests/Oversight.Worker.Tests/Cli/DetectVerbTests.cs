using System.Text.Json;

namespace Oversight.Worker.Tests.Cli;

public sealed class DetectVerbTests
{
    [Fact]
    public void Detect_PatternsSample_FindsEveryPlantedPattern()
    {
        using var temp = new OversightProcess.TempFolder();
        var output = Path.Combine(temp.Path, "findings.json");

        var result = OversightProcess.Run("detect", "--policy", "policies/rochester-mn.yaml", "--input", "samples/patterns.jsonl", "--out", output);

        Assert.Equal(0, result.ExitCode);
        var findings = JsonDocument.Parse(File.ReadAllText(output)).RootElement.GetProperty("findings").EnumerateArray().ToList();
        string[] Ids(string kind) => findings.Single(f => f.GetProperty("kind").GetString() == kind).GetProperty("requestIds").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.Equal(["track-0", "track-1", "track-2", "track-3"], Ids("track"));
        Assert.Equal(["split-0", "split-1", "split-2"], Ids("split-area"));
        Assert.Equal(["window-0", "window-1", "window-2"], Ids("split-window"));
        Assert.Equal(8, Ids("persistent-location").Length);
        Assert.Equal(7, Ids("case-fanout").Length);
        Assert.Contains(findings, f => f.GetProperty("kind").GetString() == "rate-anomaly" && f.TryGetProperty("requester", out var r) && r.GetString() == "badge-101");
        Assert.Equal(["id", "kind", "severity", "agency", "requestIds", "metrics", "explanation", "firstSubmittedAt", "lastSubmittedAt"],
            findings.First(f => f.GetProperty("kind").GetString() == "track").EnumerateObject().Select(p => p.Name));
        Assert.Contains("findings over 86 counted of 86 requests", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Detect_SameInputTwice_SameOutput()
    {
        var first = OversightProcess.Run("detect", "--policy", "policies/rochester-mn.yaml", "--input", "samples/patterns.jsonl", "--quiet");
        var second = OversightProcess.Run("detect", "--policy", "policies/rochester-mn.yaml", "--input", "samples/patterns.jsonl", "--quiet");

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(first.Out, second.Out);
        Assert.Empty(first.Error);
    }

    [Fact]
    public void Detect_MissingInput_NamesTheFileAndExitsTwo()
    {
        var result = OversightProcess.Run("detect", "--policy", "policies/rochester-mn.yaml", "--input", "no-such-file.jsonl");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no-such-file.jsonl", result.Error, StringComparison.Ordinal);
    }
}
