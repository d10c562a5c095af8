using Oversight.Gate;
using Oversight.History;
using Oversight.Policies;
using Oversight.Requests;
using Oversight.Tests.Support;

namespace Oversight.Tests.Gate;

/// <summary>The counting semantics of max-requests, max-total-area and max-total-window.</summary>
public sealed class CountingTests
{
    private static readonly Policy AgencyTwoPerDay = TestPolicies.WithRules("- { id: r, kind: max-requests, per: agency, limit: 2, period: 24h }");

    private static List<Decision> ReplayAll(Policy policy, params FootageRequest[] requests) =>
        Replay.Run(policy, Replay.InOrder(requests), new RequestHistory()).ToList();

    private static RequestBuilder At(double hoursAfterNoon) => RequestBuilder.At(RequestBuilder.Noon.AddHours(hoursAfterNoon));

    [Fact]
    public void MaxRequests_ThirdWithinPeriodIsViolated_CountIncludesThisRequest()
    {
        var decisions = ReplayAll(AgencyTwoPerDay, At(0).Build(), At(1).Build(), At(2).Build());
        Assert.Equal([DecisionOutcome.Allow, DecisionOutcome.Allow, DecisionOutcome.Deny], decisions.Select(d => d.Outcome));
        Assert.Equal([1.0, 2.0, 3.0], decisions.Select(d => d.Rules[0].Actual!.Value));
    }

    [Fact]
    public void MaxRequests_PriorExactlyOnePeriodEarlierIsOutside()
    {
        var decisions = ReplayAll(AgencyTwoPerDay, At(0).Build(), At(0).Build(), At(24).Build());
        Assert.Equal(DecisionOutcome.Allow, decisions[2].Outcome);
        Assert.Equal(1, decisions[2].Rules[0].Actual);
    }

    [Fact]
    public void MaxRequests_PriorOneTickInsideThePeriodCounts()
    {
        var late = RequestBuilder.At(RequestBuilder.Noon.AddHours(24).AddTicks(-1));
        var decisions = ReplayAll(AgencyTwoPerDay, At(0).Build(), At(0).Build(), late.Build());
        Assert.Equal(DecisionOutcome.Deny, decisions[2].Outcome);
    }

    [Fact]
    public void MaxRequests_TiesAreOrderedByInput()
    {
        var a = At(0).Id("a").Build();
        var b = At(0).Id("b").Build();
        var c = At(0).Id("c").Build();
        var decisions = ReplayAll(AgencyTwoPerDay, c, a, b);
        Assert.Equal(["c", "a", "b"], decisions.Select(d => d.RequestId));
        Assert.Equal(DecisionOutcome.Deny, decisions[2].Outcome);
    }

    [Fact]
    public void MaxRequests_DeniedRequestsUseNoQuota()
    {
        var policy = TestPolicies.WithRules("""
            - { id: r, kind: max-requests, per: agency, limit: 2, period: 24h }
            - { id: case, kind: required, field: caseNumber }
            """);
        var decisions = ReplayAll(policy, At(0).Build(), At(1).Case(null).Build(), At(2).Build(), At(3).Build());
        Assert.Equal([DecisionOutcome.Allow, DecisionOutcome.Deny, DecisionOutcome.Allow, DecisionOutcome.Deny], decisions.Select(d => d.Outcome));
    }

    [Fact]
    public void MaxRequests_ReviewedRequestsUseQuota()
    {
        var policy = TestPolicies.WithRules(
            "- { id: r, kind: max-requests, per: agency, limit: 1, period: 24h }",
            "- { id: exigent, when: { legalBasis: exigent }, action: review }");
        var decisions = ReplayAll(policy, At(0).Basis(LegalBasis.Exigent).Build(), At(1).Build());
        Assert.Equal([DecisionOutcome.Review, DecisionOutcome.Deny], decisions.Select(d => d.Outcome));
    }

    [Fact]
    public void MaxRequests_PerRequesterIsWithinAgency()
    {
        var policy = TestPolicies.WithRules("- { id: r, kind: max-requests, per: requester, limit: 1, period: 24h }");
        var decisions = ReplayAll(policy, At(0).Requester("b-1").Build(), At(1).Requester("b-1").Agency("county-so").Build(), At(2).Requester("b-1").Build());
        Assert.Equal([DecisionOutcome.Allow, DecisionOutcome.Allow, DecisionOutcome.Deny], decisions.Select(d => d.Outcome));
    }

    [Fact]
    public void MaxRequests_PerCaseWithoutCaseNumberPasses()
    {
        var policy = TestPolicies.WithRules("- { id: r, kind: max-requests, per: case, limit: 1, period: 24h }");
        var decisions = ReplayAll(policy, At(0).Case(null).Build(), At(1).Case(null).Build());
        Assert.All(decisions, d => Assert.Equal(DecisionOutcome.Allow, d.Outcome));
        Assert.Null(decisions[1].Rules[0].Actual);
    }

