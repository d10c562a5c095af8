using NetTopologySuite.Geometries;
using Oversight.Gate;
using Oversight.Geo;
using Oversight.History;
using Oversight.Policies;
using Oversight.Requests;
using Oversight.Synthetic;
using Oversight.Tests.Support;

namespace Oversight.Tests.Gate;

/// <summary>What an agency that wants more than the policy allows would try, and why it does not work.</summary>
public sealed class EvasionTests
{
    private static List<Decision> ReplayAll(Policy policy, params FootageRequest[] requests) =>
        Replay.Run(policy, Replay.InOrder(requests), new RequestHistory()).ToList();

    private static RequestBuilder At(double minutes) => RequestBuilder.At(RequestBuilder.Noon.AddMinutes(minutes));

    [Fact]
    public void OfficerDay_BadgeWrittenDifferently_IsStillOneRequester()
    {
        var policy = TestPolicies.WithRules("- { id: officer-day, kind: max-requests, per: requester, limit: 3, period: 24h, action: review }");
        var decisions = ReplayAll(
            policy,
            At(0).Requester("badge-9").Build(),
            At(1).Requester("BADGE-9").Build(),
            At(2).Requester("badge\u20119").Build(),
            At(3).Requester("badge-9\u200B").Build());
        Assert.Equal(DecisionOutcome.Review, decisions[3].Outcome);
        Assert.Equal(4, decisions[3].Rules[0].Actual);
    }

    [Fact]
    public void CaseHours_CaseWrittenDifferently_IsStillOneCase()
    {
        var policy = TestPolicies.WithRules("- { id: case-hours, kind: max-total-window, per: case, limit: 8h, period: 30d }");
        var decisions = ReplayAll(
            policy,
            At(0).Case("c-1").WindowHours(5).Build(),
            RequestBuilder.At(RequestBuilder.Noon.AddDays(1)).Case("C\u20111").WindowHours(5).Build());
        Assert.Equal(DecisionOutcome.Deny, decisions[1].Outcome);
        Assert.Equal(10, decisions[1].Rules[0].Actual);
    }

    [Fact]
    public void CaseNumber_OnlyInvisibleCharacters_IsNoCase()
    {
        var policy = TestPolicies.WithRules("- { id: case-number, kind: required, field: caseNumber }");
        var decision = Gatekeeper.Evaluate(policy, RequestBuilder.Default().Case("\u200B\u00AD").Build(), new RequestHistory());
        Assert.Equal(DecisionOutcome.Deny, decision.Outcome);
    }

    [Fact]
    public void MinLength_PaddedWithInvisibleCharacters_CountsWhatIsVisible()
    {
        var policy = TestPolicies.WithRules("- { id: description, kind: min-length, field: description, limit: 20 }");
        var decision = Gatekeeper.Evaluate(policy, RequestBuilder.Default().Description("burglary" + new string('\u200B', 30)).Build(), new RequestHistory());
        Assert.Equal(DecisionOutcome.Deny, decision.Outcome);
        Assert.Equal(8, decision.Rules[0].Actual);
    }

    [Fact]
    public void MinArea_HundredHouseSizedParts_IsViolatedByEachPart()
    {
        var policy = TestPolicies.WithRules("- { id: area-floor, kind: min-area, limit: 0.025 sq mi }");
        var houses = Enumerable.Range(0, 100)
            .Select(i => AdversarialAreas.Square(-92.47 + ((i % 10) * 0.002), 44.01 + ((i / 10) * 0.002), 30))
            .ToArray();
        var area = Geometries.Factory.CreateMultiPolygon(houses);
        var request = RequestBuilder.Default().Area(area).Build();
        Assert.True(request.Area.SquareMiles > 0.025, "the parts together are over the floor");

        var result = Gatekeeper.Evaluate(policy, request, new RequestHistory()).Rules[0];

        Assert.Equal(RuleOutcome.Violated, result.Outcome);
        Assert.Equal(request.Area.SmallestPartSquareMetres / Wgs84.SquareMetresPerSquareMile, result.Actual!.Value, 9);
        Assert.StartsWith("part ", result.Detail, StringComparison.Ordinal);
        Assert.Contains("of 100", Explanations.Message(result, request), StringComparison.Ordinal);
    }

