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

/// <summary>
/// The overall answer to "does B deny everything A denies?". Antisymmetric: when comparing A with B
/// says <see cref="Tighter"/>, comparing B with A says <see cref="Looser"/>, and the other way
/// round; <see cref="Equal"/> and <see cref="CannotTell"/> are their own mirror.
/// </summary>
public enum Verdict
{
    /// <summary>The same effective rules, limits, actions and exemptions: the same decisions.</summary>
    Equal,

    /// <summary>Proved: every request A denies (or sends to review), B does too, over every history; and some rule of B is stricter.</summary>
    Tighter,

    /// <summary>Proved: every request B denies (or sends to review), A does too, over every history; and some rule of B is looser.</summary>
    Looser,

    /// <summary>Neither contains the other, or counting rules make it depend on the data; run <c>oversight simulate</c>.</summary>
    CannotTell,
}

/// <summary>A comparison of two policies without data.</summary>
public sealed record ComparisonResult(IReadOnlyList<RuleComparison> Rules, Verdict Verdict, string Explanation);

/// <summary>
/// Compares two policies rule by rule (matched by id) and says whether B denies everything A
/// denies. A rule that cannot change a decision — action warn, or a rule no valid request can
/// violate (<see cref="Vacuity"/>) — counts as no rule at all. Sound: "tighter" and "looser" are
/// claimed only when they hold for every request and every history; where counting rules make the
/// answer depend on the data (a request B denies frees B's quota for later requests), the answer
/// is "cannot tell", with the request-by-request direction in the explanation.
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
            lines.Add(bRules.TryGetValue(ra.Id, out var rb) ? Pair(ra, rb) : Removed(ra));
        }

        foreach (var rb in b.Rules.Where(r => a.Rules.All(x => x.Id != r.Id)))
        {
            lines.Add(Added(rb));
        }

        lines.AddRange(ExemptionComparisons.Compare(a, b));
        var (verdict, explanation) = Judge(a, b, lines);
        return new ComparisonResult(lines, verdict, explanation);
    }

    /// <summary>True when the rule can change a decision: its action is not warn and some valid request violates it.</summary>
    internal static bool Effective(Rule rule) => rule.Action != RuleAction.Warn && !Vacuity.NeverViolated(rule);

    private static RuleComparison Removed(Rule ra) => Effective(ra)
        ? new RuleComparison(ra.Id, ra.Kind, Strictness.Looser, "removed in B")
        : new RuleComparison(ra.Id, ra.Kind, Strictness.Equal, $"removed in B; {Inert(ra)}, so no decision changes");

    private static RuleComparison Added(Rule rb) => Effective(rb)
        ? new RuleComparison(rb.Id, rb.Kind, Strictness.Tighter, $"added in B (action {rb.Action.Name()})")
        : new RuleComparison(rb.Id, rb.Kind, Strictness.Equal, $"added in B; {Inert(rb)}, so no decision changes");

    private static RuleComparison Pair(Rule ra, Rule rb)
    {
        var (ea, eb) = (Effective(ra), Effective(rb));
        if (!ea && !eb)
        {
            return new RuleComparison(ra.Id, ra.Kind == rb.Kind ? ra.Kind : $"{ra.Kind} → {rb.Kind}", Strictness.Equal, $"in A {Inert(ra)}, in B {Inert(rb)}: neither changes a decision");
        }

        if (ra.Kind != rb.Kind)
        {
            var kind = $"{ra.Kind} → {rb.Kind}";
            return ea && eb
                ? new RuleComparison(ra.Id, kind, Strictness.Incomparable, "the same id has a different kind in B")
                : new RuleComparison(ra.Id, kind, ea ? Strictness.Looser : Strictness.Tighter, ea ? $"a different kind in B, where {Inert(rb)}" : $"a different kind in B; in A {Inert(ra)}");
        }

        if (ea != eb)
        {
            return new RuleComparison(ra.Id, ra.Kind, ea ? Strictness.Looser : Strictness.Tighter, ea ? $"in B {Inert(rb)}" : $"in A {Inert(ra)}; in B it can {rb.Action.Name()}");
        }

        return RuleComparisons.Compare(ra, rb);
    }

    /// <summary>Why a rule cannot change a decision, in words.</summary>
    private static string Inert(Rule rule) => rule.Action == RuleAction.Warn ? "it only warns" : $"no valid request can violate it ({Vacuity.Why(rule)})";

    private static (Verdict, string) Judge(Policy a, Policy b, List<RuleComparison> lines)
    {
        static string Ids(IEnumerable<RuleComparison> of) => string.Join(", ", of.Select(l => l.Id));

        var incomparable = lines.Where(l => l.Strictness == Strictness.Incomparable).ToList();
        var tighter = lines.Where(l => l.Strictness == Strictness.Tighter).ToList();
        var looser = lines.Where(l => l.Strictness == Strictness.Looser).ToList();
        const string Simulate = "run oversight simulate on a history to see which decisions change";
        if (incomparable.Count > 0)
        {
            return (Verdict.CannotTell, $"{Ids(incomparable)} cannot be ordered without data; {Simulate}");
        }

        if (tighter.Count > 0 && looser.Count > 0)
        {
            return (Verdict.CannotTell, $"B is tighter in {Ids(tighter)} but looser in {Ids(looser)}; {Simulate}");
        }

        if (tighter.Count == 0 && looser.Count == 0)
        {
            return (Verdict.Equal, "A and B make the same decisions on every request");
        }

        var moved = tighter.Count > 0 ? tighter : looser;
        if (a.Rules.Concat(b.Rules).Any(r => IsCounting(r) && Effective(r)))
        {
            return (Verdict.CannotTell,
                $"request by request B is {(tighter.Count > 0 ? "tighter" : "looser")} ({Ids(moved)}), but the policies count earlier requests: a request " +
                $"one of them denies uses none of its quota, so a later request can pass its counting rules where the other's stop it; {Simulate}");
        }

        return tighter.Count > 0
            ? (Verdict.Tighter, $"B denies every request that A denies, and more ({Ids(tighter)})")
            : (Verdict.Looser, $"A denies every request that B denies, and B lets more through ({Ids(looser)})");
    }

    internal static bool IsCounting(Rule rule) => rule is MaxRequestsRule or MaxTotalAreaRule or MaxTotalWindowRule;
}
