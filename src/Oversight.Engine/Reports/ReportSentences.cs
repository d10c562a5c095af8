using System.Globalization;

namespace Oversight.Reports;

/// <summary>
/// Page 1 for a reader who reads nothing else: three to five plain sentences made from the
/// published numbers only (never from a withheld count): what changed, why requests were denied,
/// what happened to review and exigent requests, the patterns found, and unusual weeks.
/// </summary>
internal static class ReportSentences
{
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    public static List<string> Write(TransparencyReport report)
    {
        var c = report.Cover;
        var s = report.Summary;
        var sentences = new List<string>();
        switch (c.Mode)
        {
            case ReportMode.NoData:
                sentences.Add($"There is no data for {c.Period}: the input does not reach into this period, so nothing can be said about it.");
                return sentences;
            case ReportMode.Empty:
                sentences.Add($"No requests for camera footage were submitted in {c.Period}.");
                AddCoverage(report, sentences);
                return sentences;
            case ReportMode.TotalOnly:
                sentences.Add(Volume(report));
                sentences.Add("They are too few to break down by week, agency, place or decision without singling out a request, so only their number is published.");
                AddCoverage(report, sentences);
                return sentences;
            case ReportMode.Band:
                sentences.Add($"Fewer than {c.SuppressBelow} requests for camera footage were submitted in {c.Period}. So that no person, place or case can be singled out, this report gives no further detail about them.");
                AddCoverage(report, sentences);
                return sentences;
        }

        sentences.Add(Volume(report));
        sentences.Add(Denials(report));
        if (Review(report) is { } review)
        {
            sentences.Add(review);
        }

        sentences.Add(Findings(report));
        if (Weeks(report) is { } weeks)
        {
            sentences.Add(weeks);
        }

        AddCoverage(report, sentences);
        return sentences;
    }

    private static string Volume(TransparencyReport report)
    {
        var s = report.Summary;
        var sentence = $"Agencies submitted {Count(s.Submitted, "request")} for camera footage in {report.Cover.Period}";
        if (s.SubmittedChange is { } change && s.PreviousSubmitted?.Value is { } before)
        {
            return sentence + (Math.Abs(change) < 0.005
                ? $", about the same as in {s.PreviousPeriod} ({before:N0})."
                : $", {Percent(Math.Abs(change))} {(change > 0 ? "more" : "fewer")} than in {s.PreviousPeriod} ({before:N0}).");
        }

        return sentence + $"; no change is given because {s.ChangeWithheld}.";
    }

    private static string Denials(TransparencyReport report)
    {
        var s = report.Summary;
        if (s.Denied.Value == 0)
        {
            return "No request was denied.";
        }

        var head = s.Denied.Value is { } denied
            ? $"{Count(s.Denied, "request", verb: ("was", "were"))} denied ({Percent(s.ShareDenied ?? 0)})"
            : s.Denied.State == Disclosure.CellState.Small ? $"Fewer than {report.Cover.SuppressBelow} were denied" : "The number denied is withheld to protect small counts";
        var reasons = report.Denials.Where(d => d.Requests.Value is > 0 && d.RuleId != "(exemption)").Take(3)
            .Select(d => $"{Lower(d.Description)} ({d.Requests.Value!.Value:N0})").ToList();
        return reasons.Count == 0 ? head + "." : $"{head}, most often for: {Join(reasons)}.";
    }

    private static string? Review(TransparencyReport report)
    {
        var s = report.Summary;
        var parts = new List<string>();
        if (s.Review.Value is > 0 || s.Review.State == Disclosure.CellState.Small)
        {
            parts.Add($"{Capital(Count(s.Review, "request", verb: ("was", "were")))} sent to a person for review; what the reviewer then decided is not in the decision log");
        }

        var exigent = report.ByLegalBasis.FirstOrDefault(b => b.Key == "exigent");
        if (exigent is not null && exigent.Submitted.Value is not 0)
        {
            var outcomes = new[] { (exigent.Review, "went to review"), (exigent.Allowed, "were allowed"), (exigent.Denied, "were denied") }
                .Where(o => o.Item1.Value is not 0 && !(o.Item1.Suppressed && o.Item1.State == Disclosure.CellState.Withheld))
                .Select(o => $"{Amount(o.Item1)} {o.Item2}")
                .ToList();
            var of = $"of {Count(exigent.Submitted, "exigent (emergency) request")}";
            parts.Add(outcomes.Count == 0 ? $"the outcomes {of} are withheld to protect small counts" : $"{of}, {Join(outcomes)}");
        }

        return parts.Count == 0 ? null : Capital(string.Join("; ", parts)) + ".";
    }

