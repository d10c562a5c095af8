using Oversight.Gate;
using Oversight.History;

namespace Oversight.Policies.Testing;

/// <summary>
/// Runs a policy test: the history is gated in order under the case's policy (so denied history
/// uses no quota), then the request is gated and compared with what the case expects.
/// </summary>
public static class PolicyTestRunner
{
    public static PolicyTestResult Run(PolicyTestCase testCase, Policy policy)
    {
        ArgumentNullException.ThrowIfNull(testCase);
        ArgumentNullException.ThrowIfNull(policy);
        var history = new RequestHistory();
        foreach (var _ in Replay.Run(policy, Replay.InOrder(testCase.History), history))
        {
        }

        var decision = Gatekeeper.Evaluate(policy, testCase.Request, history);
        var failures = new List<string>();
        if (decision.Outcome != testCase.ExpectedDecision)
        {
            failures.Add($"expected {testCase.ExpectedDecision.Name()}, got {decision.Outcome.Name()}");
        }

        if (testCase.ExpectedViolated is { } expected)
        {
            var actual = decision.Violated.Order(StringComparer.Ordinal).ToList();
            var wanted = expected.Order(StringComparer.Ordinal).ToList();
            if (!actual.SequenceEqual(wanted))
            {
                failures.Add($"expected violated [{string.Join(", ", wanted)}], got [{string.Join(", ", actual)}]");
            }
        }

        return new PolicyTestResult(testCase, failures.Count == 0, failures.Count == 0 ? null : string.Join("; ", failures), decision);
    }
}
