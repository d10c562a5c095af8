using System.Globalization;

namespace Oversight.Reports.Searches;

/// <summary>Every table of the search report as text, made once so that the PDF and the web page print the same cells.</summary>
public static class SearchReportTables
{
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    /// <summary>The audit's outcomes as the report splits them: compliant searches that broke no rule, or only rules noted (warn); needs review; would have been denied.</summary>
    public static readonly string[] Outcomes = ["Broke no rule", "Broke only rules noted (warn)", "Needs review", "Would have been denied"];

    public static TextTable Summary(SearchReport report)
    {
        var s = report.Summary;
        var c = report.Cover;
        var previous = report.Coverage.Previous == PeriodCoverage.None ? "no data" : (s.PreviousSearches?.Text ?? "no data") + (report.Coverage.Previous == PeriodCoverage.Partial ? " (partial)" : string.Empty);
        List<string[]> rows = [["Searches run", c.Mode == ReportMode.NoData ? "no data" : ReportTables.Headline(s.Searches, c), previous]];
        if (c.Mode == ReportMode.Full)
        {
            rows.AddRange(
            [
                ["Broke no rule", s.Clean.Text, string.Empty],
                ["Broke only rules noted (warn)", s.Noted.Text, string.Empty],
                ["Needs review · would have been denied", $"{s.NeedsReview.Text} · {s.WouldHaveBeenDenied.Text}", string.Empty],
                ["Change in searches", s.Change is { } change ? change.ToString("+0.0%;-0.0%;0.0%", Culture) : "–", string.Empty],
                ["Agencies · officer accounts that searched", $"{ReportTables.N(s.Agencies)} · {s.Officers.Text}", string.Empty],
                ["Searches by an unknown (masked) officer", s.UnknownOfficer.Text, string.Empty],
                [$"Median cameras searched · share over {s.WideAbove:N0}", $"{(s.MedianCameras is { } m ? m.ToString("N0", Culture) : "–")} · {Share(s.ShareWide)}", string.Empty],
                [$"Reason only a vague phrase · shorter than {s.ShortBelow} characters", $"{Share(s.ShareVague)} · {Share(s.ShareShort)}", string.Empty],
                ["A case number given", Share(s.ShareWithCase), string.Empty],
                ["Searches by the busiest tenth of officers", Share(s.BusiestTenthShare), string.Empty],
            ]);
        }

        rows.Add(["Patterns found (high / medium / low)", $"{s.FindingsHigh} / {s.FindingsMedium} / {s.FindingsLow}", string.Empty]);
        return new([new("Measure", 2.6f), new(c.Period, 1.1f, true), new($"{s.PreviousPeriod} (previous)", 1.3f, true)], rows);
    }

    public static TextTable Coverage(SearchReport report)
    {
        var v = report.Coverage;
        return new(
            [new("Input", 1.3f), new(string.Empty, 3f)],
            [
                ["Source", v.Source],
                ["Records from", Span(report) ?? "none"],
                ["Records read", $"{ReportTables.N(v.RecordsRead)}, of which {ReportTables.N(v.RecordsRejected)} rejected as not valid searches"],
                [$"{report.Cover.Period} (this period)", ReportTables.Coverage(v.Period)],
                [$"{report.Summary.PreviousPeriod} (previous)", ReportTables.Coverage(v.Previous)],
            ]);
    }

    /// <summary>When the input's records run: months in a public report (the first and last record are each one search), days in an internal one.</summary>
    public static string? Span(SearchReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.Coverage.From is not { } from || report.Coverage.To is not { } to)
        {
            return null;
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(report.Cover.TimeZone);
        return report.Cover.Internal
            ? $"{ReportTables.Day(from, zone)} to {ReportTables.Day(to, zone)}"
            : $"{TimeZoneInfo.ConvertTime(from, zone).ToString("MMMM yyyy", Culture)} to {TimeZoneInfo.ConvertTime(to, zone).ToString("MMMM yyyy", Culture)}";
    }

    public static TextTable Weekly(SearchReport report) =>
        new(
            [new("Week", 1.9f), new("Days", 0.5f, true), new("Searches", 0.9f, true), new(Outcomes[0], 1f, true), new(Outcomes[1], 1.3f, true), new(Outcomes[2], 0.9f, true), new(Outcomes[3], 1.2f, true)],
            [.. report.Weekly.Select(w => new[] { w.Label, ReportTables.N(w.DaysInPeriod), w.Searches.Text, w.Clean.Text, w.Noted.Text, w.Review.Text, w.Denied.Text })]);

