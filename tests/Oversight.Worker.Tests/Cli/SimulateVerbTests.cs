using System.IO.Compression;
using System.Text.Json;

namespace Oversight.Worker.Tests.Cli;

public sealed class SimulateVerbTests
{
    [Fact]
    public void Simulate_SampleHistory_WritesTheContractShape()
    {
        var result = OversightProcess.Run("simulate", "--baseline", "policies/rochester-mn.yaml", "--candidate", "policies/ccops-strict.yaml", "--input", "samples/history.jsonl");
        Assert.Equal(0, result.ExitCode);
        var root = JsonDocument.Parse(result.Out).RootElement;
        Assert.Equal(["baseline", "candidate", "changed", "byRule", "byAgency", "policies"], root.EnumerateObject().Select(p => p.Name));
        var baseline = root.GetProperty("baseline");
        var total = baseline.GetProperty("allow").GetInt32() + baseline.GetProperty("review").GetInt32() + baseline.GetProperty("deny").GetInt32();
        Assert.Equal(File.ReadAllLines(OversightProcess.PathTo("samples", "history.jsonl")).Length, total);
        var change = root.GetProperty("changed")[0];
        Assert.Equal(["requestId", "baseline", "candidate", "rules", "agency", "submittedAt"], change.EnumerateObject().Select(p => p.Name));
        Assert.True(root.GetProperty("byRule").GetProperty("agency-day-shadow").GetProperty("candidate").GetInt32() > 0);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("byRule").GetProperty("agency-day-shadow").GetProperty("baseline").ValueKind);
        Assert.Contains("decisions change", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_Xlsx_HasTheFourSheets()
    {
        using var temp = new OversightProcess.TempFolder();
        var path = Path.Combine(temp.Path, "diff.xlsx");
        var result = OversightProcess.Run("simulate", "--baseline", "policies/rochester-mn.yaml", "--candidate", "policies/ccops-strict.yaml", "--input", "samples/history.jsonl", "--out", path);
        Assert.Equal(0, result.ExitCode);
        using var zip = ZipFile.OpenRead(path);
        var workbook = new StreamReader(zip.GetEntry("xl/workbook.xml")!.Open()).ReadToEnd();
        foreach (var sheet in new[] { "Summary", "Changed", "ByRule", "ByAgency" })
        {
            Assert.Contains($"name=\"{sheet}\"", workbook, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Simulate_SamePolicyTwice_ChangesNothing()
    {
        var result = OversightProcess.Run("simulate", "--baseline", "policies/rochester-mn.yaml", "--candidate", "policies/rochester-mn.yaml", "--input", "samples/history.jsonl", "--quiet");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(0, JsonDocument.Parse(result.Out).RootElement.GetProperty("changed").GetArrayLength());
    }

    [Fact]
    public void Compare_ShippedPolicies_PrintsEachRuleAndAVerdict()
    {
        var result = OversightProcess.Run("policy", "compare", "policies/rochester-mn.yaml", "policies/ccops-strict.yaml");
        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"area-limit\s+tighter\s+limit 0.5 sq mi → 0.25 sq mi", result.Out);
        Assert.Matches(@"basis\s+equal\s+removed in B; no valid request can violate it", result.Out);
        Assert.Matches(@"warrant\s+looser", result.Out);
        Assert.Contains("verdict: cannot tell — B is tighter in area-limit", result.Out, StringComparison.Ordinal);
        Assert.Contains("but looser in warrant;", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_BothWays_TheVerdictsMirror()
    {
        using var temp = new OversightProcess.TempFolder();
        var loose = temp.File("loose.yaml", "policy: loose\nversion: \"1\"\nrules:\n  - { id: area, kind: max-area, limit: 1 sq mi }\n");
        var strict = temp.File("strict.yaml", "policy: strict\nversion: \"1\"\nrules:\n  - { id: area, kind: max-area, limit: 0.5 sq mi }\n  - { id: case, kind: required, field: caseNumber }\n");

        Assert.Contains("verdict: B is tighter", OversightProcess.Run("policy", "compare", loose, strict).Out, StringComparison.Ordinal);
        Assert.Contains("verdict: B is looser", OversightProcess.Run("policy", "compare", strict, loose).Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_NeedsTwoPolicies()
    {
        Assert.Equal(2, OversightProcess.Run("policy", "compare", "policies/rochester-mn.yaml").ExitCode);
    }
}