    [Fact]
    public void MinArea_PartsEachOverTheFloor_Pass()
    {
        var policy = TestPolicies.WithRules("- { id: area-floor, kind: min-area, limit: 0.025 sq mi }");
        var request = RequestBuilder.Default().Area(AdversarialAreas.FarApart(-92.47, 44.01, 0.05, sideMetres: 300)).Build();
        Assert.Equal(RuleOutcome.Pass, Gatekeeper.Evaluate(policy, request, new RequestHistory()).Rules[0].Outcome);
    }

    [Theory]
    [InlineData("homicide")]
    [InlineData("HOMICIDE")]
    [InlineData("hom\u0456c\u0456de")]
    [InlineData("homi\u200Bcide")]
    public void Exemption_ValueWrittenDifferently_StillApplies(string incident)
    {
        var policy = TestPolicies.WithRules(
            "- { id: area-limit, kind: max-area, limit: 0.5 sq mi }",
            "- { id: homicide, when: { incidentType: homicide }, action: review }");
        Assert.Equal(DecisionOutcome.Review, Gatekeeper.Evaluate(policy, RequestBuilder.Default().Incident(incident).Build(), new RequestHistory()).Outcome);
    }

    [Fact]
    public void SamePlace_DryRunForOneAgency_CountsOnlyItsOwnRequests()
    {
        var policy = TestPolicies.WithRules("- { id: same-place, kind: max-requests, per: area, limit: 2, period: 7d }");
        var history = new RequestHistory();
        history.Add(At(0).Agency("olmsted-county-so").Build());
        history.Add(At(1).Agency("olmsted-county-so").Build());
        history.Add(At(2).Agency("rochester-mn-pd").Build());
        var probe = At(3).Agency("rochester-mn-pd").Build();

        var everyone = Gatekeeper.Evaluate(policy, probe, history).Rules[0];
        var own = Gatekeeper.Evaluate(policy, probe, history, new EvaluationOptions { OnlyAgency = "Rochester-MN-PD" }).Rules[0];

        Assert.Equal((RuleOutcome.Violated, 4.0), (everyone.Outcome, everyone.Actual!.Value));
        Assert.Equal((RuleOutcome.Pass, 2.0), (own.Outcome, own.Actual!.Value));
        Assert.Contains("your agency's", Explanations.Message(own, probe), StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_DeadlinePassed_Throws()
    {
        var policy = TestPolicies.WithRules("- { id: same-place, kind: max-requests, per: area, limit: 2, period: 7d }");
        using var passed = new CancellationTokenSource();
        passed.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            Gatekeeper.Evaluate(policy, At(0).Build(), new RequestHistory(), new EvaluationOptions { Cancellation = passed.Token }));
    }

    [Fact]
    public void UnionArea_OverTheVertexBound_IsRefusedNotComputed()
    {
        var combs = Enumerable.Range(0, 60).Select(i => (Geometry)AdversarialAreas.Comb(-92.47, 44.01, 1_000, upward: i % 2 == 0)).ToList();
        Assert.ThrowsAny<OperationCanceledException>(() => Geometries.UnionAreaSquareMetres(combs));
    }

    [Fact]
    public void InterleavedCombs_ShareNoArea_SoTheyNeverCountAsOnePlace()
    {
        var up = RequestArea.FromGeometry(AdversarialAreas.Comb(-92.47, 44.01, 1_000, upward: true));
        var down = RequestArea.FromGeometry(AdversarialAreas.Comb(-92.47, 44.01, 1_000, upward: false));
        Assert.True(up.Geometry.IsValid && down.Geometry.IsValid);
        Assert.True(up.Envelope.Intersects(down.Envelope));
        Assert.False(Overlap.WithPositiveArea(up, down));
        Assert.False(Geometries.OverlapWithPositiveArea(up.Geometry, down.Geometry));
    }
}
