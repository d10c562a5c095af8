using System.Text.Json;
using System.Text.RegularExpressions;

namespace Oversight.Worker.Tests.Cli;

public sealed class ReplayVerbTests
{
    private const string Policy = "policies/rochester-mn.yaml";

    [Fact]
    public void Replay_SampleHistory_WritesOneDecisionPerRequestInSubmittedOrder()
    {
        using var temp = new OversightProcess.TempFolder();
        var output = Path.Combine(temp.Path, "decisions.jsonl");
        var result = OversightProcess.Run("replay", "--policy", Policy, "--input", "samples/history.jsonl", "--out", output);
        Assert.Equal(0, result.ExitCode);
        var inputLines = File.ReadAllLines(OversightProcess.PathTo("samples", "history.jsonl")).Length;
        var decisions = File.ReadAllLines(output).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(inputLines, decisions.Count);
        Assert.Contains("replay: ", result.Error, StringComparison.Ordinal);
        var outcomes = decisions.Select(d => d.GetProperty("decision").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "allow", "deny" }, outcomes);
    }

    [Fact]
    public void Replay_SameInputTwice_GivesIdenticalOutput()
    {
        var first = OversightProcess.Run("replay", "--policy", Policy, "--input", "samples/history.jsonl", "--quiet");
        var second = OversightProcess.Run("replay", "--policy", Policy, "--input", "samples/history.jsonl", "--quiet");
        Assert.Equal(first.Out, second.Out);
        Assert.Equal(string.Empty, first.Error);
    }

    [Fact]
    public void Replay_InvalidLines_ReportedWithLineNumbersAndSkipped()
    {
        using var temp = new OversightProcess.TempFolder();
        var good = File.ReadAllLines(OversightProcess.PathTo("samples", "history.jsonl")).Take(3).ToList();
        var input = temp.File("mixed.jsonl", string.Join('\n', good[0], "{\"agency\": 5}", good[1], "not json", good[2]) + "\n");
        var result = OversightProcess.Run("replay", "--policy", Policy, "--input", input);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(3, result.Out.Trim().Split('\n').Length);
        Assert.Contains($"{input}: line 2: $.agency: expected a string", result.Error, StringComparison.Ordinal);
        Assert.Matches($@"{System.Text.RegularExpressions.Regex.Escape(input)}: line 4, column \d+: malformed JSON", result.Error);
        Assert.Contains("2 invalid records skipped", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_Strict_StopsAtFirstInvalidLineWithExit2()
    {
        using var temp = new OversightProcess.TempFolder();
        var good = File.ReadAllLines(OversightProcess.PathTo("samples", "history.jsonl")).First();
        var input = temp.File("mixed.jsonl", string.Join('\n', good, "{}", "also bad") + "\n");
        var result = OversightProcess.Run("replay", "--policy", Policy, "--input", input, "--strict");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("line 2", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("line 3", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_Csv_ReportsLineAndColumn()
    {
        using var temp = new OversightProcess.TempFolder();
        var input = temp.File("log.csv",
            "id,agency,requester,caseNumber,submittedAt,windowStart,windowEnd,lat,lon,radiusMeters\n" +
            "a,rpd,b-1,C-1,2026-08-01T14:00:00Z,2026-08-01T01:00:00Z,2026-08-01T05:00:00Z,44.02,-92.46,300\n" +
            "b,rpd,b-1,C-1,2026-08-01T15:00:00Z,2026-08-01T01:00:00Z,2026-08-01T05:00:00Z,44.02,-92.46,zero\n");
        var result = OversightProcess.Run("replay", "--policy", Policy, "--input", input);
        Assert.Equal(0, result.ExitCode);
        Assert.Single(result.Out.Trim().Split('\n'));
        Assert.Contains($"{input}: line 3, column 10: radiusMeters: 'zero' is not a number", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_InvalidPolicy_Exits2()
    {
        using var temp = new OversightProcess.TempFolder();
        var policy = temp.File("bad.yaml", "policy: bad\nversion: 1\nrules: 5\n");
        var result = OversightProcess.Run("replay", "--policy", policy, "--input", "samples/history.jsonl");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("rules must be a list", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_GeneratedLargeHistory_ReportsProgress()
    {
        using var temp = new OversightProcess.TempFolder();
        var input = Path.Combine(temp.Path, "big.jsonl");
        Assert.Equal(0, OversightProcess.Run("generate", "--count", "30000", "--seed", "5", "--out", input).ExitCode);
        var result = OversightProcess.Run("replay", "--policy", Policy, "--input", input, "--out", Path.Combine(temp.Path, "d.jsonl"));
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("replay: 30,000 decisions", result.Error, StringComparison.Ordinal);
        Assert.Equal(30_000, File.ReadLines(Path.Combine(temp.Path, "d.jsonl")).Count());
    }

    [Fact]
    public void Replay_Summary_CountsWhatTheDecisionsSay()
    {
        var full = OversightProcess.Run("replay", "--policy", Policy, "--input", "samples/history.jsonl", "--quiet");
        var summary = OversightProcess.Run("replay", "--policy", Policy, "--input", "samples/history.jsonl", "--summary", "--quiet");
        Assert.Equal(0, summary.ExitCode);

        var decisions = full.Out.Trim().Split('\n').Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var counts = JsonDocument.Parse(summary.Out).RootElement;
        Assert.Equal(decisions.Count, counts.GetProperty("decisions").GetInt32());
        foreach (var outcome in new[] { "allow", "review", "deny" })
        {
            Assert.Equal(decisions.Count(d => d.GetProperty("decision").GetString() == outcome), counts.GetProperty("outcomes").GetProperty(outcome).GetInt32());
        }

        var violatedAreaLimit = decisions.Count(d => d.GetProperty("rules").EnumerateArray().Any(r => r.GetProperty("id").GetString() == "area-limit" && r.GetProperty("outcome").GetString() == "violated"));
        Assert.Equal(violatedAreaLimit, counts.GetProperty("byRule").GetProperty("area-limit").GetProperty("violated").GetInt32());
        Assert.True(violatedAreaLimit > 0);
        var agencies = File.ReadLines(OversightProcess.PathTo("samples", "history.jsonl")).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("agency").GetString()).Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(agencies, counts.GetProperty("byAgency").EnumerateObject().Select(a => a.Name));
    }

    [Fact]
    public void Replay_ManyBatches_WrittenInSubmittedOrder()
    {
        using var temp = new OversightProcess.TempFolder();
        var input = Path.Combine(temp.Path, "big.jsonl");
        Assert.Equal(0, OversightProcess.Run("generate", "--count", "5000", "--seed", "9", "--out", input, "--quiet").ExitCode);

        var result = OversightProcess.Run("replay", "--policy", Policy, "--input", input, "--out", Path.Combine(temp.Path, "d.jsonl"), "--quiet");

        Assert.Equal(0, result.ExitCode);
        var expected = File.ReadLines(input).Select(l => JsonDocument.Parse(l).RootElement)
            .Select((r, i) => (Id: r.GetProperty("id").GetString(), At: r.GetProperty("submittedAt").GetDateTimeOffset(), Index: i))
            .OrderBy(r => r.At).ThenBy(r => r.Index).Select(r => r.Id);
        var written = File.ReadLines(Path.Combine(temp.Path, "d.jsonl")).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("requestId").GetString());
        Assert.Equal(expected, written);
    }

    [Fact]
    public void Replay_DiskFull_Exit2AndSaysSo()
    {
        if (!File.Exists("/dev/full"))
        {
            return;
        }

        var result = OversightProcess.Run("replay", "--policy", Policy, "--input", "samples/history.jsonl", "--out", "/dev/full");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("No space left on device", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_FileOutOfOrder_SameDecisionsToAFileAsToStandardOutput()
    {
        using var temp = new OversightProcess.TempFolder();
        var lines = File.ReadAllLines(OversightProcess.PathTo("samples", "history.jsonl"));
        // In order for the first 300 lines, so that gating starts while reading, then reversed;
        // line 11 is not a request, and is reported once although the file is read twice.
        var input = temp.File("shuffled.jsonl", string.Join('\n', lines.Take(10).Append("{}").Concat(lines.Skip(10).Take(290)).Concat(lines.Skip(300).Reverse())) + "\n");
        var output = Path.Combine(temp.Path, "d.jsonl");

        var toFile = OversightProcess.Run("replay", "--policy", Policy, "--input", input, "--out", output);
        var toStdout = OversightProcess.Run("replay", "--policy", Policy, "--input", input, "--quiet");
        var sorted = OversightProcess.Run("replay", "--policy", Policy, "--input", "samples/history.jsonl", "--quiet");

        Assert.Equal(0, toFile.ExitCode);
        Assert.Equal(toStdout.Out, File.ReadAllText(output));
        Assert.Equal(sorted.Out, toStdout.Out);
        Assert.Single(Regex.Matches(toFile.Error, "line 11: \\$\\.agency: required field is missing"));
        Assert.Contains("reading the whole file to sort it", toFile.Error, StringComparison.Ordinal);
        Assert.Contains("1 invalid record skipped", toFile.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_StrictStopsOnABadRecord_LeavesNoOutputFile()
    {
        using var temp = new OversightProcess.TempFolder();
        var lines = File.ReadAllLines(OversightProcess.PathTo("samples", "history.jsonl"));
        var input = temp.File("bad.jsonl", string.Join('\n', lines.Take(200).Append("{}").Concat(lines.Skip(200))) + "\n");
        var output = Path.Combine(temp.Path, "d.jsonl");

        var result = OversightProcess.Run("replay", "--policy", Policy, "--input", input, "--out", output, "--strict");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("stopped at the first invalid record (line 201)", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }
}
