using Oversight.Gate;
using Oversight.Policies;

namespace Oversight.Simulation;

/// <summary>How one rule of B compares with the same rule (same id and kind) of A.</summary>
public enum Strictness
{
    Equal,

    /// <summary>B denies at least what A denies by this rule, and more.</summary>
    Tighter,

    /// <summary>B lets through something this rule of A stops.</summary>
    Looser,

    /// <summary>Neither contains the other (a lower limit over a shorter period, different fields, …).</summary>
    Incomparable,
}

/// <summary>One line of a comparison: a rule or exemption, what changed, and why.</summary>
public sealed record RuleComparison(string Id, string Kind, Strictness Strictness, string Reason);

/// <summary>The overall answer to "does B deny everything A denies?".</summary>
public enum Verdict
{
    /// <summary>The same rules, limits, actions and exemptions: the same decisions.</summary>
    Equal,

    /// <summary>Proved: every request A denies, B denies too.</summary>
    AtLeastAsStrict,

    /// <summary>Some rule or exemption of B lets through what A stops.</summary>
    MayAdmitMore,

    /// <summary>Neither can be proved without data; run <c>oversight simulate</c>.</summary>
    CannotTell,
}

/// <summary>A comparison of two policies without data.</summary>
public sealed record ComparisonResult(IReadOnlyList<RuleComparison> Rules, Verdict Verdict, string Explanation);

/// <summary>
/// Compares two policies rule by rule (matched by id and kind) and says whether B denies everything
/// A denies. Sound: "at least as strict" is claimed only when it holds for every history; where
/// counting rules make it depend on the data (a request B denies frees B's quota for later
/// requests), the answer is "cannot tell".
/// </summary>
public static class PolicyComparison
{
    public static ComparisonResult Compare(Policy a, Policy b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var lines = new List<RuleComparison>();
        var bRules = b.Rules.ToDictionary(r => r.Id, StringComparer.Ordinal);
        foreach (var ra in a.Rules)
        {
            if (!bRules.TryGetValue(ra.Id, out var rb))
            {
                lines.Add(ra.Action == RuleAction.Warn
                    ? new RuleComparison(ra.Id, ra.Kind, Strictness.Equal, "removed in B; it only warned, so no decision changes")
                    : new RuleComparison(ra.Id, ra.Kind, Strictness.Looser, "removed in B"));
                continue;
            }

            lines.Add(rb.Kind != ra.Kind
                ? new RuleComparison(ra.Id, $"{ra.Kind} → {rb.Kind}", Strictness.Incomparable, "the same id has a different kind in B")
                : RuleComparisons.Compare(ra, rb));
        }

        foreach (var rb in b.Rules.Where(r => a.Rules.All(x => x.Id != r.Id)))
        {
            lines.Add(rb.Action == RuleAction.Warn
                ? new RuleComparison(rb.Id, rb.Kind, Strictness.Equal, "added in B with action warn: reported, never blocks")
                : new RuleComparison(rb.Id, rb.Kind, Strictness.Tighter, $"added in B (action {rb.Action.Name()})"));
        }

        lines.AddRange(ExemptionComparisons.Compare(a, b));
        var (verdict, explanation) = Judge(a, b, lines);
        return new ComparisonResult(lines, verdict, explanation);
    }

    private static (Verdict, string) Judge(Policy a, Policy b, List<RuleComparison> lines)
    {
        var looser = lines.Where(l => l.Strictness == Strictness.Looser).ToList();
        if (looser.Count > 0)
        {
            return (Verdict.MayAdmitMore, $"B may let through requests that A denies: {string.Join("; ", looser.Select(l => $"{l.Id} ({l.Reason})"))}");
        }

        if (lines.All(l => l.Strictness == Strictness.Equal))
        {
            return (Verdict.Equal, "A and B make the same decisions on every request");
        }

        var incomparable = lines.Where(l => l.Strictness == Strictness.Incomparable).ToList();
        if (incomparable.Count > 0)
        {
            return (Verdict.CannotTell, $"cannot tell without data: {string.Join("; ", incomparable.Select(l => $"{l.Id} ({l.Reason})"))}; run oversight simulate on a history");
        }

        if (a.Rules.Concat(b.Rules).Any(IsCounting))
        {
            return (Verdict.CannotTell,
                "every rule of B is at least as strict, but both policies count earlier requests: a request B denies uses none of B's quota, " +
                "so a later request can pass B's counting rule where A's stops it; run oversight simulate on a history");
        }

        return (Verdict.AtLeastAsStrict, "B denies every request that A denies");
    }

    internal static bool IsCounting(Rule rule) => rule is MaxRequestsRule or MaxTotalAreaRule or MaxTotalWindowRule;
}
