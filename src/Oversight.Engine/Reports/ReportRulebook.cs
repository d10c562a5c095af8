using System.Globalization;
using Oversight.Policies;
using Oversight.Requests;
using Oversight.Simulation;

namespace Oversight.Reports;

/// <summary>
/// The policy in plain words: each rule as what a request may do, each exemption, and how versions
/// used in the period compare. The reports' rulebook, the public portal and the console read the
/// policy through these same sentences.
/// </summary>
public static class ReportRulebook
{
    public static List<RuleRow> Rules(Policy policy) =>
        [.. policy.Rules.Select(r => new RuleRow(r.Id, Statement(r, policy.Subject), policy.Subject == PolicySubject.AlprSearches ? SearchConsequence(r.Action) : Consequence(r.Action)))];

    public static List<ExemptionRow> Exemptions(Policy policy) =>
        [.. policy.Exemptions.Select(e => new ExemptionRow(e.Id, Statement(e)))];

    /// <summary>What a rule allows: "A request may cover at most 0.5 sq mi."; for a search policy, said of searches.</summary>
    public static string Statement(Rule rule, PolicySubject subject = PolicySubject.FootageRequests) => subject == PolicySubject.AlprSearches
        ? rule switch
        {
            MaxLookbackRule r => $"A search may reach back at most {Duration(r.Limit)} before it is run.",
            RequiredRule r => $"A search must give its {RuleDescriptions.Field(r.Field)}.",
            MaxRequestsRule r => $"At most {r.Limit} searches per {RuleDescriptions.Key(r.Per)} within any {Duration(r.Period)}.",
            _ => Statement(rule),
        }
        : Statement(rule);

    private static string Statement(Rule rule) => rule switch
    {
        MaxAreaRule r => $"A request may cover at most {r.Limit}.",
        MinAreaRule r => $"A request must cover at least {r.Limit} (no single-house requests).",
        MaxWindowRule r => $"A request may ask for at most {Duration(r.Limit)} of footage.",
        MinWindowRule r => $"A request must ask for at least {Duration(r.Limit)} of footage.",
        MaxLookbackRule r => $"Footage may be at most {Duration(r.Limit)} old when it is requested.",
        NoFutureWindowRule => "A request may not ask for footage from after the moment it is submitted.",
        RequiredRule r => $"A request must give its {RuleDescriptions.Field(r.Field)}.",
        MinLengthRule r => $"The {RuleDescriptions.Field(r.Field)} must be at least {r.Limit} characters long.",
        AllowedValuesRule r => $"The {RuleDescriptions.Field(r.Field)} must be one of: {string.Join(", ", r.Values.Order(StringComparer.Ordinal))}.",
        ForbiddenTermsRule r => $"The {RuleDescriptions.Field(r.Field)} may not mention: {string.Join(", ", r.Matcher.Terms)} (or their other forms).",
        MaxRequestsRule r => r.Per == CountKey.Area
            ? $"At most {r.Limit} requests, from any agency, may cover overlapping places within any {Duration(r.Period)}."
            : $"At most {r.Limit} requests per {RuleDescriptions.Key(r.Per)} within any {Duration(r.Period)}.",
        MaxTotalAreaRule r => $"The requests of one {RuleDescriptions.Key(r.Per)} within any {Duration(r.Period)} may cover at most {r.Limit} together.",
        MaxTotalWindowRule r => $"The requests of one {RuleDescriptions.Key(r.Per)} within any {Duration(r.Period)} may ask for at most {Duration(r.Limit)} of footage together.",
        WithinBoundaryRule r => $"A request's area must lie within the permitted boundary ({Path.GetFileNameWithoutExtension(r.BoundaryPath)}).",
        VagueReasonRule r => $"The {RuleDescriptions.Field(r.Field)} must say more than a vague phrase such as {string.Join(", ", r.Phrases.Phrases.Take(3).Select(p => $"\u201c{p}\u201d"))} (misspellings and abbreviations included).",
        MaxBreadthRule r => $"A search may run over at most {r.Limit:N0} {Oversight.Searches.Audit.SearchAudit.Unit(r.Of)}.",
        BreadthRequiresRule r => $"A search over more than {r.Above:N0} {Oversight.Searches.Audit.SearchAudit.Unit(r.Of)} must give a {string.Join(" or ", r.Fields.Select(RuleDescriptions.Field))}.",
        MaxTimeframeRule r => $"A search may cover at most {Duration(r.Limit)} of camera reads.",
        PiiInReasonRule r => $"The {RuleDescriptions.Field(r.Field)} may not hold a licence plate or a date of birth (they belong in the case file).",
        _ => rule.Kind,
    };

