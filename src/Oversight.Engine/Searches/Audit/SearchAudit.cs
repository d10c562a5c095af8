using Oversight.Gate;
using Oversight.Policies;
using Oversight.Requests;
using Oversight.Searches.Reasons;
using Oversight.Text;

namespace Oversight.Searches.Audit;

/// <summary>
/// Audits ALPR searches against a policy of <c>subject: alpr-searches</c>. A pure function of policy,
/// search and history, like the gate, with two differences: a rule whose field the export withholds
/// reports <see cref="RuleOutcome.NotPublished"/> (never violated), and every search counts toward
/// the counting rules whatever its outcome, because it already happened (audit mode).
/// </summary>
public static class SearchAudit
{
    private const string Searches = "searches";

    /// <summary>Judges <paramref name="search"/>; <paramref name="history"/> holds the searches before it.</summary>
    public static SearchDecision Evaluate(Policy policy, AlprSearch search, SearchHistory history)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(search);
        ArgumentNullException.ThrowIfNull(history);
        if (policy.Subject != PolicySubject.AlprSearches)
        {
            throw new ArgumentException($"Policy '{policy.Id}' judges footage requests, not ALPR searches.", nameof(policy));
        }

        IReadOnlyList<Exemption> exemptions = policy.Exemptions.Count == 0 ? [] : [.. policy.Exemptions.Where(e => e.Matches(search.Text))];
        var rules = policy.Rules;
        var results = new RuleResult[rules.Count];
        var outcome = DecisionOutcome.Allow;
        var keys = SearchKeys.Of(search);
        for (var i = 0; i < results.Length; i++)
        {
            var result = Judge(rules[i], search, keys, history);
            if (result.Outcome == RuleOutcome.Violated && exemptions.Count > 0 && exemptions.FirstOrDefault(e => e.Waive.Contains(result.Rule.Id)) is { } waiver)
            {
                result = result with { Outcome = RuleOutcome.Waived, WaivedBy = waiver.Id };
            }

            if (result.Outcome == RuleOutcome.Violated)
            {
                outcome = Max(outcome, result.Rule.Action);
            }

            results[i] = result;
        }

        foreach (var exemption in exemptions)
        {
            if (exemption.Action is { } action)
            {
                outcome = Max(outcome, action);
            }
        }

