using Oversight.Geo;
using Oversight.History;
using Oversight.Policies;
using Oversight.Requests;
using Oversight.Text;

namespace Oversight.Gate;

public static partial class Gatekeeper
{
    private const string Requests = "requests";

    /// <summary>Judges one rule. Comparisons are strict: max-* is violated above its limit, min-* below.</summary>
    internal static RuleResult Judge(Rule rule, ref Probe probe)
    {
        var request = probe.Request;
        // A switch on the kind is a jump table; a type pattern would test the kinds one by one.
        switch (rule.Code)
        {
            case RuleKind.MaxArea:
                return Compare(rule, ((MaxAreaRule)rule).Limit, request.Area.SquareMetres, above: true);
            case RuleKind.MinArea:
                return MinArea((MinAreaRule)rule, request.Area);
            case RuleKind.MaxWindow:
                return Compare(rule, ((MaxWindowRule)rule).Limit, (request.Window.End - request.Window.Start).TotalSeconds, above: true);
            case RuleKind.MinWindow:
                return Compare(rule, ((MinWindowRule)rule).Limit, (request.Window.End - request.Window.Start).TotalSeconds, above: false);
            case RuleKind.MaxLookback:
                return Compare(rule, ((MaxLookbackRule)rule).Limit, (request.SubmittedAt - request.Window.Start).TotalSeconds, above: true);
            case RuleKind.NoFutureWindow:
                return NoFuture(rule, request);
            case RuleKind.Required:
                return TextRules.Required(rule, request.Text(((RequiredRule)rule).Field));
            case RuleKind.MinLength:
                return TextRules.MinLength((MinLengthRule)rule, request.Text(((MinLengthRule)rule).Field));
            case RuleKind.AllowedValues:
                return TextRules.AllowedValues((AllowedValuesRule)rule, request.Text(((AllowedValuesRule)rule).Field));
            case RuleKind.ForbiddenTerms:
                return TextRules.ForbiddenTerms((ForbiddenTermsRule)rule, request.Text(((ForbiddenTermsRule)rule).Field));
            case RuleKind.MaxRequests:
                return MaxRequests((MaxRequestsRule)rule, ref probe);
            case RuleKind.MaxTotalArea:
                return MaxTotalArea((MaxTotalAreaRule)rule, ref probe);
            case RuleKind.MaxTotalWindow:
                return MaxTotalWindow((MaxTotalWindowRule)rule, ref probe);
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

    /// <summary>Violated when the whole area, or any one part of a MultiPolygon, is below the floor: many tiny parts are not one large area.</summary>
    private static RuleResult MinArea(MinAreaRule rule, RequestArea area)
    {
        var whole = Compare(rule, rule.Limit, area.SquareMetres, above: false);
        if (whole.Outcome == RuleOutcome.Violated || area.Parts == 1)
        {
            return whole;
        }

        var smallest = Compare(rule, rule.Limit, area.SmallestPartSquareMetres, above: false);
        return smallest.Outcome == RuleOutcome.Violated
            ? smallest with { Detail = $"part {area.SmallestPart + 1} of {area.Parts}" }
            : whole;
    }

    private static RuleResult NoFuture(Rule rule, FootageRequest request)
    {
        var hoursAfter = (request.Window.End - request.SubmittedAt).TotalHours;
        return new RuleResult(rule, hoursAfter > 0 ? RuleOutcome.Violated : RuleOutcome.Pass, hoursAfter, 0, "h");
    }

    private static RuleResult MaxRequests(MaxRequestsRule rule, ref Probe probe)
    {
        var request = probe.Request;
        var history = probe.History;
        var (from, to) = Period(request, rule.Period, history);
        int prior;
        string? detail = null;
        if (rule.Per == CountKey.Area)
        {
            var only = probe.Options.OnlyAgency is { } agency ? TextFold.Key(agency) : null;
            prior = history.CountOverlapping(request.Area, from, to, only, probe.Options.Cancellation);
            detail = only is null ? null : OwnAgencyOnly;
        }
        else
        {
            if (rule.Per == CountKey.Case && probe.Keys.Case is null)
            {
                return NotApplicable(rule);
            }

            prior = history.Keyed(rule.Per, probe.Keys, from, to).Count;
        }

        var count = prior + 1;
        return new RuleResult(rule, count > rule.Limit ? RuleOutcome.Violated : RuleOutcome.Pass, count, rule.Limit, Requests, Detail: detail);
    }

    /// <summary>The detail of a <c>per: area</c> count that saw only the caller's own agency.</summary>
    internal const string OwnAgencyOnly = "own agency";

    private static RuleResult MaxTotalArea(MaxTotalAreaRule rule, ref Probe probe)
    {
        var request = probe.Request;
        var history = probe.History;
        if (rule.Per == CountKey.Case && probe.Keys.Case is null)
        {
            return NotApplicable(rule);
        }

        var (from, to) = Period(request, rule.Period, history);
        var prior = history.Keyed(rule.Per, probe.Keys, from, to);
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
            squareMetres = Geometries.UnionAreaSquareMetres(areas, probe.Options.Cancellation);
        }

        var actual = rule.Limit.InUnit(squareMetres);
        return new RuleResult(rule, actual > rule.Limit.Value ? RuleOutcome.Violated : RuleOutcome.Pass, actual, rule.Limit.Value, rule.Limit.Unit, Detail: Count(prior.Count + 1));
    }

    private static RuleResult MaxTotalWindow(MaxTotalWindowRule rule, ref Probe probe)
    {
        var request = probe.Request;
        var history = probe.History;
        if (rule.Per == CountKey.Case && probe.Keys.Case is null)
        {
            return NotApplicable(rule);
        }

        var (from, to) = Period(request, rule.Period, history);
        var prior = history.Keyed(rule.Per, probe.Keys, from, to);
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