    /// <summary>What breaking a rule means in an audit of searches already run.</summary>
    public static string SearchConsequence(RuleAction action) => action switch
    {
        RuleAction.Deny => "would have been denied",
        RuleAction.Review => "needs review",
        _ => "noted only",
    };

    public static string Consequence(RuleAction action) => action switch
    {
        RuleAction.Deny => "denied",
        RuleAction.Review => "sent for review",
        _ => "noted only (not enforced)",
    };

    private static string Statement(Exemption exemption)
    {
        var when = string.Join(" and ", exemption.When.Select(c =>
            $"the {RuleDescriptions.Field(c.Field)} is {string.Join(" or ", c.Values.Order(StringComparer.Ordinal))}"));
        var parts = new List<string>();
        if (exemption.Waive.Count > 0)
        {
            parts.Add($"the rules {string.Join(", ", exemption.Waive.Order(StringComparer.Ordinal))} do not apply");
        }

        if (exemption.Action is { } action)
        {
            parts.Add($"the request is {Consequence(action)}");
        }

        return $"When {when}: {string.Join("; ", parts.DefaultIfEmpty("nothing changes"))}.";
    }

    /// <summary>"12 hours", "30 days", "15 minutes".</summary>
    public static string Duration(Quantity quantity)
    {
        var value = quantity.Value.ToString("0.##", CultureInfo.InvariantCulture);
        var unit = quantity.Unit switch
        {
            "s" => "second",
            "m" or "min" => "minute",
            "h" or "hr" => "hour",
            "d" => "day",
            "w" => "week",
            _ => quantity.Unit,
        };
        return unit == quantity.Unit ? $"{value} {unit}" : $"{value} {unit}{(quantity.Value == 1 ? string.Empty : "s")}";
    }

    /// <summary>Each change of policy version during the period, with policy compare's verdict when both texts are known.</summary>
    internal static List<PolicyChange> Changes(ReportContext context)
    {
        var groups = context.VersionGroups();
        var known = context.Input.KnownPolicies.Append(context.Policy)
            .GroupBy(p => p.Sha256, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var changes = new List<PolicyChange>();
        for (var i = 1; i < groups.Count; i++)
        {
            var before = groups[i - 1][0];
            var after = groups[i][0];
            var first = context.LocalDate(after.SubmittedAt);
            if (!known.TryGetValue(before.PolicySha256, out var a) || !known.TryGetValue(after.PolicySha256, out var b))
            {
                changes.Add(new PolicyChange(before.PolicyVersion, after.PolicyVersion, first, "not available: the text of one version is not on record", []));
                continue;
            }

            var comparison = PolicyComparison.Compare(a, b);
            var verdict = comparison.Verdict switch
            {
                Verdict.Equal => "the same rules",
                Verdict.Tighter => "stricter: it stops everything the earlier version stopped, and more",
                Verdict.Looser => "looser: some rule lets through what the earlier version stopped, and none stops more",
                _ => "cannot tell without data (see policy compare)",
            };
            changes.Add(new PolicyChange(
                before.PolicyVersion,
                after.PolicyVersion,
                first,
                verdict,
                [.. comparison.Rules.Where(r => r.Strictness != Strictness.Equal).Select(r => $"{r.Id}: {r.Strictness.ToString().ToLowerInvariant()} — {r.Reason}")]));
        }

        return changes;
    }
}
