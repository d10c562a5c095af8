using Oversight.Geo;
using Oversight.History;
using Oversight.Policies;
using Oversight.Requests;

namespace Oversight.Gate;

public static partial class Gatekeeper
{
    private const string Requests = "requests";

    /// <summary>Judges one rule. Comparisons are strict: max-* is violated above its limit, min-* below.</summary>
    internal static RuleResult Judge(Rule rule, FootageRequest request, RequestHistory history)
    {
        // A switch on the kind is a jump table; a type pattern would test the kinds one by one.
        switch (rule.Code)
        {
            case RuleKind.MaxArea:
                return Compare(rule, ((MaxAreaRule)rule).Limit, request.Area.SquareMetres, above: true);
            case RuleKind.MinArea:
                return Compare(rule, ((MinAreaRule)rule).Limit, request.Area.SquareMetres, above: false);
            case RuleKind.MaxWindow:
                return Compare(rule, ((MaxWindowRule)rule).Limit, (request.Window.End - request.Window.Start).TotalSeconds, above: true);
            case RuleKind.MinWindow:
                return Compare(rule, ((MinWindowRule)rule).Limit, (request.Window.End - request.Window.Start).TotalSeconds, above: false);
            case RuleKind.MaxLookback:
                return Compare(rule, ((MaxLookbackRule)rule).Limit, (request.SubmittedAt - request.Window.Start).TotalSeconds, above: true);
            case RuleKind.NoFutureWindow:
                return NoFuture(rule, request);
            case RuleKind.Required:
                return string.IsNullOrWhiteSpace(request.Text(((RequiredRule)rule).Field))
                    ? new RuleResult(rule, RuleOutcome.Violated, null, null, null, Detail: "missing")
                    : new RuleResult(rule, RuleOutcome.Pass, null, null, null);
            case RuleKind.MinLength:
                return MinLength((MinLengthRule)rule, request);
            case RuleKind.AllowedValues:
                return AllowedValues((AllowedValuesRule)rule, request);
            case RuleKind.ForbiddenTerms:
                return ForbiddenTerms((ForbiddenTermsRule)rule, request);
            case RuleKind.MaxRequests:
                return MaxRequests((MaxRequestsRule)rule, request, history);
            case RuleKind.MaxTotalArea:
                return MaxTotalArea((MaxTotalAreaRule)rule, request, history);
            case RuleKind.MaxTotalWindow:
                return MaxTotalWindow((MaxTotalWindowRule)rule, request, history);
            case RuleKind.WithinBoundary:
                return WithinBoundary((WithinBoundaryRule)rule, request);
            default:
                throw new NotSupportedException($"No evaluator for rule kind '{rule.Kind}'.");
        }
    }

    /// <summary>Compares a measure given in base units (m², seconds) with a limit, reporting both in the limit's unit.</summary>
    private static RuleResult Compare(Rule rule, Quantity limit, double measure, bool above)
    {
        var actual = limit.InUnit(measure);
        var violated = above ? actual > limit.Value : actual < limit.Value;
        return new RuleResult(rule, violated ? RuleOutcome.Violated : RuleOutcome.Pass, actual, limit.Value, limit.Unit);
    }

    private static RuleResult NoFuture(Rule rule, FootageRequest request)
    {
        var hoursAfter = (request.Window.End - request.SubmittedAt).TotalHours;
        return new RuleResult(rule, hoursAfter > 0 ? RuleOutcome.Violated : RuleOutcome.Pass, hoursAfter, 0, "h");
    }

    private static RuleResult MinLength(MinLengthRule rule, FootageRequest request)
    {
        var length = request.Text(rule.Field).AsSpan().Trim().Length;
        return new RuleResult(rule, length < rule.Limit ? RuleOutcome.Violated : RuleOutcome.Pass, length, rule.Limit, "chars");
    }

    private static RuleResult AllowedValues(AllowedValuesRule rule, FootageRequest request)
    {
        var value = request.Text(rule.Field);
        return value is null || rule.Values.Contains(value)
            ? new RuleResult(rule, RuleOutcome.Pass, null, null, null, Detail: value)
            : new RuleResult(rule, RuleOutcome.Violated, null, null, null, Detail: value);
    }

    private static RuleResult ForbiddenTerms(ForbiddenTermsRule rule, FootageRequest request)
    {
        var text = request.Text(rule.Field);
        if (string.IsNullOrEmpty(text) || !rule.Matcher.IsMatch(text))
        {
            return new RuleResult(rule, RuleOutcome.Pass, 0, 0, "terms");
        }

        var found = rule.Matcher.Matches(text);
        return new RuleResult(rule, RuleOutcome.Violated, found.Count, 0, "terms", Detail: string.Join(", ", found));
    }

