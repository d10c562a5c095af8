using System.Globalization;
using Oversight.Gate;
using Oversight.Policies;
using Oversight.Requests;

namespace Oversight.Searches.Audit;

/// <summary>
/// One sentence per rule result of a search audit. A sentence never repeats the reason's text (it
/// can hold a plate or a date of birth); it names the phrase or the kind of data found instead.
/// </summary>
public static class SearchExplanations
{
    public static string Message(RuleResult r, AlprSearch search)
    {
        ArgumentNullException.ThrowIfNull(search);
        var text = Describe(r, search);
        return r.Outcome == RuleOutcome.Waived ? $"Waived by exemption '{r.WaivedBy}': {text}" : text;
    }

    private static string Describe(RuleResult r, AlprSearch search)
    {
        var broken = r.Outcome is RuleOutcome.Violated or RuleOutcome.Waived;
        if (r.Outcome == RuleOutcome.NotPublished && r.Rule is not BreadthRequiresRule)
        {
            return $"Not published: the export does not give the {r.Detail}, so this rule cannot be judged";
        }

        var actual = Explanations.Number(r.Actual);
        return r.Rule switch
        {
            RequiredRule q => broken ? $"{q.Field.Name()} is missing" : $"{q.Field.Name()} is given",
            MinLengthRule m => broken
                ? $"{m.Field.Name()} has {actual} characters, fewer than the {Explanations.Number(r.Limit)} required"
                : $"{m.Field.Name()} has {actual} characters, at least the {Explanations.Number(r.Limit)} required",
            AllowedValuesRule a => r.Detail is null
                ? $"{a.Field.Name()} is blank, so there is nothing to check"
                : broken
                    ? $"{a.Field.Name()} '{r.Detail}' is not one of {string.Join(", ", a.Values.Order(StringComparer.Ordinal))}"
                    : $"{a.Field.Name()} '{r.Detail}' is allowed",
            ForbiddenTermsRule f => broken
                ? $"{f.Field.Name()} mentions {r.Detail}, which the policy forbids"
                : $"{f.Field.Name()} mentions none of the forbidden terms",
            VagueReasonRule v => broken
                ? r.Detail == "says nothing"
                    ? $"The {v.Field.Name()} says nothing: no word is left once filler and punctuation are set aside"
                    : $"The {v.Field.Name()} is only the vague phrase {r.Detail}: it does not say why this search was needed"
                : $"The {v.Field.Name()} says more than a vague phrase",
            PiiInReasonRule p => broken
                ? $"The {p.Field.Name()} holds what looks like {r.Detail}; personal data belongs in the case file, not in a public log"
                : $"The {p.Field.Name()} holds nothing that looks like personal data",
            MaxBreadthRule => broken
                ? $"The search ran over {Whole(r.Actual)} {r.Unit}, more than the limit of {Whole(r.Limit)}"
                : $"The search ran over {Whole(r.Actual)} {r.Unit}, within the limit of {Whole(r.Limit)}",
            BreadthRequiresRule b => Requires(b, r),
            MaxTimeframeRule => broken
                ? $"The time frame searched spans {actual} {r.Unit}, longer than the {Explanations.Number(r.Limit)} {r.Unit} limit"
                : $"The time frame searched spans {actual} {r.Unit}, within the {Explanations.Number(r.Limit)} {r.Unit} limit",
            MaxLookbackRule => broken
                ? $"The time frame starts {actual} {r.Unit} before the search, further back than the {Explanations.Number(r.Limit)} {r.Unit} limit"
                : $"The time frame starts {actual} {r.Unit} before the search, within the {Explanations.Number(r.Limit)} {r.Unit} limit",
            MaxRequestsRule m => r.Actual is null
                ? "The search has no case number, so the per-case limit does not apply"
                : $"This is search {actual} {Whose(m.Per, search)} within {m.Period}, {(broken ? "over" : "within")} the limit of {Explanations.Number(r.Limit)}",
            _ => $"{r.Rule.Kind}: {r.Outcome.Name()}",
        };
    }

    private static string Requires(BreadthRequiresRule rule, RuleResult r)
    {
        var wide = $"The search ran over {Whole(r.Actual)} {r.Unit}";
        var fields = string.Join(" or ", rule.Fields.Select(f => f.Name()));
        return r.Outcome switch
        {
            RuleOutcome.NotPublished when r.Actual is null => $"Not published: the export does not give the {r.Detail}, so this rule cannot be judged",
            RuleOutcome.NotPublished => $"{wide}, more than {Whole(r.Limit)}; the export does not give the {r.Detail}, so whether one was given cannot be judged",
            RuleOutcome.Pass when r.Detail is null => $"{wide}, not more than {Whole(r.Limit)}: no {fields} is needed",
            RuleOutcome.Pass => $"{wide}, more than {Whole(r.Limit)}, with a {Named(r.Detail)}",
            _ => $"{wide}, more than {Whole(r.Limit)}, with no {fields}",
        };
    }

    private static string Named(string detail) => detail switch
    {
        "caseNumber" => "case number",
        "offenseType" => "offense type",
        "searchType" => "search type",
        _ => detail,
    };

    private static string Whose(CountKey per, AlprSearch search) => per switch
    {
        CountKey.Agency => $"by agency {search.Agency}",
        CountKey.Requester => $"by officer {search.Requester}",
        CountKey.Case => "for this case",
        _ => string.Empty,
    };

    private static string Whole(double? value) => value is { } v ? v.ToString("N0", CultureInfo.InvariantCulture) : string.Empty;
}
