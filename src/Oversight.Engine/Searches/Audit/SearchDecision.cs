using Oversight.Gate;
using Oversight.Policies;

namespace Oversight.Searches.Audit;

/// <summary>
/// What an audit says of one search: the decision the policy would have made had it gated the
/// search, every rule's outcome (pass, violated, not-published — never violated for what the export
/// withholds) with its measure and limit.
/// </summary>
public sealed class SearchDecision
{
    internal SearchDecision(AlprSearch search, Policy policy, DecisionOutcome outcome, RuleResult[] rules, IReadOnlyList<Exemption> exemptions)
    {
        Search = search;
        Policy = policy;
        Outcome = outcome;
        Rules = rules;
        Exemptions = exemptions;
    }

    public AlprSearch Search { get; }

    public Policy Policy { get; }

    /// <summary>What the policy would have decided; see <see cref="AuditNames"/> for the audit's words.</summary>
    public DecisionOutcome Outcome { get; }

    /// <summary>Every rule of the policy, in policy order.</summary>
    public IReadOnlyList<RuleResult> Rules { get; }

    public IReadOnlyList<Exemption> Exemptions { get; }

    /// <summary>Ids of the rules violated (whatever their action: warn rules included).</summary>
    public IEnumerable<string> Violated => Rules.Where(r => r.Outcome == RuleOutcome.Violated).Select(r => r.Rule.Id);

    /// <summary>Ids of the rules that could not be judged because the export withholds a field.</summary>
    public IEnumerable<string> NotPublished => Rules.Where(r => r.Outcome == RuleOutcome.NotPublished).Select(r => r.Rule.Id);
}

/// <summary>The words of audit mode: a search already happened, so it is compliant, would have been denied, or needs review.</summary>
public static class AuditNames
{
    /// <summary><c>compliant</c>, <c>needs-review</c> or <c>would-have-been-denied</c>, as written in decision JSON.</summary>
    public static string AuditName(this DecisionOutcome outcome) => outcome switch
    {
        DecisionOutcome.Allow => "compliant",
        DecisionOutcome.Review => "needs-review",
        DecisionOutcome.Deny => "would-have-been-denied",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome)),
    };

    /// <summary>"compliant", "needs review", "would have been denied", for sentences and tables.</summary>
    public static string AuditWords(this DecisionOutcome outcome) => outcome.AuditName().Replace('-', ' ');
}
