using Oversight.Gate;
using Oversight.Requests;
using Oversight.Simulation;
using Oversight.Synthetic;
using Oversight.Tests.Support;

namespace Oversight.Tests.Simulation;

public sealed class SimulatorTests
{
    private static RequestBuilder At(double hours) => RequestBuilder.At(RequestBuilder.Noon.AddHours(hours));

    [Fact]
    public void IdenticalCandidate_ChangesNothing()
    {
        var policy = TestPolicies.Shipped("rochester-mn.yaml");
        var history = Replay.InOrder(SyntheticHistory.Generate(new SyntheticOptions(2_000, 4, new DateOnly(2026, 7, 1), 30)));
        var result = Simulator.Run(policy, policy, history);
        Assert.Empty(result.Changed);
        Assert.Equal(result.Baseline, result.Candidate);
        Assert.Equal(2_000, result.Baseline.Total);
        Assert.All(result.ByRule, r => Assert.Equal(r.Baseline, r.Candidate));
    }

    [Fact]
    public void CandidateDenyingEarlierRequests_FreesQuotaForLaterOnes()
    {
        // Baseline: 2 per day, any size. Candidate: 2 per day, but small areas only.
        var baseline = TestPolicies.WithRules("- { id: quota, kind: max-requests, per: agency, limit: 2, period: 24h }");
        var candidate = TestPolicies.WithRules("- { id: quota, kind: max-requests, per: agency, limit: 2, period: 24h }\n- { id: size, kind: max-area, limit: 0.1 sq mi }");
        var big = RequestBuilder.Rectangle(-92.50, 44.00, -92.47, 44.03);
        var result = Simulator.Run(baseline, candidate,
        [
            At(0).Id("big-1").Area(big).Build(),
            At(1).Id("big-2").Area(big).Build(),
            At(2).Id("small-3").Build(),
        ]);
        var changes = result.Changed.ToDictionary(c => c.RequestId);
        Assert.Equal((DecisionOutcome.Allow, DecisionOutcome.Deny), (changes["big-1"].Baseline, changes["big-1"].Candidate));
        Assert.Equal(["size"], changes["big-1"].Rules);

        // The baseline spent its quota on the big requests; the candidate did not, so the third passes.
        Assert.Equal((DecisionOutcome.Deny, DecisionOutcome.Allow), (changes["small-3"].Baseline, changes["small-3"].Candidate));
        Assert.Equal(["quota"], changes["small-3"].Rules);
        Assert.Equal(new DecisionCounts(2, 0, 1), result.Baseline);
        Assert.Equal(new DecisionCounts(1, 0, 2), result.Candidate);
    }

    [Fact]
    public void LooserCandidate_CanDenyALaterRequestTheBaselineAllowed()
    {
        // The candidate admits the big request, which then uses its quota.
        var baseline = TestPolicies.WithRules("- { id: quota, kind: max-requests, per: agency, limit: 1, period: 24h }\n- { id: size, kind: max-area, limit: 0.1 sq mi }");
        var candidate = TestPolicies.WithRules("- { id: quota, kind: max-requests, per: agency, limit: 1, period: 24h }\n- { id: size, kind: max-area, limit: 10 sq mi }");
        var result = Simulator.Run(baseline, candidate,
        [
            At(0).Id("big").Area(RequestBuilder.Rectangle(-92.50, 44.00, -92.47, 44.03)).Build(),
            At(1).Id("small").Build(),
        ]);
        var small = result.Changed.Single(c => c.RequestId == "small");
        Assert.Equal((DecisionOutcome.Allow, DecisionOutcome.Deny), (small.Baseline, small.Candidate));
    }

    [Fact]
    public void WarnRule_ShowsHowOftenItWouldFire()
    {
        var baseline = TestPolicies.WithRules("- { id: size, kind: max-area, limit: 10 sq mi }");
        var candidate = TestPolicies.WithRules("- { id: size, kind: max-area, limit: 10 sq mi }\n- { id: shadow, kind: max-window, limit: 2h, action: warn }");
        var result = Simulator.Run(baseline, candidate, [At(0).WindowHours(3).Build(), At(1).WindowHours(1).Build(), At(2).WindowHours(5).Build()]);
        Assert.Empty(result.Changed);
        var shadow = result.ByRule.Single(r => r.Rule == "shadow");
        Assert.Equal(("warn", (int?)null, (int?)2), (shadow.Action, shadow.Baseline, shadow.Candidate));
    }

    [Fact]
    public void ByAgency_CountsEachAgencysDecisions()
    {
        var baseline = TestPolicies.WithRules("- { id: size, kind: max-area, limit: 10 sq mi }");
        var candidate = TestPolicies.WithRules("- { id: size, kind: max-area, limit: 0.01 sq mi }");
        var result = Simulator.Run(baseline, candidate, [At(0).Agency("a").Build(), At(1).Agency("b").Build(), At(2).Agency("b").Build()]);
        var b = result.ByAgency.Single(x => x.Agency == "b");
        Assert.Equal((2, 0, 2), (b.Baseline.Allow, b.Candidate.Allow, b.Candidate.Deny));
        Assert.Equal(2, b.Changed);
        var json = SimulationJson.ToJson(result);
        Assert.Contains("\"byAgency\":{\"a\":", json, StringComparison.Ordinal);
        Assert.StartsWith("{\"baseline\":{\"allow\":3,\"review\":0,\"deny\":0},\"candidate\":{\"allow\":0,\"review\":0,\"deny\":3},\"changed\":[{\"requestId\":", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_WhatWasWritten_GivesTheSameResult()
    {
        var baseline = TestPolicies.WithRules("- { id: size, kind: max-area, limit: 10 sq mi }\n- { id: shadow, kind: max-area, limit: 0.01 sq mi, action: warn }");
        var candidate = TestPolicies.WithRules("- { id: size, kind: max-area, limit: 0.01 sq mi }");
        var result = Simulator.Run(baseline, candidate, [At(0).Agency("a").Build(), At(1).Agency("b").Build()]);
        var json = SimulationJson.ToJson(result);
        var read = SimulationJson.Read(json);
        Assert.Equal(json, SimulationJson.ToJson(read));
        Assert.Equal(result.Changed[0].SubmittedAt, read.Changed[0].SubmittedAt);
        Assert.Null(read.ByRule.Single(r => r.Rule == "shadow").Candidate);
    }
}
