namespace Oversight.Worker.Tests.Cli;

public sealed class PolicyVerbTests
{
    [Fact]
    public void Validate_ShippedPolicies_Exit0WithSha256()
    {
        var result = OversightProcess.Run("policy", "validate", "policies/rochester-mn.yaml", "policies/ccops-strict.yaml");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("ok policies/rochester-mn.yaml: rochester-mn 2026.3, 17 rules", result.Out, StringComparison.Ordinal);
        Assert.Contains("ok policies/ccops-strict.yaml", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_InvalidPolicy_Exit2ListingEveryProblem()
    {
        using var temp = new OversightProcess.TempFolder();
        var bad = temp.File("bad.yaml", "policy: bad\nversion: \"1\"\nrules:\n  - { id: a, kind: max-areas, limit: 1 sq mi }\n  - { id: b, kind: max-window, limit: 3 days }\n");
        var result = OversightProcess.Run("policy", "validate", "policies/rochester-mn.yaml", bad);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{bad}:4:", result.Out, StringComparison.Ordinal);
        Assert.Contains($"{bad}:5:", result.Out, StringComparison.Ordinal);
        Assert.Contains("invalid " + bad + ": 2 problems", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Test_ShippedPolicyTests_AllPass()
    {
        var result = OversightProcess.Run("policy", "test", "policies/tests");
        Assert.True(result.ExitCode == 0, result.Out + result.Error);
        Assert.Contains(" 0 failed", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("FAIL", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Test_FailingCase_Exit1AndSaysWhy()
    {
        using var temp = new OversightProcess.TempFolder();
        var policyPath = OversightProcess.PathTo("policies", "rochester-mn.yaml");
        var tests = temp.File("cases.yaml", $$"""
            - name: clean request is allowed
              policy: {{policyPath}}
              request:
                agency: rochester-mn-pd
                requester: badge-1
                caseNumber: RPD-1
                incidentType: burglary
                description: Residential burglary, suspect fled on foot
                submittedAt: "2026-08-01T14:00:00Z"
                window: { start: "2026-08-01T01:00:00Z", end: "2026-08-01T05:00:00Z" }
                area: { center: { lat: 44.02, lon: -92.46 }, radiusMeters: 300 }
              expect: { decision: deny, violated: [area-limit] }
            """);
        var result = OversightProcess.Run("policy", "test", tests);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("FAIL", result.Out, StringComparison.Ordinal);
        Assert.Contains("expected deny, got allow", result.Out, StringComparison.Ordinal);
        Assert.Contains("expected violated [area-limit], got []", result.Out, StringComparison.Ordinal);
        Assert.Contains("0 passed, 1 failed", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Test_InvalidTestFile_Exit2()
    {
        using var temp = new OversightProcess.TempFolder();
        var tests = temp.File("cases.yaml", "- name: broken\n  policy: nowhere.yaml\n  expect: { decision: maybe }\n");
        var result = OversightProcess.Run("policy", "test", tests);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("needs 'request'", result.Out, StringComparison.Ordinal);
        Assert.Contains("unknown decision 'maybe'", result.Out, StringComparison.Ordinal);
    }
}
