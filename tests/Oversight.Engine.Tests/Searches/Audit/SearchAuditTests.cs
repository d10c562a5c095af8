using Oversight.Gate;
using Oversight.Policies;
using Oversight.Searches;
using Oversight.Searches.Audit;
using Oversight.Tests.Support;

namespace Oversight.Tests.Searches.Audit;

public sealed class SearchAuditTests
{
    private static Policy SearchPolicy(string rules) =>
        TestPolicies.Load($"""
            policy: test-alpr
            version: "1"
            subject: alpr-searches
            rules:
            {string.Join('\n', rules.Trim('\n').Split('\n').Select(l => "  " + l.Trim()))}
            """);

    private static RuleResult Judge(Policy policy, AlprSearch search, SearchHistory? history = null) =>
        Assert.Single(SearchAudit.Evaluate(policy, search, history ?? new SearchHistory()).Rules);

    [Fact]
    public void Evaluate_ReasonNotPublished_IsNeverViolated()
    {
        var withheld = SearchSamples.Search(reason: null);
        foreach (var rule in new[]
        {
            "- { id: r, kind: required, field: reason }",
            "- { id: r, kind: min-length, field: reason, limit: 20 }",
            "- { id: r, kind: forbidden-terms, field: reason, terms: [protest] }",
            "- { id: r, kind: vague-reason, phrases: [investigation] }",
            "- { id: r, kind: pii-in-reason }",
        })
        {
            var result = Judge(SearchPolicy(rule), withheld);
            Assert.Equal(RuleOutcome.NotPublished, result.Outcome);
            Assert.StartsWith("Not published: the export does not give the reason", SearchExplanations.Message(result, withheld), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Evaluate_BlankReason_IsViolatedNotWithheld()
    {
        var result = Judge(SearchPolicy("- { id: r, kind: required, field: reason }"), SearchSamples.Search(reason: "  \u200B "));

        Assert.Equal(RuleOutcome.Violated, result.Outcome);
    }

    [Theory]
    [InlineData("Disturbing Public Peace/Riot", "riot")]
    [InlineData("Disturbing Public Peace/R\u0456ot", "riot")]
    [InlineData("DISTURBING PUBLIC PEACE/RIOTING", "riot")]
    [InlineData("ICE impersonation", "ICE")]
    [InlineData("I.C.E. impersonation", "ICE")]
    [InlineData("I C E impersonation", "ICE")]
    [InlineData("\uFF29\uFF23\uFF25 impersonation", "ICE")]
    [InlineData("assist immigration agents", "immigration")]
    public void Evaluate_ForbiddenTermDisguised_IsFound(string reason, string term)
    {
        var policy = SearchPolicy("- { id: r, kind: forbidden-terms, field: reason, terms: [immigration, ICE, protest, riot] }");

        var result = Judge(policy, SearchSamples.Search(reason: reason));

        Assert.Equal(RuleOutcome.Violated, result.Outcome);
        Assert.StartsWith(term, result.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("slipped on ice, welfare check")]
    [InlineData("police service")]
    public void Evaluate_WordsThatOnlyLookRelated_AreReadAsWritten(string reason)
    {
        var policy = SearchPolicy("- { id: r, kind: forbidden-terms, field: reason, terms: [ICE] }");

        var outcome = Judge(policy, SearchSamples.Search(reason: reason)).Outcome;

        // "ice" is ICE once case is folded: a tripwire a person reads, which is why the shipped policy warns.
        Assert.Equal(reason.Contains("ice,", StringComparison.Ordinal) ? RuleOutcome.Violated : RuleOutcome.Pass, outcome);
    }

    [Fact]
    public void Evaluate_MinLengthPaddedWithSpaces_CountsWhatAReaderSees()
    {
        var policy = SearchPolicy("- { id: r, kind: min-length, field: reason, limit: 20 }");

        Assert.Equal(RuleOutcome.Violated, Judge(policy, SearchSamples.Search(reason: "investigation \u200B\u200B\u200B\u200B\u200B\u200B\u200B\u200B        ")).Outcome);
    }

    [Fact]
    public void Evaluate_PaddedToPassMinLength_IsStillVague()
    {
        var policy = SearchPolicy("""
            - { id: length, kind: min-length, field: reason, limit: 20 }
            - { id: vague, kind: vague-reason, phrases: [investigation] }
            """);
        var decision = SearchAudit.Evaluate(policy, SearchSamples.Search(reason: "investigation investigation investigation"), new SearchHistory());

        Assert.Equal(RuleOutcome.Pass, decision.Rules[0].Outcome);
        Assert.Equal(RuleOutcome.Violated, decision.Rules[1].Outcome);
    }

    [Fact]
    public void Evaluate_BreadthRequires_JudgesWhatTheExportShows()
    {
        var policy = SearchPolicy("- { id: r, kind: breadth-requires, above: 1000, fields: [caseNumber, offenseType] }");

        Assert.Equal(RuleOutcome.Pass, Judge(policy, SearchSamples.Search(cameras: 135, reason: "investigation")).Outcome);
        Assert.Equal(RuleOutcome.NotPublished, Judge(policy, SearchSamples.Search(cameras: 2510, reason: "investigation")).Outcome);
        var inReason = Judge(policy, SearchSamples.Search(cameras: 2510, reason: "Investigation, 2510494"));
        Assert.Equal((RuleOutcome.Pass, "case number in the reason"), (inReason.Outcome, inReason.Detail));
        Assert.Equal(RuleOutcome.Violated, Judge(policy, SearchSamples.Search(cameras: 2510, reason: "investigation", caseNumber: "", offenseType: "")).Outcome);
        Assert.Equal(RuleOutcome.Pass, Judge(policy, SearchSamples.Search(cameras: 2510, reason: "investigation", caseNumber: "", offenseType: "Homicide")).Outcome);
        Assert.Equal(RuleOutcome.NotPublished, Judge(policy, SearchSamples.Search(cameras: null)).Outcome);
    }

    [Fact]
    public void Evaluate_TimeFrameRules_AreNotPublishedWithoutATimeFrame()
    {
        var policy = SearchPolicy("""
            - { id: frame, kind: max-timeframe, limit: 72h }
            - { id: back, kind: max-lookback, limit: 30d }
            """);
        var at = new DateTimeOffset(2025, 7, 1, 12, 0, 0, TimeSpan.Zero);

        var none = SearchAudit.Evaluate(policy, SearchSamples.Search(), new SearchHistory());
        var wide = SearchAudit.Evaluate(policy, SearchSamples.Search(at: at, frame: new SearchTimeFrame(at.AddDays(-40), at)), new SearchHistory());

        Assert.All(none.Rules, r => Assert.Equal(RuleOutcome.NotPublished, r.Outcome));
        Assert.Equal((RuleOutcome.Violated, 960.0), (wide.Rules[0].Outcome, wide.Rules[0].Actual!.Value));
        Assert.Equal((RuleOutcome.Violated, 40.0), (wide.Rules[1].Outcome, wide.Rules[1].Actual!.Value));
    }

    [Fact]
    public void Run_AuditMode_CountsEverySearchWhateverItsOutcome()
    {
        var policy = SearchPolicy("- { id: day, kind: max-requests, per: requester, limit: 2, period: 24h }");
        var at = new DateTimeOffset(2025, 7, 1, 8, 0, 0, TimeSpan.Zero);
        var searches = Enumerable.Range(0, 4).Select(i => SearchSamples.Search(id: $"s{i}", at: at.AddHours(i))).ToList();

        var decisions = SearchAudit.Run(policy, searches, new SearchHistory()).ToList();

        Assert.Equal([1.0, 2, 3, 4], decisions.Select(d => d.Rules[0].Actual!.Value));
        Assert.Equal(["compliant", "compliant", "would-have-been-denied", "would-have-been-denied"], decisions.Select(d => d.Outcome.AuditName()));
    }

    [Fact]
    public void Run_RedactedRequesters_AreNeverOneOfficer()
    {
        var policy = SearchPolicy("""
            - { id: day, kind: max-requests, per: requester, limit: 2, period: 24h }
            - { id: agency, kind: max-requests, per: agency, limit: 3, period: 24h }
            """);
        var at = new DateTimeOffset(2025, 7, 1, 8, 0, 0, TimeSpan.Zero);
        var searches = Enumerable.Range(0, 5).Select(i => SearchSamples.Search(id: $"s{i}", requester: null, at: at.AddHours(i))).ToList();

        var decisions = SearchAudit.Run(policy, searches, new SearchHistory()).ToList();

        Assert.All(decisions, d => Assert.Equal(RuleOutcome.NotPublished, d.Rules[0].Outcome));
        Assert.Equal(RuleOutcome.Violated, decisions[^1].Rules[1].Outcome);
    }

    [Fact]
    public void Evaluate_FootagePolicy_IsRefused()
    {
        var footage = TestPolicies.WithRules("- { id: a, kind: max-area, limit: 0.5 sq mi }");

        Assert.Throws<ArgumentException>(() => SearchAudit.Evaluate(footage, SearchSamples.Search(), new SearchHistory()));
    }

    [Fact]
    public void ToJson_NamesEveryRuleWithAuditWordsAndNeverEchoesTheReason()
    {
        var policy = TestPolicies.Shipped("eugene-or-alpr.yaml");
        var search = SearchSamples.Search(reason: "Stolen Vehicle 41HP587", cameras: 85130);

        var json = SearchDecisionJson.ToJson(SearchAudit.Evaluate(policy, search, new SearchHistory()));

        Assert.StartsWith("{\"requestId\":\"s-1\",\"kind\":\"alpr-search\",\"decision\":\"allow\",\"audit\":\"compliant\",\"policy\":{\"id\":\"eugene-or-alpr\"", json, StringComparison.Ordinal);
        Assert.Contains("\"measures\":{\"camerasSearched\":85130,\"networksSearched\":null,\"timeFrameHours\":null,\"lookbackHours\":null}", json, StringComparison.Ordinal);
        Assert.Contains("\"id\":\"personal-data\",\"kind\":\"pii-in-reason\",\"outcome\":\"violated\",\"action\":\"warn\"", json, StringComparison.Ordinal);
        Assert.Contains("\"id\":\"time-frame\",\"kind\":\"max-timeframe\",\"outcome\":\"not-published\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("41HP587", json, StringComparison.Ordinal);
    }
}
