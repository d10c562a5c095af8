using System.Globalization;
using Oversight.Gate;
using Oversight.Policies;

namespace Oversight.Simulation;

/// <summary>Rule-by-rule strictness of the same rule in two policies.</summary>
internal static class RuleComparisons
{
    public static RuleComparison Compare(Rule a, Rule b)
    {
        var (strictness, reason) = (a, b) switch
        {
            (MaxAreaRule x, MaxAreaRule y) => Ceiling(x.Limit, y.Limit),
            (MaxWindowRule x, MaxWindowRule y) => Ceiling(x.Limit, y.Limit),
            (MaxLookbackRule x, MaxLookbackRule y) => Ceiling(x.Limit, y.Limit),
            (MinAreaRule x, MinAreaRule y) => Floor(x.Limit, y.Limit),
            (MinWindowRule x, MinWindowRule y) => Floor(x.Limit, y.Limit),
            (NoFutureWindowRule, NoFutureWindowRule) => (Strictness.Equal, "same rule"),
            (RequiredRule x, RequiredRule y) => x.Field == y.Field ? (Strictness.Equal, "same field") : (Strictness.Incomparable, "requires a different field"),
            (MinLengthRule x, MinLengthRule y) => x.Field != y.Field
                ? (Strictness.Incomparable, "measures a different field")
                : Order(y.Limit.CompareTo(x.Limit), $"minimum length {x.Limit} → {y.Limit}"),
            (AllowedValuesRule x, AllowedValuesRule y) => x.Field != y.Field
                ? (Strictness.Incomparable, "checks a different field")
                : Sets(y.Values, x.Values, "allowed values"),
            (ForbiddenTermsRule x, ForbiddenTermsRule y) => x.Field != y.Field
                ? (Strictness.Incomparable, "checks a different field")
                : Sets(x.Matcher.Terms.ToHashSet(StringComparer.OrdinalIgnoreCase), y.Matcher.Terms.ToHashSet(StringComparer.OrdinalIgnoreCase), "forbidden terms"),
            (MaxRequestsRule x, MaxRequestsRule y) => Counting(x.Per, y.Per, x.Limit, y.Limit, x.Period, y.Period, x.Limit.ToString(CultureInfo.InvariantCulture), y.Limit.ToString(CultureInfo.InvariantCulture)),
            (MaxTotalAreaRule x, MaxTotalAreaRule y) => Counting(x.Per, y.Per, x.Limit.BaseValue, y.Limit.BaseValue, x.Period, y.Period, x.Limit.ToString(), y.Limit.ToString()),
            (MaxTotalWindowRule x, MaxTotalWindowRule y) => Counting(x.Per, y.Per, x.Limit.BaseValue, y.Limit.BaseValue, x.Period, y.Period, x.Limit.ToString(), y.Limit.ToString()),
            (WithinBoundaryRule x, WithinBoundaryRule y) => x.BoundarySha256 == y.BoundarySha256
                ? (Strictness.Equal, "same boundary")
                : Boundary(x, y),
            _ => (Strictness.Incomparable, "different kinds"),
        };
        return new RuleComparison(a.Id, a.Kind, strictness, reason).WithAction(a.Action, b.Action);
    }

    /// <summary>Folds the change of action into the limit's verdict: deny is stricter than review, review than warn.</summary>
    private static RuleComparison WithAction(this RuleComparison line, RuleAction a, RuleAction b)
    {
        if (a == b)
        {
            return line;
        }

        var actionChange = Rank(b).CompareTo(Rank(a)) > 0 ? Strictness.Tighter : Strictness.Looser;
        var combined = (line.Strictness, actionChange) switch
        {
            (Strictness.Equal, var s) => s,
            (var s, var t) when s == t => s,
            (Strictness.Incomparable, _) => Strictness.Incomparable,
            _ => Strictness.Incomparable,
        };
        return line with { Strictness = combined, Reason = $"{line.Reason}; action {a.Name()} → {b.Name()}" };
    }

    private static int Rank(RuleAction action) => action switch
    {
        RuleAction.Deny => 2,
        RuleAction.Review => 1,
        _ => 0,
    };

    private static (Strictness, string) Ceiling(Quantity a, Quantity b) => Order(a.BaseValue.CompareTo(b.BaseValue), $"limit {a} → {b}");

    private static (Strictness, string) Floor(Quantity a, Quantity b) => Order(b.BaseValue.CompareTo(a.BaseValue), $"minimum {a} → {b}");

    /// <summary>Positive: B is stricter.</summary>
    private static (Strictness, string) Order(int comparison, string reason) =>
        (comparison > 0 ? Strictness.Tighter : comparison < 0 ? Strictness.Looser : Strictness.Equal, reason);

    /// <summary><paramref name="narrow"/> ⊂ <paramref name="wide"/> means B is stricter.</summary>
    private static (Strictness, string) Sets(IReadOnlySet<string> narrow, IReadOnlySet<string> wide, string what)
    {
        if (narrow.SetEquals(wide))
        {
            return (Strictness.Equal, $"same {what}");
        }

        var added = wide.Except(narrow).ToList();
        var removed = narrow.Except(wide).ToList();
        var detail = $"{what}: {(added.Count > 0 ? "+" + string.Join(", +", added) : string.Empty)}{(added.Count > 0 && removed.Count > 0 ? " " : string.Empty)}{(removed.Count > 0 ? "-" + string.Join(", -", removed) : string.Empty)}";
        return narrow.IsSubsetOf(wide) ? (Strictness.Tighter, detail) : wide.IsSubsetOf(narrow) ? (Strictness.Looser, detail) : (Strictness.Incomparable, detail);
    }

