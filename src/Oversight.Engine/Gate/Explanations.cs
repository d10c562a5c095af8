using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;
using Oversight.Policies;
using Oversight.Requests;

namespace Oversight.Gate;

/// <summary>
/// One sentence per rule result that a person reading the decision understands. The sentence is
/// written straight into UTF-8 (<see cref="TryWrite"/>), so that writing millions of decisions
/// makes no string per rule; <see cref="Message"/> gives it as a string.
/// </summary>
public static class Explanations
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Message(RuleResult result, FootageRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Span<byte> stack = stackalloc byte[512];
        if (TryWrite(stack, result, request, out var written))
        {
            return Encoding.UTF8.GetString(stack[..written]);
        }

        // Only a sentence quoting a long field (many matched terms) gets here.
        for (var size = 2048; ; size *= 4)
        {
            var rented = ArrayPool<byte>.Shared.Rent(size);
            try
            {
                if (TryWrite(rented, result, request, out written))
                {
                    return Encoding.UTF8.GetString(rented, 0, written);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Writes the sentence as UTF-8 into <paramref name="destination"/>; false when it does not fit.</summary>
    public static bool TryWrite(Span<byte> destination, RuleResult result, FootageRequest request, out int written)
    {
        ArgumentNullException.ThrowIfNull(request);
        var prefix = 0;
        if (result.Outcome == RuleOutcome.Waived && !Utf8.TryWrite(destination, Invariant, $"Waived by exemption '{result.WaivedBy}': ", out prefix))
        {
            written = 0;
            return false;
        }

        var ok = Describe(destination[prefix..], result, request, out written);
        written += prefix;
        return ok;
    }

    private static bool Describe(Span<byte> d, RuleResult r, FootageRequest request, out int n)
    {
        var broken = r.Outcome != RuleOutcome.Pass;
        var actual = r.Actual.GetValueOrDefault();
        var limit = r.Limit.GetValueOrDefault();
        var unit = r.Unit;
        switch (r.Rule)
        {
            case MaxAreaRule:
                return broken
                    ? Utf8.TryWrite(d, Invariant, $"Requested area {actual:0.###} {unit} is larger than the {limit:0.###} {unit} limit", out n)
                    : Utf8.TryWrite(d, Invariant, $"Requested area {actual:0.###} {unit} is within the {limit:0.###} {unit} limit", out n);
            case MinAreaRule when r.Detail is { } part:
                return broken
                    ? Utf8.TryWrite(d, Invariant, $"Requested area's {part} is {actual:0.###} {unit}, smaller than the {limit:0.###} {unit} minimum: each part of an area must meet it", out n)
                    : Utf8.TryWrite(d, Invariant, $"Requested area {actual:0.###} {unit} is at least the {limit:0.###} {unit} minimum", out n);
            case MinAreaRule:
                return broken
                    ? Utf8.TryWrite(d, Invariant, $"Requested area {actual:0.###} {unit} is smaller than the {limit:0.###} {unit} minimum", out n)
                    : Utf8.TryWrite(d, Invariant, $"Requested area {actual:0.###} {unit} is at least the {limit:0.###} {unit} minimum", out n);
            case MaxWindowRule:
                return broken
                    ? Utf8.TryWrite(d, Invariant, $"Requested window of {actual:0.###} {unit} is longer than the {limit:0.###} {unit} limit", out n)
                    : Utf8.TryWrite(d, Invariant, $"Requested window of {actual:0.###} {unit} is within the {limit:0.###} {unit} limit", out n);
            case MinWindowRule:
                return broken
                    ? Utf8.TryWrite(d, Invariant, $"Requested window of {actual:0.###} {unit} is shorter than the {limit:0.###} {unit} minimum", out n)
                    : Utf8.TryWrite(d, Invariant, $"Requested window of {actual:0.###} {unit} is at least the {limit:0.###} {unit} minimum", out n);
            case MaxLookbackRule:
                return broken
                    ? Utf8.TryWrite(d, Invariant, $"Footage starts {actual:0.###} {unit} before the request, further back than the {limit:0.###} {unit} limit", out n)
                    : Utf8.TryWrite(d, Invariant, $"Footage starts {actual:0.###} {unit} before the request, within the {limit:0.###} {unit} limit", out n);
            case NoFutureWindowRule:
                return broken
                    ? Utf8.TryWrite(d, Invariant, $"Window ends {actual:0.###} h after the request was submitted; only recorded footage can be requested", out n)
                    : Utf8.TryWrite(d, Invariant, $"Window ends before the request was submitted", out n);
            case RequiredRule q:
                return broken
                    ? Utf8.TryWrite(d, Invariant, $"{q.Field.Name()} is missing", out n)
                    : Utf8.TryWrite(d, Invariant, $"{q.Field.Name()} is present", out n);
            case MinLengthRule m:
                return broken
                    ? Utf8.TryWrite(d, Invariant, $"{m.Field.Name()} has {actual:0.###} {Characters(r.Actual)}, fewer than the {limit:0.###} required", out n)
                    : Utf8.TryWrite(d, Invariant, $"{m.Field.Name()} has {actual:0.###} {Characters(r.Actual)}, at least the {limit:0.###} required", out n);
            case AllowedValuesRule a:
                return r.Detail is null ? Utf8.TryWrite(d, Invariant, $"{a.Field.Name()} is absent, so there is nothing to check", out n)
                    : broken ? Utf8.TryWrite(d, Invariant, $"{a.Field.Name()} '{r.Detail}' is not one of {string.Join(", ", a.Values.Order(StringComparer.Ordinal))}", out n)
                    : Utf8.TryWrite(d, Invariant, $"{a.Field.Name()} '{r.Detail}' is allowed", out n);
            case ForbiddenTermsRule f:
                return broken
                    ? Utf8.TryWrite(d, Invariant, $"{f.Field.Name()} mentions {r.Detail}, which the policy forbids", out n)
                    : Utf8.TryWrite(d, Invariant, $"{f.Field.Name()} mentions none of the forbidden terms", out n);
            case MaxRequestsRule m:
                return r.Actual is null ? NoKey(d, m.Per, out n)
                    : r.Detail == Gatekeeper.OwnAgencyOnly ? Utf8.TryWrite(d, Invariant, $"Counting only your agency's requests (a dry run does not show other agencies'; the submission counts them all): this is request {actual:0.###} overlapping this area within {m.Period.Value:0.####} {m.Period.Unit}, {(broken ? "over" : "within")} the limit of {limit:0.###}", out n)
                    : broken ? Utf8.TryWrite(d, Invariant, $"This is request {actual:0.###} {Whose(m.Per)}{Key(m.Per, request)} within {m.Period.Value:0.####} {m.Period.Unit}, over the limit of {limit:0.###}", out n)
                    : Utf8.TryWrite(d, Invariant, $"This is request {actual:0.###} {Whose(m.Per)}{Key(m.Per, request)} within {m.Period.Value:0.####} {m.Period.Unit}, within the limit of {limit:0.###}", out n);
            case MaxTotalAreaRule t:
                return r.Actual is null ? NoKey(d, t.Per, out n)
                    : broken ? Utf8.TryWrite(d, Invariant, $"Requests {Whose(t.Per)}{Key(t.Per, request)} within {t.Period.Value:0.####} {t.Period.Unit} would cover {actual:0.###} {unit} together ({r.Detail}), over the {limit:0.###} {unit} limit", out n)
                    : Utf8.TryWrite(d, Invariant, $"Requests {Whose(t.Per)}{Key(t.Per, request)} within {t.Period.Value:0.####} {t.Period.Unit} cover {actual:0.###} {unit} together ({r.Detail}), within the {limit:0.###} {unit} limit", out n);
            case MaxTotalWindowRule t:
                return r.Actual is null ? NoKey(d, t.Per, out n)
                    : broken ? Utf8.TryWrite(d, Invariant, $"Requests {Whose(t.Per)}{Key(t.Per, request)} within {t.Period.Value:0.####} {t.Period.Unit} would cover {actual:0.###} {unit} of footage together ({r.Detail}), over the {limit:0.###} {unit} limit", out n)
                    : Utf8.TryWrite(d, Invariant, $"Requests {Whose(t.Per)}{Key(t.Per, request)} within {t.Period.Value:0.####} {t.Period.Unit} cover {actual:0.###} {unit} of footage together ({r.Detail}), within the {limit:0.###} {unit} limit", out n);
            case WithinBoundaryRule b:
                return broken
                    ? Utf8.TryWrite(d, Invariant, $"Only {Percent(r.Actual)} of the requested area lies inside the boundary ({b.BoundaryPath})", out n)
                    : Utf8.TryWrite(d, Invariant, $"The requested area lies inside the boundary ({b.BoundaryPath})", out n);
            default:
                return Utf8.TryWrite(d, Invariant, $"{r.Rule.Kind}: {r.Outcome.Name()}", out n);
        }
    }

    private static string Whose(CountKey per) => per switch
    {
        CountKey.Agency => "by agency ",
        CountKey.Requester => "by requester ",
        CountKey.Case => "for case ",
        CountKey.Area => "overlapping this area",
        _ => string.Empty,
    };

    private static string? Key(CountKey per, FootageRequest request) => per switch
    {
        CountKey.Agency => request.Agency,
        CountKey.Requester => request.Requester,
        CountKey.Case => request.CaseNumber,
        _ => null,
    };

    private static bool NoKey(Span<byte> d, CountKey per, out int n) => per == CountKey.Case
        ? Utf8.TryWrite(d, Invariant, $"The request has no case number, so the per-case limit does not apply", out n)
        : Utf8.TryWrite(d, Invariant, $"The rule does not apply to this request", out n);

    /// <summary>A measured value or limit as the sentences print it: up to three decimals, invariant culture; empty when absent.</summary>
    public static string Number(double? value) => value is { } v ? v.ToString("0.###", Invariant) : string.Empty;

    private static string Characters(double? count) => count == 1 ? "character" : "characters";

    private static string Percent(double? share) => (share ?? 0).ToString("0.#%", Invariant);
}