    private static string Findings(TransparencyReport report)
    {
        var s = report.Summary;
        if (s.Findings == 0)
        {
            return "The automatic audit found no pattern across requests that no single request shows.";
        }

        var byKind = report.Findings.GroupBy(f => f.Kind).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Count():N0} {KindWords(g.Key, g.Count())}").ToList();
        var disposed = report.Findings.Where(f => f.Disposition is not null)
            .GroupBy(f => f.Disposition!.Words).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Count():N0} {g.Key}").ToList();
        var open = report.Findings.Count(f => f.Disposition is null);
        var what = disposed.Count == 0
            ? " None has a disposition yet."
            : $" Dispositions: {Join(disposed)}{(open > 0 ? $"; {open:N0} without one yet" : string.Empty)}.";
        return $"The automatic audit found {Join(byKind)}.{what}";
    }

    private static string? Weeks(TransparencyReport report)
    {
        var full = report.Weekly.Where(w => !w.Partial && w.Submitted.Value is not null).ToList();
        if (full.Count < 4)
        {
            return null;
        }

        var totals = full.Select(w => w.Submitted.Value!.Value).Order().ToList();
        var median = totals.Count % 2 == 1 ? totals[totals.Count / 2] : (totals[(totals.Count / 2) - 1] + totals[totals.Count / 2]) / 2.0;
        var busiest = full.OrderByDescending(w => w.Submitted.Value).ThenBy(w => w.WeekStart).First();
        var most = busiest.Submitted.Value!.Value;
        var k = Math.Max(report.Cover.SuppressBelow, 1);
        if (median < k)
        {
            return null;
        }

        if (most >= 1.5 * median && most - median >= k)
        {
            return $"The week of {busiest.FirstDay.ToString("MMM d", Culture)} was unusually busy: {most:N0} requests, {(most / median).ToString("0.0", Culture)} times a typical week ({median.ToString("0.#", Culture)}).";
        }

        return $"Requests were steady through the period: between {totals[0]:N0} and {totals[^1]:N0} in each full week.";
    }

    private static void AddCoverage(TransparencyReport report, List<string> sentences)
    {
        var v = report.Coverage;
        if (v.Period == PeriodCoverage.Partial && ReportTables.Span(report) is { } span)
        {
            sentences.Add($"The input covers only part of this period (its records run from {span}), so counts may be incomplete.");
        }

        if (v.RecordsRejected > 0)
        {
            sentences.Add($"{Capital(ReportOrdinance.Plural(v.RecordsRejected, "record"))} in the input {(v.RecordsRejected == 1 ? "was" : "were")} not a valid request and {(v.RecordsRejected == 1 ? "is" : "are")} not counted; the workbook's Coverage sheet lists why.");
        }
    }

    /// <summary>"12 requests", "1 request", "fewer than 5 requests", "a withheld number of requests".</summary>
    internal static string Count(ReportCount count, string noun, (string One, string Many)? verb = null)
    {
        var (text, many) = count.Value switch
        {
            { } v => (v.ToString("N0", Culture), v != 1),
            null when count.State == Disclosure.CellState.Small => ($"fewer than {count.Threshold}", true),
            _ => ("a withheld number of", true),
        };
        var phrase = $"{text} {noun}{(many ? "s" : string.Empty)}";
        return verb is { } v2 ? $"{phrase} {(many ? v2.Many : v2.One)}" : phrase;
    }

    private static string Amount(ReportCount count) =>
        count.Value is { } v ? v.ToString("N0", Culture) : $"fewer than {count.Threshold}";

    private static string KindWords(string kind, int count) => (kind, count == 1) switch
    {
        ("track", true) => "set of requests that could follow one person's movements",
        ("track", false) => "sets of requests that could follow one person's movements",
        ("split-area", true) => "large area split into small requests",
        ("split-area", false) => "large areas split into small requests",
        ("split-window", true) => "long window split into short requests",
        ("split-window", false) => "long windows split into short requests",
        ("persistent-location", true) => "place watched on many days",
        ("persistent-location", false) => "places watched on many days",
        ("case-fanout", true) => "case spread over many requests",
        ("case-fanout", false) => "cases spread over many requests",
        ("rate-anomaly", _) => count == 1 ? "agency or officer far above its usual rate" : "agencies or officers far above their usual rate",
        _ => kind.Replace('-', ' '),
    };

    private static string Join(IReadOnlyList<string> parts) => parts.Count switch
    {
        0 => string.Empty,
        1 => parts[0],
        _ => string.Join(", ", parts.Take(parts.Count - 1)) + " and " + parts[^1],
    };

    internal static string Percent(double share) => share.ToString(share < 0.1 && share > 0 ? "0.0%" : "0%", Culture);

    private static string Lower(string text) => text.Length == 0 ? text : char.ToLowerInvariant(text[0]) + text[1..];

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
