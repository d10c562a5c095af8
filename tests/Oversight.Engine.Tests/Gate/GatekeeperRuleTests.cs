using Oversight.Gate;
using Oversight.Geo;
using Oversight.History;
using Oversight.Policies;
using Oversight.Requests;
using Oversight.Tests.Support;

namespace Oversight.Tests.Gate;

/// <summary>Every rule kind just under, at and just over its limit, and waived.</summary>
public sealed class GatekeeperRuleTests
{
    private static RuleResult Judge(Policy policy, FootageRequest request, string ruleId = "r") =>
        Gatekeeper.Evaluate(policy, request, new RequestHistory()).Rules.Single(r => r.Rule.Id == ruleId);

    /// <summary>A circle whose geodesic area is the given number of square metres.</summary>
    private static RequestBuilder WithArea(double squareMetres) =>
        RequestBuilder.Default().Circle(44.02, -92.46, Math.Sqrt(squareMetres / Math.PI));

    [Theory]
    [InlineData(0.999, RuleOutcome.Pass)]
    [InlineData(1.001, RuleOutcome.Violated)]
    public void MaxArea_AroundTheLimit(double factor, RuleOutcome expected)
    {
        var policy = TestPolicies.WithRules("- { id: r, kind: max-area, limit: 0.5 sq mi }");
        var result = Judge(policy, WithArea(0.5 * Wgs84.SquareMetresPerSquareMile * factor).Build());
        Assert.Equal(expected, result.Outcome);
        Assert.Equal(0.5 * factor, result.Actual!.Value, 4);
        Assert.Equal((0.5, "sq mi"), (result.Limit, result.Unit));
    }

    [Fact]
    public void MaxArea_ReportsInThePolicysUnit()
    {
        var policy = TestPolicies.WithRules("- { id: r, kind: max-area, limit: 100 ha }");
        var result = Judge(policy, WithArea(1_200_000).Build());
        Assert.Equal(RuleOutcome.Violated, result.Outcome);
        Assert.Equal(120, result.Actual!.Value, 2);
        Assert.Equal("ha", result.Unit);
    }

    [Theory]
    [InlineData(0.999, RuleOutcome.Violated)]
    [InlineData(1.001, RuleOutcome.Pass)]
    public void MinArea_AroundTheLimit(double factor, RuleOutcome expected)
    {
        var policy = TestPolicies.WithRules("- { id: r, kind: min-area, limit: 0.025 sq mi }");
        Assert.Equal(expected, Judge(policy, WithArea(0.025 * Wgs84.SquareMetresPerSquareMile * factor).Build()).Outcome);
    }

    [Theory]
    [InlineData(0, RuleOutcome.Pass)]
    [InlineData(1, RuleOutcome.Violated)]
    [InlineData(-1, RuleOutcome.Pass)]
    public void MaxWindow_ExactlyTheLimitPasses(int extraSeconds, RuleOutcome expected)
    {
        var policy = TestPolicies.WithRules("- { id: r, kind: max-window, limit: 12h }");
        var end = RequestBuilder.Noon.AddHours(-1);
        var request = RequestBuilder.Default().Window(end.AddHours(-12).AddSeconds(-extraSeconds), end).Build();
        Assert.Equal(expected, Judge(policy, request).Outcome);
    }

    [Theory]
    [InlineData(0, RuleOutcome.Pass)]
    [InlineData(-1, RuleOutcome.Violated)]
    public void MinWindow_ExactlyTheLimitPasses(int extraSeconds, RuleOutcome expected)
    {
        var policy = TestPolicies.WithRules("- { id: r, kind: min-window, limit: 15m }");
        var end = RequestBuilder.Noon.AddHours(-1);
        var result = Judge(policy, RequestBuilder.Default().Window(end.AddMinutes(-15).AddSeconds(-extraSeconds), end).Build());
        Assert.Equal(expected, result.Outcome);
        Assert.Equal("min", result.Unit);
    }