    /// <summary>The weekly chart: one colour per outcome.</summary>
    internal static ScottPlot.Plot WeeklyChart(SearchReport report) =>
        Pdf.ReportCharts.Stacked(
            [.. report.Weekly.Select(w => (w.FirstDay, w.Partial, w.Searches, new[] { w.Clean, w.Noted, w.Review, w.Denied }))],
            "Searches",
            [(Outcomes[0], Pdf.Charts.Allowed), (Outcomes[1], Pdf.Charts.Noted), (Outcomes[2], Pdf.Charts.Review), (Outcomes[3], Pdf.Charts.Denied)]);

    public static TextTable Rules(SearchReport report) =>
        new(
            [new("What the rule looks for", 3.2f), new("Rule", 1.3f), new("Broken", 0.9f, true), new("Not published", 1.1f, true), new("Passed", 0.9f, true), new("If broken", 1.3f)],
            [.. report.Rules.Select(r => new[] { r.Description, r.Id, r.Violated.Text, r.NotPublished.Text, r.Passed.Text, r.Consequence })]);

    public static TextTable Reasons(SearchReport report) =>
        new(
            [new("What the reasons show", 3f), new("Searches", 1, true), new("Share", 1, true)],
            [.. report.Reasons.Select(r => new[] { r.Measure, r.Searches.Text, r.Share is { } s ? ReportTables.Percent(s) : "–" })]);

    public static TextTable CommonReasons(SearchReport report) =>
        new(
            [new("Reason (as compared)", 3f), new("Vague", 0.8f), new("Searches", 1, true)],
            [.. report.CommonReasons.Select(r => new[] { r.Reason, r.Vague ? "yes" : "no", r.Searches.Text })]);

    public static TextTable Distribution(Distribution distribution, string counted)
    {
        var rows = distribution.Bins.Select(b => new[] { b.Label, b.Requests.Text }).ToList();
        if (distribution.NotPublished is { } withheld)
        {
            rows.Add(["not published", withheld.Text]);
        }

        return new([new($"{distribution.Measure} ({distribution.Unit})", 2), new(counted, 1, true)], rows);
    }

    public static TextTable Findings(IEnumerable<FindingRow> findings) =>
        new(
            [new("Severity", 0.9f), new("Pattern", 1.5f), new("Agency", 1.3f), new("First search", 1.1f), new("Searches", 0.9f, true), new("What was found", 4.6f)],
            [.. findings.Select(f => new[] { f.Severity, f.Pattern, f.Agency, ReportTables.Day(f.FirstSubmitted), ReportTables.N(f.Requests), f.Explanation })]);

    public static TextTable Rulebook(SearchReport report) =>
        new([new("Rule", 1.2f), new("What it requires", 4f), new("If broken", 1.3f)], [.. report.Rulebook.Select(r => new[] { r.Id, r.Statement, r.Consequence })]);

    public static TextTable Definitions(SearchReport report) =>
        new([new("Term", 1.3f), new("Meaning", 5.2f)], [.. report.Definitions.Select(d => new[] { d.Term, d.Meaning })]);

    public static TextTable Provenance(SearchReport report)
    {
        var p = report.Provenance;
        var zone = TimeZoneInfo.FindSystemTimeZoneById(report.Cover.TimeZone);
        return new(
            [new("Provenance", 1.5f), new(string.Empty, 5f)],
            [
                ["Made from", p.InputDescription],
                ["SHA-256 of the input", p.InputSha256],
                ["Policy", $"{p.PolicyId} {p.PolicyVersions[0].Version}, sha256 {p.CurrentPolicySha256}"],
                ["Generated", $"{TimeZoneInfo.ConvertTime(p.GeneratedAt, zone).ToString("MMM d, yyyy HH:mm", Culture)} ({report.Cover.TimeZone})"],
                ["Staff notes", p.NotesSha256 is { } notes ? $"{report.Notes?.Source}, sha256 {notes}" : "none given"],
                ["Made by", p.Producer],
            ]);
    }

    private static string Share(double? share) => share is { } s ? ReportTables.Percent(s) : "–";
}