        return new SearchDecision(search, policy, outcome, results, exemptions);
    }

    /// <summary>Orders searches as counting sees them: by time, ties in input order. Exports are usually in order already: then they are only copied.</summary>
    public static List<AlprSearch> InOrder(IEnumerable<AlprSearch> searches)
    {
        ArgumentNullException.ThrowIfNull(searches);
        List<AlprSearch> list = [.. searches];
        for (var i = 1; i < list.Count; i++)
        {
            if (list[i].SearchedAt.UtcTicks < list[i - 1].SearchedAt.UtcTicks)
            {
                return [.. list.Select((search, index) => (search, index)).OrderBy(p => p.search.SearchedAt.UtcTicks).ThenBy(p => p.index).Select(p => p.search)];
            }
        }

        return list;
    }

    /// <summary>Audits each search (already in order) and adds every one to <paramref name="history"/>: in audit mode every search counts.</summary>
    public static IEnumerable<SearchDecision> Run(Policy policy, IEnumerable<AlprSearch> ordered, SearchHistory history)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(ordered);
        ArgumentNullException.ThrowIfNull(history);
        foreach (var search in ordered)
        {
            var decision = Evaluate(policy, search, history);
            history.Add(search);
            yield return decision;
        }
    }

    private static DecisionOutcome Max(DecisionOutcome outcome, RuleAction action) => action switch
    {
        RuleAction.Deny => DecisionOutcome.Deny,
        RuleAction.Review when outcome == DecisionOutcome.Allow => DecisionOutcome.Review,
        _ => outcome,
    };

    internal static RuleResult Judge(Rule rule, AlprSearch search, in SearchKeys keys, SearchHistory history)
    {
        switch (rule)
        {
            case RequiredRule r:
                return Published(r, search.Text(r.Field)) ?? TextRules.Required(r, search.Text(r.Field));
            case MinLengthRule r:
                return Published(r, search.Text(r.Field)) ?? TextRules.MinLength(r, search.Text(r.Field));
            case AllowedValuesRule r:
                return Published(r, search.Text(r.Field)) ?? TextRules.AllowedValues(r, search.Text(r.Field));
            case ForbiddenTermsRule r:
                return Published(r, search.Text(r.Field)) ?? TextRules.ForbiddenTerms(r, search.Text(r.Field));
            case VagueReasonRule r:
                return Published(r, search.Text(r.Field)) ?? Vague(r, search.Text(r.Field)!);
            case PiiInReasonRule r:
                return Published(r, search.Text(r.Field)) ?? Personal(r, search.Text(r.Field)!, search.SearchedAt);
            case MaxBreadthRule r:
                return BreadthOf(search, r.Of) is { } breadth
                    ? new RuleResult(r, breadth > r.Limit ? RuleOutcome.Violated : RuleOutcome.Pass, breadth, r.Limit, Unit(r.Of))
                    : NotPublished(r, Unit(r.Of) + "Searched");
            case BreadthRequiresRule r:
                return Requires(r, search);
            case MaxTimeframeRule r:
                return search.TimeFrame is { } frame
                    ? Compare(r, r.Limit, (frame.End - frame.Start).TotalSeconds)
                    : NotPublished(r, "timeFrame");
            case MaxLookbackRule r:
                return search.TimeFrame is { } start
                    ? Compare(r, r.Limit, (search.SearchedAt - start.Start).TotalSeconds)
                    : NotPublished(r, "timeFrame");
            case MaxRequestsRule r:
                return Count(r, search, keys, history);
            default:
                throw new NotSupportedException($"Rule kind '{rule.Kind}' does not apply to ALPR searches.");
        }
    }

    private static RuleResult? Published(Rule rule, string? text) => text is null ? NotPublished(rule, FieldOf(rule)) : null;

    private static string FieldOf(Rule rule) => rule switch
    {
        RequiredRule r => r.Field.Name(),
        MinLengthRule r => r.Field.Name(),
        AllowedValuesRule r => r.Field.Name(),
        ForbiddenTermsRule r => r.Field.Name(),
        VagueReasonRule r => r.Field.Name(),
        PiiInReasonRule r => r.Field.Name(),
        _ => rule.Kind,
    };

    /// <summary>A rule that cannot be judged: the detail names the field the export withholds.</summary>
    private static RuleResult NotPublished(Rule rule, string field) =>
        new(rule, RuleOutcome.NotPublished, null, null, null, Detail: field);

    private static RuleResult Compare(Rule rule, Quantity limit, double seconds)
    {
        var actual = limit.InUnit(seconds);
        return new RuleResult(rule, actual > limit.Value ? RuleOutcome.Violated : RuleOutcome.Pass, actual, limit.Value, limit.Unit);
    }

    private static RuleResult Vague(VagueReasonRule rule, string reason) =>
        rule.Phrases.Match(reason) is { } match
            ? new RuleResult(rule, RuleOutcome.Violated, null, null, null, Detail: match.Phrase.Length == 0 ? match.How : $"'{match.Phrase}' ({match.How})")
            : new RuleResult(rule, RuleOutcome.Pass, null, null, null);

    private static RuleResult Personal(PiiInReasonRule rule, string text, DateTimeOffset searchedAt)
    {
        var found = PersonalData.Find(text, searchedAt, rule.Kinds);
        var count = (found.HasFlag(PiiKinds.Plate) ? 1 : 0) + (found.HasFlag(PiiKinds.DateOfBirth) ? 1 : 0);
        return new RuleResult(rule, count > 0 ? RuleOutcome.Violated : RuleOutcome.Pass, count, 0, "kinds", Detail: count > 0 ? PersonalData.Describe(found) : null);
    }

    internal static int? BreadthOf(AlprSearch search, Breadth of) => of == Breadth.Cameras ? search.CamerasSearched : search.NetworksSearched;

    internal static string Unit(Breadth of) => of == Breadth.Cameras ? "cameras" : "networks";

    /// <summary>
    /// Above the breadth, one of the fields must be given; a case number typed into the reason counts
    /// as one. When none is given and the export withholds a listed field, the rule cannot be judged.
    /// </summary>
    private static RuleResult Requires(BreadthRequiresRule rule, AlprSearch search)
    {
        var unit = Unit(rule.Of);
        if (BreadthOf(search, rule.Of) is not { } breadth)
        {
            return NotPublished(rule, unit + "Searched");
        }

        if (breadth <= rule.Above)
        {
            return new RuleResult(rule, RuleOutcome.Pass, breadth, rule.Above, unit);
        }

        foreach (var field in rule.Fields)
        {
            if (!TextFold.IsBlank(search.Text(field)))
            {
                return new RuleResult(rule, RuleOutcome.Pass, breadth, rule.Above, unit, Detail: field.Name());
            }
        }

        if (rule.Fields.Contains(RequestField.CaseNumber) && CaseNumbers.InReason(search.Reason) is not null)
        {
            return new RuleResult(rule, RuleOutcome.Pass, breadth, rule.Above, unit, Detail: "case number in the reason");
        }

        var withheld = rule.Fields.Where(f => search.Text(f) is null).Select(f => f.Name()).ToList();
        return withheld.Count > 0
            ? new RuleResult(rule, RuleOutcome.NotPublished, breadth, rule.Above, unit, Detail: string.Join(", ", withheld))
            : new RuleResult(rule, RuleOutcome.Violated, breadth, rule.Above, unit);
    }

    private static RuleResult Count(MaxRequestsRule rule, AlprSearch search, in SearchKeys keys, SearchHistory history)
    {
        if (rule.Per == CountKey.Requester && keys.Requester is null)
        {
            return NotPublished(rule, "requester");
        }

        if (rule.Per == CountKey.Case && keys.Case is null)
        {
            return search.CaseNumber is null
                ? NotPublished(rule, "caseNumber")
                : new RuleResult(rule, RuleOutcome.Pass, null, null, null, Detail: "no case number");
        }

        var t = search.SearchedAt.UtcTicks;
        var from = t - (long)(rule.Period.BaseValue * TimeSpan.TicksPerSecond);
        var count = history.CountBetween(rule.Per, keys, from, t) + 1;
        return new RuleResult(rule, count > rule.Limit ? RuleOutcome.Violated : RuleOutcome.Pass, count, rule.Limit, Searches);
    }
}