    [Theory]
    [InlineData(0, RuleOutcome.Pass)]
    [InlineData(1, RuleOutcome.Violated)]
    public void MaxLookback_WindowStartAtSubmittedMinusLimitPasses(int extraSeconds, RuleOutcome expected)
    {
        var policy = TestPolicies.WithRules("- { id: r, kind: max-lookback, limit: 30d }");
        var start = RequestBuilder.Noon.AddDays(-30).AddSeconds(-extraSeconds);
        Assert.Equal(expected, Judge(policy, RequestBuilder.Default().Window(start, start.AddHours(2)).Build()).Outcome);
    }

    [Theory]
    [InlineData(0, RuleOutcome.Pass)]
    [InlineData(1, RuleOutcome.Violated)]
    public void NoFutureWindow_EndAtSubmissionPasses(int secondsAfter, RuleOutcome expected)
    {
        var policy = TestPolicies.WithRules("- { id: r, kind: no-future-window }");
        var end = RequestBuilder.Noon.AddSeconds(secondsAfter);
        Assert.Equal(expected, Judge(policy, RequestBuilder.Default().Window(end.AddHours(-2), end).Build()).Outcome);
    }

    [Theory]
    [InlineData(null, RuleOutcome.Violated)]
    [InlineData("   ", RuleOutcome.Violated)]
    [InlineData("RPD-1", RuleOutcome.Pass)]
    public void Required_MissingOrBlankIsViolated(string? caseNumber, RuleOutcome expected)
    {
        var policy = TestPolicies.WithRules("- { id: r, kind: required, field: caseNumber }");
        Assert.Equal(expected, Judge(policy, RequestBuilder.Default().Case(caseNumber).Build()).Outcome);
    }

    [Theory]
    [InlineData("  exactly twenty chars  ", RuleOutcome.Pass)]
    [InlineData("nineteen characters", RuleOutcome.Violated)]
    [InlineData(null, RuleOutcome.Violated)]
    public void MinLength_CountsTheTrimmedField(string? description, RuleOutcome expected)
    {
        var policy = TestPolicies.WithRules("- { id: r, kind: min-length, field: description, limit: 20 }");
        Assert.Equal(expected, Judge(policy, RequestBuilder.Default().Description(description).Build()).Outcome);
    }

    [Theory]
    [InlineData("burglary", RuleOutcome.Pass)]
    [InlineData("loitering", RuleOutcome.Violated)]
    [InlineData(null, RuleOutcome.Pass)]
    public void AllowedValues_PresentValueMustBeListed(string? incident, RuleOutcome expected)
    {
        var policy = TestPolicies.WithRules("- { id: r, kind: allowed-values, field: incidentType, values: [burglary, robbery] }");
        Assert.Equal(expected, Judge(policy, RequestBuilder.Default().Incident(incident).Build()).Outcome);
    }

    [Theory]
    [InlineData("Vandalism after the PROTEST downtown", RuleOutcome.Violated)]
    [InlineData("Theft during the march.", RuleOutcome.Violated)]
    [InlineData("Theft in March, suspect marching band member", RuleOutcome.Violated)]
    [InlineData("Suspect marching north, protesters nearby", RuleOutcome.Pass)]
    [InlineData("Walked past the lawful assembly at city hall", RuleOutcome.Violated)]
    public void ForbiddenTerms_MatchWords_MatchesWholeWordsOnly(string description, RuleOutcome expected)
    {
        var policy = TestPolicies.WithRules("- { id: r, kind: forbidden-terms, field: description, match: words, terms: [protest, march, lawful assembly] }");
        var result = Judge(policy, RequestBuilder.Default().Description(description).Build());
        Assert.Equal(expected, result.Outcome);
    }

