using Oversight.Policies;
using Oversight.Requests;

namespace Oversight.Gate;

/// <summary>The gate's answer to a request.</summary>
public enum DecisionOutcome
{
    Allow,
    Review,
    Deny,
}

/// <summary>How one rule judged one request.</summary>
public enum RuleOutcome
{
    Pass,
    Violated,

    /// <summary>Would have been violated, but a matching exemption waives the rule.</summary>
    Waived,

    /// <summary>Cannot be judged: the record's export withholds a field the rule needs (ALPR searches only). Never counted as a violation.</summary>
    NotPublished,
}

/// <summary>One rule's judgement with the measured value, the limit and its unit.</summary>
/// <param name="Rule">The rule.</param>
/// <param name="Outcome">Pass, violated or waived.</param>
/// <param name="Actual">The measured value in <paramref name="Unit"/>; null where the rule measures nothing (required, allowed-values) or does not apply.</param>
/// <param name="Limit">The limit in <paramref name="Unit"/>; null where the rule has none.</param>
/// <param name="Unit">The unit of actual and limit, as the policy wrote it.</param>
/// <param name="Detail">What the message needs beyond the numbers: matched terms, a field value, why the rule did not apply.</param>
/// <param name="WaivedBy">The exemption that waived the rule.</param>
public readonly record struct RuleResult(
    Rule Rule,
    RuleOutcome Outcome,
    double? Actual,
    double? Limit,
    string? Unit,
    string? Detail = null,
    string? WaivedBy = null);

/// <summary>What was measured about the request itself.</summary>
public readonly record struct DecisionMeasures(double AreaSqMiles, double WindowHours, double LookbackHours);

/// <summary>A decision with every rule of the policy and the reason for each.</summary>
public sealed class Decision
{
    internal Decision(FootageRequest request, Policy policy, DecisionOutcome outcome, RuleResult[] rules, IReadOnlyList<Exemption> exemptions)
    {
        Request = request;
        Policy = policy;
        Outcome = outcome;
        Rules = rules;
        Exemptions = exemptions;
    }

    public FootageRequest Request { get; }

    public string RequestId => Request.Id;

    public Policy Policy { get; }

    public DecisionOutcome Outcome { get; }

    public DecisionMeasures Measures => new(Request.Area.SquareMiles, Request.Window.Hours, Request.LookbackHours);

    /// <summary>Every rule of the policy, in policy order.</summary>
    public IReadOnlyList<RuleResult> Rules { get; }

    /// <summary>The exemptions whose conditions the request met.</summary>
    public IReadOnlyList<Exemption> Exemptions { get; }

    /// <summary>True when this request uses quota for later ones (allowed or reviewed).</summary>
    public bool Counts => Outcome != DecisionOutcome.Deny;

    /// <summary>Ids of the rules with outcome violated.</summary>
    public IEnumerable<string> Violated => Rules.Where(r => r.Outcome == RuleOutcome.Violated).Select(r => r.Rule.Id);
}

/// <summary>Lower-case names of outcomes as they appear in JSON.</summary>
public static class OutcomeNames
{
    public static string Name(this DecisionOutcome outcome) => outcome switch
    {
        DecisionOutcome.Allow => "allow",
        DecisionOutcome.Review => "review",
        DecisionOutcome.Deny => "deny",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome)),
    };

    public static string Name(this RuleOutcome outcome) => outcome switch
    {
        RuleOutcome.Pass => "pass",
        RuleOutcome.Violated => "violated",
        RuleOutcome.Waived => "waived",
        RuleOutcome.NotPublished => "not-published",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome)),
    };

    public static string Name(this RuleAction action) => action switch
    {
        RuleAction.Deny => "deny",
        RuleAction.Review => "review",
        RuleAction.Warn => "warn",
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };

    public static bool TryParse(string? text, out DecisionOutcome outcome)
    {
        (var ok, outcome) = text switch
        {
            "allow" => (true, DecisionOutcome.Allow),
            "review" => (true, DecisionOutcome.Review),
            "deny" => (true, DecisionOutcome.Deny),
            _ => (false, DecisionOutcome.Allow),
        };
        return ok;
    }
}
