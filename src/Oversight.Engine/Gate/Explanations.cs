using System.Globalization;
using Oversight.Policies;
using Oversight.Requests;

namespace Oversight.Gate;

/// <summary>One sentence per rule result that a person reading the decision understands.</summary>
public static class Explanations
{
    public static string Message(RuleResult result, FootageRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var text = Describe(result, request);
        return result.Outcome == RuleOutcome.Waived ? $"Waived by exemption '{result.WaivedBy}': {text}" : text;
    }

    private static string Describe(RuleResult r, FootageRequest request)
    {
        var broken = r.Outcome != RuleOutcome.Pass;
        var actual = Number(r.Actual);
        var limit = $"{Number(r.Limit)} {r.Unit}";
        return r.Rule switch
        {
            MaxAreaRule => broken
                ? $"Requested area {actual} {r.Unit} is larger than the {limit} limit"
                : $"Requested area {actual} {r.Unit} is within the {limit} limit",
            MinAreaRule => broken
                ? $"Requested area {actual} {r.Unit} is smaller than the {limit} minimum"
                : $"Requested area {actual} {r.Unit} is at least the {limit} minimum",
            MaxWindowRule => broken
                ? $"Requested window of {actual} {r.Unit} is longer than the {limit} limit"
                : $"Requested window of {actual} {r.Unit} is within the {limit} limit",
            MinWindowRule => broken
                ? $"Requested window of {actual} {r.Unit} is shorter than the {limit} minimum"
                : $"Requested window of {actual} {r.Unit} is at least the {limit} minimum",
            MaxLookbackRule => broken
                ? $"Footage starts {actual} {r.Unit} before the request, further back than the {limit} limit"
                : $"Footage starts {actual} {r.Unit} before the request, within the {limit} limit",
            NoFutureWindowRule => broken
                ? $"Window ends {actual} h after the request was submitted; only recorded footage can be requested"
                : "Window ends before the request was submitted",
            RequiredRule q => broken ? $"{q.Field.Name()} is missing" : $"{q.Field.Name()} is present",
            MinLengthRule m => broken
                ? $"{m.Field.Name()} has {Characters(r.Actual)}, fewer than the {Number(r.Limit)} required"
                : $"{m.Field.Name()} has {Characters(r.Actual)}, at least the {Number(r.Limit)} required",
            AllowedValuesRule a => r.Detail is null
                ? $"{a.Field.Name()} is absent, so there is nothing to check"
                : broken
                    ? $"{a.Field.Name()} '{r.Detail}' is not one of {string.Join(", ", a.Values.Order(StringComparer.Ordinal))}"
                    : $"{a.Field.Name()} '{r.Detail}' is allowed",
            ForbiddenTermsRule f => broken
                ? $"{f.Field.Name()} mentions {r.Detail}, which the policy forbids"
                : $"{f.Field.Name()} mentions none of the forbidden terms",
            MaxRequestsRule m => r.Actual is null
                ? NoKey(m.Per)
                : broken
                    ? $"This is request {actual} {Whose(m.Per, request)} within {m.Period}, over the limit of {Number(r.Limit)}"
                    : $"This is request {actual} {Whose(m.Per, request)} within {m.Period}, within the limit of {Number(r.Limit)}",
            MaxTotalAreaRule t => r.Actual is null
                ? NoKey(t.Per)
                : broken
                    ? $"Requests {Whose(t.Per, request)} within {t.Period} would cover {actual} {r.Unit} together ({r.Detail}), over the {limit} limit"
                    : $"Requests {Whose(t.Per, request)} within {t.Period} cover {actual} {r.Unit} together ({r.Detail}), within the {limit} limit",
            MaxTotalWindowRule t => r.Actual is null
                ? NoKey(t.Per)
                : broken
                    ? $"Requests {Whose(t.Per, request)} within {t.Period} would cover {actual} {r.Unit} of footage together ({r.Detail}), over the {limit} limit"
                    : $"Requests {Whose(t.Per, request)} within {t.Period} cover {actual} {r.Unit} of footage together ({r.Detail}), within the {limit} limit",
            WithinBoundaryRule b => broken
                ? $"Only {Percent(r.Actual)} of the requested area lies inside the boundary ({b.BoundaryPath})"
                : $"The requested area lies inside the boundary ({b.BoundaryPath})",
            _ => $"{r.Rule.Kind}: {r.Outcome.Name()}",
        };
    }

    private static string Whose(CountKey per, FootageRequest request) => per switch
    {
        CountKey.Agency => $"by agency {request.Agency}",
        CountKey.Requester => $"by requester {request.Requester}",
        CountKey.Case => $"for case {request.CaseNumber}",
        CountKey.Area => "overlapping this area",
        _ => string.Empty,
    };

    private static string NoKey(CountKey per) => per == CountKey.Case
        ? "The request has no case number, so the per-case limit does not apply"
        : "The rule does not apply to this request";

    private static string Characters(double? count) => count == 1 ? "1 character" : $"{Number(count)} characters";

    private static string Percent(double? share) => (share ?? 0).ToString("0.#%", CultureInfo.InvariantCulture);

    /// <summary>A number for reading: at most three decimals, no trailing zeros.</summary>
    public static string Number(double? value) => value is { } v ? v.ToString("0.###", CultureInfo.InvariantCulture) : string.Empty;
}