    [Theory]
    [InlineData("Suspect marching north, protesters nearby", "march (as \u201cmarching\u201d), protest (as \u201cprotesters\u201d)")]
    [InlineData("Windows broken while people were protesting", "protest (as \u201cprotesting\u201d)")]
    [InlineData("Seen near the protestors' bus", "protest (as \u201cprotestors\u201d)")]
    [InlineData("Crowd rallied, then rallying again; two rallies", "rally (as \u201crallied\u201d)")]
    [InlineData("Two lawful assemblies at city hall", "lawful assembly (as \u201clawful assemblies\u201d)")]
    [InlineData("Graffiti after the pr\u043Etest", "protest")]
    [InlineData("Graffiti after the pro\u200Btest", "protest")]
    [InlineData("Graffiti after the pro\u00ADtest", "protest")]
    [InlineData("Graffiti after the \uFF30\uFF32\uFF2F\uFF34\uFF25\uFF33\uFF34", "protest")]
    [InlineData("Graffiti after the pr\u00F6test", "protest")]
    public void ForbiddenTerms_ByDefault_CatchFormsAndDisguisedSpellings(string description, string detail)
    {
        var policy = TestPolicies.WithRules("- { id: r, kind: forbidden-terms, field: description, terms: [protest, march, rally, lawful assembly] }");
        var result = Judge(policy, RequestBuilder.Default().Description(description).Build());
        Assert.Equal(RuleOutcome.Violated, result.Outcome);
        Assert.Equal(detail, result.Detail);
    }

    [Theory]
    [InlineData("Stolen from a Protestant church on 4th St")]
    [InlineData("Car stolen from the rallye club lot")]
    [InlineData("A vigilant neighbour saw the plate")]
    public void ForbiddenTerms_ByDefault_LeaveOtherWordsAlone(string description)
    {
        var policy = TestPolicies.WithRules("- { id: r, kind: forbidden-terms, field: description, terms: [protest, rally, vigil] }");
        Assert.Equal(RuleOutcome.Pass, Judge(policy, RequestBuilder.Default().Description(description).Build()).Outcome);
    }

    [Fact]
    public void WithinBoundary_InsideCountyPasses_StraddlingReportsShareInside()
    {
        var policy = TestPolicies.WithRules("- { id: r, kind: within-boundary, boundary: boundaries/olmsted-county.geojson }");
        Assert.Equal(RuleOutcome.Pass, Judge(policy, RequestBuilder.Default().Build()).Outcome);
        var outside = Judge(policy, RequestBuilder.Default().Circle(44.98, -93.27, 300).Build());
        Assert.Equal((RuleOutcome.Violated, 0.0), (outside.Outcome, outside.Actual!.Value));

        // Olmsted's western edge runs near -92.69; a box straddling it is partly inside.
        var straddling = Judge(policy, RequestBuilder.Default().Area(RequestBuilder.Rectangle(-92.72, 44.0, -92.66, 44.02)).Build());
        Assert.Equal(RuleOutcome.Violated, straddling.Outcome);
        Assert.InRange(straddling.Actual!.Value, 0.05, 0.95);
    }

    [Fact]
    public void Waiver_TurnsViolationIntoWaived_AndPassStaysPass()
    {
        var policy = TestPolicies.WithRules(
            "- { id: r, kind: max-area, limit: 0.1 sq mi }\n- { id: w, kind: max-window, limit: 12h }",
            "- { id: warrant, when: { legalBasis: warrant }, waive: [r, w] }");
        var decision = Gatekeeper.Evaluate(policy, WithArea(1e6).Basis(LegalBasis.Warrant).Build(), new RequestHistory());
        Assert.Equal(DecisionOutcome.Allow, decision.Outcome);
        Assert.Equal(RuleOutcome.Waived, decision.Rules[0].Outcome);
        Assert.Equal("warrant", decision.Rules[0].WaivedBy);
        Assert.Equal(RuleOutcome.Pass, decision.Rules[1].Outcome);
        Assert.StartsWith("Waived by exemption 'warrant'", Explanations.Message(decision.Rules[0], decision.Request), StringComparison.Ordinal);
    }

