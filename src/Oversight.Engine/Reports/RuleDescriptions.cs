using Oversight.Policies;
using Oversight.Requests;

namespace Oversight.Reports;

/// <summary>Rules in words a council member reads: "Area larger than 0.5 sq mi".</summary>
internal static class RuleDescriptions
{
    public static string Describe(Rule rule) => rule switch
    {
        MaxAreaRule r => $"Area larger than {r.Limit}",
        MinAreaRule r => $"Area smaller than {r.Limit}",
        MaxWindowRule r => $"Time window longer than {ReportRulebook.Duration(r.Limit)}",
        MinWindowRule r => $"Time window shorter than {ReportRulebook.Duration(r.Limit)}",
        MaxLookbackRule r => $"Footage older than {ReportRulebook.Duration(r.Limit)}",
        NoFutureWindowRule => "Window reaching into the future",
        RequiredRule r => $"No {Field(r.Field)} given",
        MinLengthRule r => $"{Capital(Field(r.Field))} shorter than {r.Limit} characters",
        AllowedValuesRule r => $"{Capital(Field(r.Field))} not one of {string.Join(", ", r.Values.Order(StringComparer.Ordinal))}",
        ForbiddenTermsRule r => $"{Capital(Field(r.Field))} mentions a term the policy forbids",
        MaxRequestsRule r => r.Per == CountKey.Area ? $"More than {r.Limit} requests for one place in {ReportRulebook.Duration(r.Period)}" : $"More than {r.Limit} requests per {Key(r.Per)} in {ReportRulebook.Duration(r.Period)}",
        MaxTotalAreaRule r => $"Combined area per {Key(r.Per)} over {r.Limit} in {ReportRulebook.Duration(r.Period)}",
        MaxTotalWindowRule r => $"Combined time windows per {Key(r.Per)} over {ReportRulebook.Duration(r.Limit)} in {ReportRulebook.Duration(r.Period)}",
        WithinBoundaryRule => "Area outside the permitted boundary",
        VagueReasonRule r => $"{Capital(Field(r.Field))} only a vague phrase",
        MaxBreadthRule r => $"Search over more than {r.Limit:N0} {Oversight.Searches.Audit.SearchAudit.Unit(r.Of)}",
        BreadthRequiresRule r => $"Search over more than {r.Above:N0} {Oversight.Searches.Audit.SearchAudit.Unit(r.Of)} without {string.Join(" or ", r.Fields.Select(Field))}",
        MaxTimeframeRule r => $"Time frame searched longer than {ReportRulebook.Duration(r.Limit)}",
        PiiInReasonRule r => $"Personal data in the {Field(r.Field)}",
        _ => rule.Kind,
    };

    internal static string Field(RequestField field) => field switch
    {
        RequestField.CaseNumber => "case number",
        RequestField.IncidentType => "incident type",
        RequestField.LegalBasis => "legal basis",
        RequestField.OffenseType => "offense type",
        RequestField.SearchType => "search type",
        _ => field.Name(),
    };

    internal static string Key(CountKey key) => key switch
    {
        CountKey.Agency => "agency",
        CountKey.Requester => "officer",
        CountKey.Area => "place",
        CountKey.Case => "case",
        _ => key.ToString(),
    };

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
