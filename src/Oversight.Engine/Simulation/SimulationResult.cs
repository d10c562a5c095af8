using Oversight.Gate;

namespace Oversight.Simulation;

/// <summary>How many requests got each decision.</summary>
public sealed record DecisionCounts(int Allow, int Review, int Deny)
{
    public int Total => Allow + Review + Deny;

    public int this[DecisionOutcome outcome] => outcome switch
    {
        DecisionOutcome.Allow => Allow,
        DecisionOutcome.Review => Review,
        _ => Deny,
    };
}

/// <summary>A request whose decision differs between the two policies, and the rules whose outcome differs.</summary>
public sealed record ChangedDecision(string RequestId, string Agency, DateTimeOffset SubmittedAt, DecisionOutcome Baseline, DecisionOutcome Candidate, IReadOnlyList<string> Rules);

/// <summary>One rule's effect: how often it was violated under each policy and in how many changed decisions it differed.</summary>
/// <param name="Rule">The rule id.</param>
/// <param name="Kind">Its kind (from the candidate when both have it).</param>
/// <param name="Action">Its action under the candidate, or the baseline when the candidate lacks it.</param>
/// <param name="Baseline">Requests violating it under the baseline (null when the baseline lacks the rule).</param>
/// <param name="Candidate">Requests violating it under the candidate (null when the candidate lacks the rule).</param>
/// <param name="Changed">Changed decisions in which this rule's outcome differed.</param>
public sealed record RuleEffect(string Rule, string Kind, string Action, int? Baseline, int? Candidate, int Changed);

/// <summary>One agency's decisions under each policy.</summary>
public sealed record AgencyEffect(string Agency, DecisionCounts Baseline, DecisionCounts Candidate, int Changed);

/// <summary>
/// What would change if the candidate policy had been in force: counts under each, every changed
/// decision with the rules that made the difference, and totals by rule and by agency. Rules with
/// action warn (shadow mode) appear in <see cref="ByRule"/> with how often they would have fired.
/// </summary>
public sealed record SimulationResult(
    PolicyIdentity BaselinePolicy,
    PolicyIdentity CandidatePolicy,
    DecisionCounts Baseline,
    DecisionCounts Candidate,
    IReadOnlyList<ChangedDecision> Changed,
    IReadOnlyList<RuleEffect> ByRule,
    IReadOnlyList<AgencyEffect> ByAgency);

/// <summary>Which policy: id, version and sha256.</summary>
public sealed record PolicyIdentity(string Id, string Version, string Sha256);
