using Oversight.History;
using Oversight.Policies;
using Oversight.Requests;

namespace Oversight.Gate;

/// <summary>
/// The evaluator: a pure function of policy, request and history. Every rule is judged, a
/// matching exemption can waive rules or ask for review, and the decision follows from the
/// violated rules' actions (deny over review over allow; warn never blocks).
/// </summary>
public static partial class Gatekeeper
{
    /// <summary>Judges <paramref name="request"/>; <paramref name="history"/> holds the counted requests before it.</summary>
    public static Decision Evaluate(Policy policy, FootageRequest request, RequestHistory history) =>
        Evaluate(policy, request, history, EvaluationOptions.Default);

    /// <summary>Judges <paramref name="request"/> as <paramref name="options"/> say (what to count, the deadline).</summary>
    /// <exception cref="OperationCanceledException">The deadline in <paramref name="options"/> passed first.</exception>
    public static Decision Evaluate(Policy policy, FootageRequest request, RequestHistory history, EvaluationOptions options)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(options);

        var exemptions = MatchingExemptions(policy, request);
        var rules = policy.RuleArray;
        var results = new RuleResult[rules.Length];
        var outcome = DecisionOutcome.Allow;
        var probe = new Probe(request, history, options);
        var cancellation = options.Cancellation;
        for (var i = 0; i < rules.Length; i++)
        {
            cancellation.ThrowIfCancellationRequested();
            var result = Judge(rules[i], ref probe);
            if (result.Outcome == RuleOutcome.Violated && exemptions.Count > 0 && WaiverFor(exemptions, result.Rule.Id) is { } waiver)
            {
                result = result with { Outcome = RuleOutcome.Waived, WaivedBy = waiver.Id };
            }

            if (result.Outcome == RuleOutcome.Violated)
            {
                outcome = Max(outcome, result.Rule.Action);
            }

            results[i] = result;
        }

        for (var i = 0; i < exemptions.Count; i++)
        {
            if (exemptions[i].Action is { } action)
            {
                outcome = Max(outcome, action);
            }
        }

        return new Decision(request, policy, outcome, results, exemptions);
    }

    private static DecisionOutcome Max(DecisionOutcome outcome, RuleAction action) => action switch
    {
        RuleAction.Deny => DecisionOutcome.Deny,
        RuleAction.Review when outcome == DecisionOutcome.Allow => DecisionOutcome.Review,
        _ => outcome,
    };

    private static IReadOnlyList<Exemption> MatchingExemptions(Policy policy, FootageRequest request)
    {
        if (policy.Exemptions.Count == 0)
        {
            return [];
        }

        List<Exemption>? matches = null;
        foreach (var exemption in policy.Exemptions)
        {
            if (exemption.Matches(request))
            {
                (matches ??= []).Add(exemption);
            }
        }

        return matches is null ? [] : matches;
    }

    private static Exemption? WaiverFor(IReadOnlyList<Exemption> exemptions, string ruleId)
    {
        foreach (var exemption in exemptions)
        {
            if (exemption.Waive.Contains(ruleId))
            {
                return exemption;
            }
        }

        return null;
    }
}