    [Fact]
    public void MaxRequests_PerArea_OverlapCountsAcrossAgencies_TouchingDoesNot()
    {
        var policy = TestPolicies.WithRules("- { id: r, kind: max-requests, per: area, limit: 1, period: 7d }");
        var here = RequestBuilder.Square(-92.47, 44.02, 0.01);
        var overlapping = RequestBuilder.Square(-92.465, 44.025, 0.01);
        var touching = RequestBuilder.Square(-92.46, 44.02, 0.01);
        var decisions = ReplayAll(policy,
            At(0).Area(here).Build(),
            At(1).Area(touching).Agency("county-so").Build(),
            At(2).Area(overlapping).Agency("county-so").Build());
        Assert.Equal([DecisionOutcome.Allow, DecisionOutcome.Allow, DecisionOutcome.Deny], decisions.Select(d => d.Outcome));
        Assert.Equal(3, decisions[2].Rules[0].Actual); // overlaps both the first and the touching one
    }

    [Fact]
    public void MaxRequests_PerArea_LargeAreaSpanningManyGridCellsCountsOnce()
    {
        var policy = TestPolicies.WithRules("- { id: r, kind: max-requests, per: area, limit: 5, period: 7d }");
        var big = RequestBuilder.Rectangle(-92.55, 43.95, -92.40, 44.08);
        var decisions = ReplayAll(policy, At(0).Area(big).Build(), At(1).Area(big).Build());
        Assert.Equal(2, decisions[1].Rules[0].Actual);
    }

    [Fact]
    public void MaxTotalArea_UnionOfCaseAreas_OverlapCountedOnce()
    {
        var policy = TestPolicies.WithRules("- { id: r, kind: max-total-area, per: case, limit: 1 sq km, period: 30d }");
        var square = RequestBuilder.Rectangle(-92.47, 44.02, -92.4625, 44.025); // about 0.33 km²
        var decisions = ReplayAll(policy,
            At(0).Area(square).Build(),
            At(1).Area(square).Build(),
            At(2).Area(square).Build(),
            At(3).Area(RequestBuilder.Rectangle(-92.45, 44.02, -92.4425, 44.025)).Build(),
            At(4).Area(RequestBuilder.Rectangle(-92.44, 44.02, -92.4325, 44.025)).Build());
        Assert.Equal(decisions[0].Rules[0].Actual!.Value, decisions[2].Rules[0].Actual!.Value, 9);
        Assert.Equal(DecisionOutcome.Allow, decisions[3].Outcome);
        Assert.Equal(DecisionOutcome.Deny, decisions[4].Outcome);
        Assert.InRange(decisions[4].Rules[0].Actual!.Value, 1.0, 1.1);
    }

    [Fact]
    public void MaxTotalWindow_UnionOfCaseWindows()
    {
        var policy = TestPolicies.WithRules("- { id: r, kind: max-total-window, per: case, limit: 10h, period: 30d }");
        var day = RequestBuilder.Noon.AddDays(-2);
        var decisions = ReplayAll(policy,
            At(0).Window(day, day.AddHours(6)).Build(),
            At(1).Window(day.AddHours(2), day.AddHours(8)).Build(),
            At(2).Window(day.AddHours(8), day.AddHours(10)).Build(),
            At(3).Window(day.AddHours(20), day.AddHours(21)).Build());
        Assert.Equal([6.0, 8.0, 10.0, 11.0], decisions.Select(d => d.Rules[0].Actual!.Value));
        Assert.Equal([DecisionOutcome.Allow, DecisionOutcome.Allow, DecisionOutcome.Allow, DecisionOutcome.Deny], decisions.Select(d => d.Outcome));
    }

    [Fact]
    public void History_OutOfOrderAdds_StayOrderedForQueries()
    {
        var history = new RequestHistory();
        history.Add(At(5).Build());
        history.Add(At(1).Build());
        history.Add(At(3).Build());
        var probe = At(6).Build();
        Assert.Equal(2, history.Keyed(CountKey.Agency, CountingKeys.Of(probe), RequestBuilder.Noon.AddHours(2).UtcTicks, probe.SubmittedAt.UtcTicks).Count);
        Assert.Equal(3, history.Keyed(CountKey.Agency, CountingKeys.Of(probe), RequestBuilder.Noon.UtcTicks, probe.SubmittedAt.UtcTicks).Count);
    }
}

public sealed class ArrivalOrderTests
{
    [Fact]
    public void ArrivalOrderHistory_CountsEveryRecordedRequest_EvenWithLaterSubmittedAt()
    {
        var policy = TestPolicies.WithRules("- { id: r, kind: max-requests, per: agency, limit: 1, period: 24h }");
        var later = RequestBuilder.At(RequestBuilder.Noon.AddHours(2)).Build();
        var earlier = RequestBuilder.At(RequestBuilder.Noon).Build();

        var offline = new RequestHistory();
        offline.Add(later);
        Assert.Equal(DecisionOutcome.Allow, Gatekeeper.Evaluate(policy, earlier, offline).Outcome);

        var live = new RequestHistory(arrivalOrder: true);
        live.Add(later);
        Assert.Equal(DecisionOutcome.Deny, Gatekeeper.Evaluate(policy, earlier, live).Outcome);
    }
}
