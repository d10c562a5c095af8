using Oversight.Simulation;
using Oversight.Tests.Support;

namespace Oversight.Tests.Simulation;

public sealed class PolicyComparisonTests
{
    private static ComparisonResult Compare(string a, string b, string? exemptionsA = null, string? exemptionsB = null) =>
        PolicyComparison.Compare(TestPolicies.WithRules(a, exemptionsA), TestPolicies.WithRules(b, exemptionsB));

    private static Strictness Only(string a, string b) => Compare(a, b).Rules.Single().Strictness;

    [Theory]
    [InlineData("max-area, limit: 0.5 sq mi", "max-area, limit: 0.25 sq mi", Strictness.Tighter)]
    [InlineData("max-area, limit: 0.5 sq mi", "max-area, limit: 320 acres", Strictness.Equal)]
    [InlineData("max-area, limit: 0.5 sq mi", "max-area, limit: 2 sq km", Strictness.Looser)]
    [InlineData("min-area, limit: 0.025 sq mi", "min-area, limit: 0.05 sq mi", Strictness.Tighter)]
    [InlineData("max-window, limit: 12h", "max-window, limit: 4h", Strictness.Tighter)]
    [InlineData("min-window, limit: 15m", "min-window, limit: 5m", Strictness.Looser)]
    [InlineData("max-lookback, limit: 30d", "max-lookback, limit: 2w", Strictness.Tighter)]
    [InlineData("no-future-window", "no-future-window", Strictness.Equal)]
    [InlineData("required, field: caseNumber", "required, field: caseNumber", Strictness.Equal)]
    [InlineData("required, field: caseNumber", "required, field: incidentType", Strictness.Incomparable)]
    [InlineData("min-length, field: description, limit: 20", "min-length, field: description, limit: 40", Strictness.Tighter)]
    [InlineData("allowed-values, field: incidentType, values: [a, b, c]", "allowed-values, field: incidentType, values: [a, b]", Strictness.Tighter)]
    [InlineData("allowed-values, field: incidentType, values: [a, b]", "allowed-values, field: incidentType, values: [a, c]", Strictness.Incomparable)]
    [InlineData("forbidden-terms, field: description, terms: [protest]", "forbidden-terms, field: description, terms: [protest, rally]", Strictness.Tighter)]
    [InlineData("forbidden-terms, field: description, terms: [protest, rally]", "forbidden-terms, field: description, terms: [Protest]", Strictness.Looser)]
    [InlineData("max-requests, per: agency, limit: 25, period: 7d", "max-requests, per: agency, limit: 10, period: 7d", Strictness.Tighter)]
    [InlineData("max-requests, per: agency, limit: 25, period: 7d", "max-requests, per: agency, limit: 25, period: 14d", Strictness.Tighter)]
    [InlineData("max-requests, per: agency, limit: 25, period: 7d", "max-requests, per: agency, limit: 10, period: 1d", Strictness.Incomparable)]
    [InlineData("max-requests, per: agency, limit: 25, period: 7d", "max-requests, per: requester, limit: 25, period: 7d", Strictness.Incomparable)]
    [InlineData("max-total-area, per: case, limit: 1 sq mi, period: 30d", "max-total-area, per: case, limit: 2 sq mi, period: 30d", Strictness.Looser)]
    [InlineData("max-total-window, per: case, limit: 24h, period: 30d", "max-total-window, per: case, limit: 1d, period: 30d", Strictness.Equal)]
    [InlineData("within-boundary, boundary: boundaries/olmsted-county.geojson", "within-boundary, boundary: boundaries/olmsted-county.geojson", Strictness.Equal)]
    public void Compare_EveryRuleKind(string a, string b, Strictness expected) =>
        Assert.Equal(expected, Only($"- {{ id: r, kind: {a} }}", $"- {{ id: r, kind: {b} }}"));