    private static (Strictness, string) Counting(CountKey perA, CountKey perB, double limitA, double limitB, Quantity periodA, Quantity periodB, string textA, string textB)
    {
        if (perA != perB)
        {
            return (Strictness.Incomparable, $"counts per {perA.ToString().ToLowerInvariant()} → per {perB.ToString().ToLowerInvariant()}");
        }

        var reason = periodA.BaseValue == periodB.BaseValue
            ? $"limit {textA} → {textB} per {periodA}"
            : $"limit {textA} per {periodA} → {textB} per {periodB}";
        var limit = limitA.CompareTo(limitB);
        var period = periodB.BaseValue.CompareTo(periodA.BaseValue);
        if (limit == 0 && period == 0)
        {
            return (Strictness.Equal, "same limit and period");
        }

        // A lower limit over a period at least as long counts more against less room.
        if (limit >= 0 && period >= 0)
        {
            return (Strictness.Tighter, reason);
        }

        return limit <= 0 && period <= 0 ? (Strictness.Looser, reason) : (Strictness.Incomparable, reason);
    }

    private static (Strictness, string) Boundary(WithinBoundaryRule a, WithinBoundaryRule b)
    {
        var outer = a.Boundary.Geometry;
        var inner = b.Boundary.Geometry;
        return inner.Equals(outer) ? (Strictness.Equal, "same boundary shape")
            : outer.Covers(inner) ? (Strictness.Tighter, $"boundary {a.BoundaryPath} → {b.BoundaryPath}, inside the old one")
            : inner.Covers(outer) ? (Strictness.Looser, $"boundary {a.BoundaryPath} → {b.BoundaryPath}, around the old one")
            : (Strictness.Incomparable, $"boundary {a.BoundaryPath} → {b.BoundaryPath}, overlapping the old one");
    }
}

/// <summary>
/// Exemptions matched by id: more waivers or wider conditions loosen, fewer tighten. Only waivers of
/// rules that can change a decision in both policies are weighed; a waiver of a rule one policy does
/// not enforce changes nothing the rule's own line does not already say.
/// </summary>
internal static class ExemptionComparisons
{
    public static IEnumerable<RuleComparison> Compare(Policy a, Policy b)
    {
        var shared = a.Rules.Where(PolicyComparison.Effective).Select(r => r.Id)
            .Intersect(b.Rules.Where(PolicyComparison.Effective).Select(r => r.Id), StringComparer.Ordinal)
            .ToHashSet(StringComparer.Ordinal);
        IReadOnlySet<string> Waives(Exemption e) => e.Waive.Where(shared.Contains).ToHashSet(StringComparer.Ordinal);

        var byId = b.Exemptions.ToDictionary(e => e.Id, StringComparer.Ordinal);
        foreach (var ea in a.Exemptions)
        {
            if (!byId.TryGetValue(ea.Id, out var eb))
            {
                yield return new RuleComparison(ea.Id, "exemption", Removed(Waives(ea).Count > 0, ea.Action), "removed in B");
                continue;
            }

            if (!SameConditions(ea, eb))
            {
                yield return new RuleComparison(ea.Id, "exemption", Strictness.Incomparable, "applies to different requests in B");
                continue;
            }

            var (wa, wb) = (Waives(ea), Waives(eb));
            var waive = wb.SetEquals(wa) ? Strictness.Equal
                : wb.IsSubsetOf(wa) ? Strictness.Tighter
                : wa.IsSubsetOf(wb) ? Strictness.Looser
                : Strictness.Incomparable;
            var action = ea.Action == eb.Action ? Strictness.Equal
                : (eb.Action == RuleAction.Deny || (eb.Action == RuleAction.Review && ea.Action is null)) ? Strictness.Tighter
                : Strictness.Looser;
            var combined = waive == action || action == Strictness.Equal ? waive : waive == Strictness.Equal ? action : Strictness.Incomparable;
            yield return new RuleComparison(ea.Id, "exemption", combined,
                $"waives [{string.Join(", ", ea.Waive.Order(StringComparer.Ordinal))}] → [{string.Join(", ", eb.Waive.Order(StringComparer.Ordinal))}], action {ea.Action?.Name() ?? "none"} → {eb.Action?.Name() ?? "none"}");
        }

        foreach (var eb in b.Exemptions.Where(e => a.Exemptions.All(x => x.Id != e.Id)))
        {
            yield return new RuleComparison(eb.Id, "exemption", Opposite(Removed(Waives(eb).Count > 0, eb.Action)), "added in B");
        }
    }

    /// <summary>Dropping an exemption applies the rules it waived (tighter) and drops its review or deny (looser).</summary>
    private static Strictness Removed(bool waives, RuleAction? action) => (waives, action is not null) switch
    {
        (true, true) => Strictness.Incomparable,
        (true, false) => Strictness.Tighter,
        (false, true) => Strictness.Looser,
        _ => Strictness.Equal,
    };

    private static Strictness Opposite(Strictness s) => s switch
    {
        Strictness.Tighter => Strictness.Looser,
        Strictness.Looser => Strictness.Tighter,
        _ => s,
    };

    private static bool SameConditions(Exemption a, Exemption b) =>
        a.When.Count == b.When.Count
        && a.When.All(c => b.When.Any(d => d.Field == c.Field && d.Values.SetEquals(c.Values)));
}
