using System.Text.Json;

namespace Oversight.Worker.Tests.Cli;

public sealed class CheckVerbTests
{
    private const string Policy = "policies/rochester-mn.yaml";

    [Fact]
    public void Check_AllowedRequest_ExitsZeroWithDecisionJson()
    {
        var result = OversightProcess.Run("check", "--policy", Policy, "samples/request.json");
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        Assert.Equal("RPD-REQ-000123", root.GetProperty("requestId").GetString());
        Assert.Equal("allow", root.GetProperty("decision").GetString());
        Assert.Equal("rochester-mn", root.GetProperty("policy").GetProperty("id").GetString());
        Assert.Equal(64, root.GetProperty("policy").GetProperty("sha256").GetString()!.Length);
        Assert.Equal(4.0, root.GetProperty("measures").GetProperty("windowHours").GetDouble());
        Assert.Equal(13.0, root.GetProperty("measures").GetProperty("lookbackHours").GetDouble());
        var rules = root.GetProperty("rules").EnumerateArray().ToList();
        Assert.Equal(17, rules.Count);
        Assert.All(rules, r => Assert.Equal("pass", r.GetProperty("outcome").GetString()));
        var area = rules[0];
        Assert.Equal(["id", "kind", "outcome", "action", "actual", "limit", "unit", "message"], area.EnumerateObject().Select(p => p.Name));
        Assert.Equal("max-area", area.GetProperty("kind").GetString());
        Assert.Equal("sq mi", area.GetProperty("unit").GetString());
    }

    [Fact]
    public void Check_DeniedRequest_Exits11AndExplainsEachViolation()
    {
        var result = OversightProcess.Run("check", "--policy", Policy, "--compact", "samples/request-too-large.json");
        Assert.Equal(11, result.ExitCode);
        Assert.Single(result.Out.Trim().Split('\n'));
        using var json = JsonDocument.Parse(result.Out);
        var violated = json.RootElement.GetProperty("rules").EnumerateArray()
            .Where(r => r.GetProperty("outcome").GetString() == "violated")
            .ToDictionary(r => r.GetProperty("id").GetString()!, r => r);
        Assert.Equal(["area-limit", "window-limit"], violated.Keys.Order());
        Assert.Equal(0.5, violated["area-limit"].GetProperty("limit").GetDouble());
        Assert.True(violated["area-limit"].GetProperty("actual").GetDouble() > 0.5);
        Assert.Contains("larger than the 0.5 sq mi limit", violated["area-limit"].GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ExigentRequestFromStdin_Exits10()
    {
        var request = File.ReadAllText(OversightProcess.PathTo("samples", "request.json")).Replace("\"consent\"", "\"exigent\"", StringComparison.Ordinal);
        var result = OversightProcess.RunWithInput(request, "check", "--policy", Policy, "-");
        Assert.Equal(10, result.ExitCode);
        Assert.Contains("\"review\"", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_InvalidRequest_Exits2AndNamesEveryProblem()
    {
        var result = OversightProcess.Run("check", "--policy", Policy, "samples/request-invalid.json");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal(string.Empty, result.Out);
        foreach (var path in new[] { "$.legalBasis", "$.submittedAt", "$.area.coordinates[0]", "$.priority", "$.requester", "$.window.end" })
        {
            Assert.Contains($"samples/request-invalid.json: {path}:", result.Error, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_InvalidPolicy_Exits2WithFileLineColumn()
    {
        using var temp = new OversightProcess.TempFolder();
        var policy = temp.File("bad.yaml", "policy: bad\nversion: \"1\"\nrules:\n  - { id: a, kind: max-area, limit: 2 furlongs }\n");
        var result = OversightProcess.Run("check", "--policy", policy, "samples/request.json");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{policy}:4:", result.Error, StringComparison.Ordinal);
        Assert.Contains("unknown area unit 'furlongs'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_WithHistory_CountsPriorRequests()
    {
        using var temp = new OversightProcess.TempFolder();
        var request = JsonDocument.Parse(File.ReadAllText(OversightProcess.PathTo("samples", "request.json"))).RootElement;
        var lines = Enumerable.Range(1, 3).Select(i => request.GetRawText()
            .Replace("RPD-REQ-000123", $"prior-{i}", StringComparison.Ordinal)
            .Replace("2026-08-01T14:00:00Z", $"2026-08-01T1{i}:00:00Z", StringComparison.Ordinal)
            .Replace("\n", string.Empty, StringComparison.Ordinal));
        var history = temp.File("history.jsonl", string.Join('\n', lines) + "\n");
        var result = OversightProcess.Run("check", "--policy", Policy, "--history", history, "samples/request.json");
        Assert.Equal(11, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        var samePlace = json.RootElement.GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("id").GetString() == "same-place");
        Assert.Equal("violated", samePlace.GetProperty("outcome").GetString());
        Assert.Equal(4, samePlace.GetProperty("actual").GetDouble());
    }

    [Fact]
    public void Check_MissingPolicyOption_Exits2WithUsage()
    {
        var result = OversightProcess.Run("check", "samples/request.json");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--policy P is required", result.Error, StringComparison.Ordinal);
        Assert.Contains("Usage: oversight check", result.Error, StringComparison.Ordinal);
    }
}