    [Theory]
    [InlineData("review", "deny", Strictness.Tighter)]
    [InlineData("deny", "warn", Strictness.Looser)]
    public void Compare_ActionChange(string a, string b, Strictness expected) =>
        Assert.Equal(expected, Only($"- {{ id: r, kind: max-area, limit: 1 sq mi, action: {a} }}", $"- {{ id: r, kind: max-area, limit: 1 sq mi, action: {b} }}"));

    [Fact]
    public void Compare_TighterLimitButWeakerAction_IsIncomparable() =>
        Assert.Equal(Strictness.Incomparable, Only("- { id: r, kind: max-area, limit: 1 sq mi }", "- { id: r, kind: max-area, limit: 0.5 sq mi, action: review }"));

    [Fact]
    public void Verdict_StaticRulesAllTighter_IsTighter()
    {
        var result = Compare("- { id: r, kind: max-area, limit: 1 sq mi }\n- { id: w, kind: max-window, limit: 12h }", "- { id: r, kind: max-area, limit: 0.5 sq mi }\n- { id: w, kind: max-window, limit: 12h }\n- { id: c, kind: required, field: caseNumber }");
        Assert.Equal(Verdict.Tighter, result.Verdict);
    }

    [Fact]
    public void Verdict_TighterWithCountingRules_CannotTell()
    {
        var result = Compare("- { id: r, kind: max-area, limit: 1 sq mi }\n- { id: q, kind: max-requests, per: agency, limit: 5, period: 1d }", "- { id: r, kind: max-area, limit: 0.5 sq mi }\n- { id: q, kind: max-requests, per: agency, limit: 5, period: 1d }");
        Assert.Equal(Verdict.CannotTell, result.Verdict);
        Assert.Contains("quota", result.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Verdict_RemovedRuleOrWiderWaiver_IsLooser()
    {
        Assert.Equal(Verdict.Looser, Compare("- { id: r, kind: max-area, limit: 1 sq mi }\n- { id: c, kind: required, field: caseNumber }", "- { id: r, kind: max-area, limit: 1 sq mi }").Verdict);
        var waiver = Compare(
            "- { id: r, kind: max-area, limit: 1 sq mi }\n- { id: w, kind: max-window, limit: 12h }", "- { id: r, kind: max-area, limit: 1 sq mi }\n- { id: w, kind: max-window, limit: 12h }",
            "- { id: warrant, when: { legalBasis: warrant }, waive: [r] }", "- { id: warrant, when: { legalBasis: warrant }, waive: [r, w] }");
        Assert.Equal(Verdict.Looser, waiver.Verdict);
        Assert.Equal(Strictness.Looser, waiver.Rules.Single(l => l.Id == "warrant").Strictness);
    }

    [Fact]
    public void Verdict_SamePolicy_IsEqual()
    {
        var policy = TestPolicies.Shipped("rochester-mn.yaml");
        var result = PolicyComparison.Compare(policy, policy);
        Assert.Equal(Verdict.Equal, result.Verdict);
        Assert.All(result.Rules, l => Assert.Equal(Strictness.Equal, l.Strictness));
    }

    [Fact]
    public void Verdict_ShippedPolicies_CannotTellBothWays_StrictIsLooserOnlyInItsWiderWarrantWaiver()
    {
        var rochester = TestPolicies.Shipped("rochester-mn.yaml");
        var strict = TestPolicies.Shipped("ccops-strict.yaml");
        var forward = PolicyComparison.Compare(rochester, strict);
        var backward = PolicyComparison.Compare(strict, rochester);

        Assert.Equal(Verdict.CannotTell, forward.Verdict);
        Assert.Equal(Verdict.CannotTell, backward.Verdict);
        // rochester-mn's basis rule allows every legalBasis: dropping it changes nothing.
        Assert.Equal(["warrant"], forward.Rules.Where(l => l.Strictness == Strictness.Looser).Select(l => l.Id));
        Assert.Equal(Strictness.Equal, forward.Rules.Single(l => l.Id == "basis").Strictness);
        Assert.Equal(["warrant"], backward.Rules.Where(l => l.Strictness == Strictness.Tighter).Select(l => l.Id));
    }
}