    private static RuleResult MaxRequests(MaxRequestsRule rule, FootageRequest request, RequestHistory history)
    {
        var (from, to) = Period(request, rule.Period, history);
        int prior;
        if (rule.Per == CountKey.Area)
        {
            prior = history.CountOverlapping(request.Area, from, to);
        }
        else
        {
            if (rule.Per == CountKey.Case && request.CaseNumber is null)
            {
                return NotApplicable(rule);
            }

            prior = history.Keyed(rule.Per, request, from, to).Count;
        }

        var count = prior + 1;
        return new RuleResult(rule, count > rule.Limit ? RuleOutcome.Violated : RuleOutcome.Pass, count, rule.Limit, Requests);
    }

    private static RuleResult MaxTotalArea(MaxTotalAreaRule rule, FootageRequest request, RequestHistory history)
    {
        if (rule.Per == CountKey.Case && request.CaseNumber is null)
        {
            return NotApplicable(rule);
        }

        var (from, to) = Period(request, rule.Period, history);
        var prior = history.Keyed(rule.Per, request, from, to);
        double squareMetres;
        if (prior.Count == 0)
        {
            squareMetres = request.Area.SquareMetres;
        }
        else
        {
            var areas = new List<NetTopologySuite.Geometries.Geometry>(prior.Count + 1);
            foreach (var entry in prior)
            {
                areas.Add(entry.Request.Area.Geometry);
            }

            areas.Add(request.Area.Geometry);
            squareMetres = Geometries.UnionAreaSquareMetres(areas);
        }

        var actual = rule.Limit.InUnit(squareMetres);
        return new RuleResult(rule, actual > rule.Limit.Value ? RuleOutcome.Violated : RuleOutcome.Pass, actual, rule.Limit.Value, rule.Limit.Unit, Detail: Count(prior.Count + 1));
    }

    private static RuleResult MaxTotalWindow(MaxTotalWindowRule rule, FootageRequest request, RequestHistory history)
    {
        if (rule.Per == CountKey.Case && request.CaseNumber is null)
        {
            return NotApplicable(rule);
        }

        var (from, to) = Period(request, rule.Period, history);
        var prior = history.Keyed(rule.Per, request, from, to);
        var seconds = prior.Count == 0 ? (request.Window.End - request.Window.Start).TotalSeconds : UnionSeconds(prior, request);
        var actual = rule.Limit.InUnit(seconds);
        return new RuleResult(rule, actual > rule.Limit.Value ? RuleOutcome.Violated : RuleOutcome.Pass, actual, rule.Limit.Value, rule.Limit.Unit, Detail: Count(prior.Count + 1));
    }

    private static double UnionSeconds(TimeList.Range prior, FootageRequest request)
    {
        var windows = new (long Start, long End)[prior.Count + 1];
        for (var i = 0; i < prior.Count; i++)
        {
            var window = prior[i].Request.Window;
            windows[i] = (window.Start.UtcTicks, window.End.UtcTicks);
        }

        windows[^1] = (request.Window.Start.UtcTicks, request.Window.End.UtcTicks);
        Array.Sort(windows);
        long total = 0, start = windows[0].Start, end = windows[0].End;
        foreach (var (s, e) in windows.AsSpan(1))
        {
            if (s > end)
            {
                total += end - start;
                (start, end) = (s, e);
            }
            else if (e > end)
            {
                end = e;
            }
        }

        total += end - start;
        return TimeSpan.FromTicks(total).TotalSeconds;
    }

    private static RuleResult WithinBoundary(WithinBoundaryRule rule, FootageRequest request)
    {
        // Not the cached outline: a replay keeps every request, and a 64-gon kept for each would double its memory.
        var area = request.Area.Outline();
        if (rule.Boundary.Covers(area))
        {
            return new RuleResult(rule, RuleOutcome.Pass, 1, 1, "share inside");
        }

        var inside = rule.Boundary.Intersects(area)
            ? GeodesicMeasure.AreaSquareMetres(rule.Boundary.Geometry.Intersection(area)) / GeodesicMeasure.AreaSquareMetres(area)
            : 0;
        return new RuleResult(rule, RuleOutcome.Violated, Math.Min(inside, 1), 1, "share inside", Detail: rule.BoundaryPath);
    }

    private static RuleResult NotApplicable(Rule rule) =>
        new(rule, RuleOutcome.Pass, null, null, null, Detail: "no case number");

    private static string Count(int requests) => requests == 1 ? "1 request" : $"{requests} requests";

    /// <summary>
    /// The counting period (t − period, t] in UTC ticks; in an arrival-ordered history every
    /// request already recorded is earlier, so the period is open at the top.
    /// </summary>
    private static (long From, long To) Period(FootageRequest request, Quantity period, RequestHistory history)
    {
        var t = request.SubmittedAt.UtcTicks;
        return (t - (long)(period.BaseValue * TimeSpan.TicksPerSecond), history.ArrivalOrder ? long.MaxValue : t);
    }
}
