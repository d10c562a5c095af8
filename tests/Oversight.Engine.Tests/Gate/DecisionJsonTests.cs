using Oversight.Gate;
using Oversight.History;
using Oversight.Tests.Support;

namespace Oversight.Tests.Gate;

public sealed class DecisionJsonTests
{
    [Fact]
    public void Violated_OfWrittenDecisions_AreTheDecisionsViolatedRules()
    {
        var policy = TestPolicies.Shipped("rochester-mn.yaml");
        var requests = new[]
        {
            RequestBuilder.Default().Build(),
            RequestBuilder.Default().Circle(44.02, -92.46, 1500).Build(),
            RequestBuilder.Default().Circle(44.02, -92.46, 1500).Case(null).Description("a protest march downtown").Build(),
        };
        foreach (var request in requests)
        {
            var decision = Gatekeeper.Evaluate(policy, request, new RequestHistory());
            Assert.Equal(decision.Violated, DecisionJson.Violated(DecisionJson.ToJson(decision)));
        }
    }

    [Fact]
    public void Violated_JsonInAnotherLayout_IsReadInFull()
    {
        const string Reordered = """{"requestId":"r","rules":[{"outcome":"violated","id":"a","kind":"max-area"},{"id":"b","kind":"required","outcome":"pass"},{"kind":"x","id":"c","outcome":"violated"}]}""";
        Assert.Equal(["a", "c"], DecisionJson.Violated(Reordered));
        Assert.Empty(DecisionJson.Violated("""{"requestId":"r","rules":[]}"""));
    }
}