    [Fact]
    public void Waiver_DoesNotApplyWhenConditionDiffers()
    {
        var policy = TestPolicies.WithRules(
            "- { id: r, kind: max-area, limit: 0.1 sq mi }",
            "- { id: warrant, when: { legalBasis: warrant, agency: [county-so, state-patrol] }, waive: [r] }");
        var request = WithArea(1e6).Basis(LegalBasis.Warrant).Build();
        Assert.Equal(DecisionOutcome.Deny, Gatekeeper.Evaluate(policy, request, new RequestHistory()).Outcome);
        Assert.Equal(DecisionOutcome.Allow, Gatekeeper.Evaluate(policy, request with { Agency = "county-so" }, new RequestHistory()).Outcome);
    }

    [Fact]
    public void Decision_DenyBeatsReviewBeatsAllow_AndWarnNeverBlocks()
    {
        var policy = TestPolicies.WithRules("""
            - { id: deny-area, kind: max-area, limit: 0.1 sq mi }
            - { id: review-case, kind: required, field: caseNumber, action: review }
            - { id: warn-window, kind: max-window, limit: 1h, action: warn }
            """);
        DecisionOutcome Outcome(FootageRequest r) => Gatekeeper.Evaluate(policy, r, new RequestHistory()).Outcome;
        Assert.Equal(DecisionOutcome.Allow, Outcome(RequestBuilder.Default().Build()));
        Assert.Equal(DecisionOutcome.Review, Outcome(RequestBuilder.Default().Case(null).Build()));
        Assert.Equal(DecisionOutcome.Deny, Outcome(WithArea(1e6).Case(null).Build()));
        var warned = Gatekeeper.Evaluate(policy, RequestBuilder.Default().Build(), new RequestHistory());
        Assert.Contains("warn-window", warned.Violated);
    }

    [Fact]
    public void ExemptionWithReviewAction_SendsOtherwiseCleanRequestToReview()
    {
        var policy = TestPolicies.WithRules("- { id: r, kind: max-area, limit: 1 sq mi }", "- { id: exigent, when: { legalBasis: exigent }, action: review }");
        var decision = Gatekeeper.Evaluate(policy, RequestBuilder.Default().Basis(LegalBasis.Exigent).Build(), new RequestHistory());
        Assert.Equal(DecisionOutcome.Review, decision.Outcome);
        Assert.Equal("exigent", Assert.Single(decision.Exemptions).Id);
    }

    [Fact]
    public void Evaluate_ListsEveryRuleInPolicyOrderWithAMessage()
    {
        var policy = TestPolicies.Shipped("rochester-mn.yaml");
        var decision = Gatekeeper.Evaluate(policy, RequestBuilder.Default().Build(), new RequestHistory());
        Assert.Equal(policy.Rules.Select(r => r.Id), decision.Rules.Select(r => r.Rule.Id));
        Assert.All(decision.Rules, r => Assert.False(string.IsNullOrWhiteSpace(Explanations.Message(r, decision.Request))));
        Assert.Equal(DecisionOutcome.Allow, decision.Outcome);
    }
}

public sealed class ZeroLimitTests
{
    [Fact]
    public void ZeroAreaAndWindowLimits_AreViolatedAndWarnedAbout()
    {
        var yaml = """
            policy: zero
            version: "1"
            rules:
              - { id: a, kind: max-area, limit: 0 sq mi }
              - { id: w, kind: max-window, limit: 0h }
            """;
        var result = TestPolicies.TryLoad(yaml);
        Assert.Equal(2, result.Warnings.Count(w => w.Message.Contains("limit 0", StringComparison.Ordinal)));
        var decision = Gatekeeper.Evaluate(result.Policy!, RequestBuilder.Default().Build(), new RequestHistory());
        Assert.Equal(DecisionOutcome.Deny, decision.Outcome);
        Assert.All(decision.Rules, r => Assert.True(double.IsFinite(r.Actual!.Value)));
        Assert.Contains("\"limit\":0", DecisionJson.ToJson(decision), StringComparison.Ordinal);
    }
}
