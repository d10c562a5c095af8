using Oversight.Gate;
using Oversight.Requests;

namespace Oversight.Policies.Testing;

/// <summary>One policy test: a policy, the history before, a request and the expected decision.</summary>
public sealed record PolicyTestCase(
    string Name,
    string File,
    int Line,
    string PolicyPath,
    IReadOnlyList<FootageRequest> History,
    FootageRequest Request,
    DecisionOutcome ExpectedDecision,
    IReadOnlyList<string>? ExpectedViolated);

/// <summary>How one case went.</summary>
/// <param name="Case">The case.</param>
/// <param name="Passed">True when the decision (and, if given, the set of violated rules) matched.</param>
/// <param name="Failure">What differed; null when it passed.</param>
/// <param name="Decision">The decision the policy made.</param>
public sealed record PolicyTestResult(PolicyTestCase Case, bool Passed, string? Failure, Decision Decision);
