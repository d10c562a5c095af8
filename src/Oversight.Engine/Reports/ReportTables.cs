using System.Globalization;

namespace Oversight.Reports;

/// <summary>A column of a printed table: header, share of the width, numbers aligned right.</summary>
public sealed record TableColumn(string Header, float Weight, bool Right = false);

/// <summary>A table as text, the same for the PDF and the web page: columns, rows, the first column naming each row.</summary>
public sealed record TextTable(IReadOnlyList<TableColumn> Columns, IReadOnlyList<string[]> Rows);

/// <summary>
/// Every table of the report as text, made once from the model so that the PDF and the web page
/// print the same cells: counts through <see cref="ReportCount.Text"/>, one date format ("Jul 6, 2026").
/// </summary>
public static class ReportTables
{
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    public static TextTable Summary(TransparencyReport report)
    {
        var s = report.Summary;
        var c = report.Cover;
        var previous = report.Coverage.Previous switch
        {
            PeriodCoverage.None => "no data",
            _ => s.PreviousSubmitted?.Text ?? "no data",
        };
        if (report.Coverage.Previous == PeriodCoverage.Partial)
        {
            previous += " (partial)";
        }

        var full = c.Mode == ReportMode.Full;
        List<string[]> rows =
        [
            ["Requests submitted", c.Mode == ReportMode.NoData ? "no data" : Headline(s.Submitted, c), previous],
        ];
        if (full)
        {
            rows.AddRange(
            [
                ["Allowed", s.Allowed.Text, string.Empty],
                ["Needed review", s.Review.Text, string.Empty],
                ["Denied", s.Denied.Text, string.Empty],
                ["Share denied", s.ShareDenied is { } share ? Percent(share) : "–", string.Empty],
                ["Change in requests", s.SubmittedChange is { } change ? change.ToString("+0.0%;-0.0%;0.0%", Culture) : "–", string.Empty],
                ["Agencies that made requests", N(s.Agencies), string.Empty],
                ["Median area asked for", s.MedianAreaSqMiles is { } a ? $"{a.ToString("0.000", Culture)} sq mi" : "–", string.Empty],
                ["Median time window asked for", s.MedianWindowHours is { } w ? $"{w.ToString("0.0", Culture)} hours" : "–", string.Empty],
                ["With a case number", s.ShareWithCaseNumber is { } cases ? Percent(cases) : $"{s.WithCaseNumber.Text} (without: {s.WithoutCaseNumber.Text})", string.Empty],
            ]);
        }

        rows.Add(["Patterns found (high / medium / low)", $"{s.FindingsHigh} / {s.FindingsMedium} / {s.FindingsLow}", string.Empty]);
        return new([new("Measure", 2.4f), new(c.Period, 1.1f, true), new($"{s.PreviousPeriod} (previous)", 1.3f, true)], rows);
    }

    /// <summary>The period's total as a headline: exact, or the band.</summary>
    public static string Headline(ReportCount count, ReportCover cover) =>
        count.State == Disclosure.CellState.Small ? $"fewer than {cover.SuppressBelow}" : count.Text;

    /// <summary>What the report says instead of the table by agency when it cannot be published.</summary>
    public const string AgenciesWithheld =
        "Not published for this period: the findings count each agency's requests, and together with them the table would give away small counts.";

    public static TextTable Trend(TransparencyReport report) =>
        new(
            [new("Period", 1.2f), new("Coverage", 1.2f), new("Requests", 1, true), new("Denied", 1, true)],
            [.. report.Trend.Select(t => new[]
            {
                t.IsCurrent ? $"{t.Period} (this report)" : t.Period,
                Coverage(t.Coverage),
                t.Coverage == PeriodCoverage.None ? "no data" : t.Submitted.Text,
                t.Coverage == PeriodCoverage.None ? "–" : t.Denied.Text,
            })]);

    public static TextTable Coverage(TransparencyReport report)
    {
        var v = report.Coverage;
        var zone = Zone(report);
        return new(
            [new("Input", 1.3f), new(string.Empty, 3f)],
            [
                ["Source", v.Source],
                ["Records from", Span(report) ?? "none"],
                ["Records read", $"{N(v.RecordsRead)}, of which {N(v.RecordsRejected)} rejected as not valid requests"],
                [$"{report.Cover.Period} (this period)", Coverage(v.Period)],
                [$"{report.Summary.PreviousPeriod} (previous)", Coverage(v.Previous)],
            ]);
    }

    /// <summary>
    /// When the input's records run: "May 2026 to August 2026". Only an internal report gives the
    /// days, since the first and last record are each one request's submission.
    /// </summary>
    public static string? Span(TransparencyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.Coverage.From is not { } from || report.Coverage.To is not { } to)
        {
            return null;
        }

        var zone = Zone(report);
        return report.Cover.Internal
            ? $"{Day(from, zone)} to {Day(to, zone)}"
            : $"{TimeZoneInfo.ConvertTime(from, zone).ToString("MMMM yyyy", Culture)} to {TimeZoneInfo.ConvertTime(to, zone).ToString("MMMM yyyy", Culture)}";
    }

    public static string Coverage(PeriodCoverage coverage) => coverage switch
    {
        PeriodCoverage.Full => "fully covered",
        PeriodCoverage.Partial => "partly covered",
        _ => "not covered",
    };

    public static TextTable Weekly(TransparencyReport report) =>
        new(
            [new("Week", 1.9f), new("Days", 0.6f, true), new("Submitted", 1, true), new("Allowed", 1, true), new("Needed review", 1.2f, true), new("Denied", 1, true)],
            [.. report.Weekly.Select(w => new[] { WeekLabel(w), N(w.DaysInPeriod), w.Submitted.Text, w.Allowed.Text, w.Review.Text, w.Denied.Text })]);

    /// <summary>"Jul 6–12, 2026", with "(partial)" for a week cut by the period.</summary>
    public static string WeekLabel(WeekRow w) =>
        (w.FirstDay.Month == w.LastDay.Month
            ? $"{w.FirstDay.ToString("MMM d", Culture)}–{w.LastDay.Day}, {w.LastDay.Year}"
            : $"{w.FirstDay.ToString("MMM d", Culture)}–{w.LastDay.ToString("MMM d", Culture)}, {w.LastDay.Year}")
        + (w.Partial ? " (partial)" : string.Empty);

    public static TextTable Denials(TransparencyReport report) =>
        new(
            [new("What the denied requests broke", 3.6f), new("Rule", 1.3f), new("Denied requests", 1.2f, true)],
            [.. report.Denials.Select(d => new[] { d.Description, d.RuleId, d.Requests.Text })]);

    public static TextTable Distribution(Distribution distribution) =>
        new(
            [new($"{distribution.Measure} ({distribution.Unit})", 2), new("Requests", 1, true)],
            [.. distribution.Bins.Select(b => new[] { b.Label, b.Requests.Text })]);

    public static TextTable Geography(GeographyBreakdown geography)
    {
        var columns = new List<TableColumn> { new("Census tract", 1.3f), new("GEOID", 1.4f), new("Requests", 1, true) };
        if (geography.HasPopulation)
        {
            columns.Add(new("Residents (2020)", 1.2f, true));
            columns.Add(new("Per 1,000 residents", 1.3f, true));
        }

        var rows = geography.Areas.Select(a => geography.HasPopulation
            ? new[] { a.Name, a.Id, a.Requests.Text, a.Population is { } p ? N((int)p) : "–", a.PerThousand is { } r ? r.ToString("0.0", Culture) : "–" }
            : [a.Name, a.Id, a.Requests.Text]).ToList();
        rows.Add(geography.HasPopulation ? ["Outside the tracts", string.Empty, geography.Outside.Text, string.Empty, string.Empty] : ["Outside the tracts", string.Empty, geography.Outside.Text]);
        return new(columns, rows);
    }

    public static TextTable Decisions(string first, IReadOnlyList<DecisionRow> rows, bool medians)
    {
        var columns = new List<TableColumn> { new(first, 2.2f), new("Submitted", 1, true), new("Allowed", 1, true), new("Needed review", 1.2f, true), new("Denied", 1, true) };
        if (medians)
        {
            columns.Add(new("Median area (sq mi)", 1.3f, true));
            columns.Add(new("Median window (h)", 1.3f, true));
        }

        return new(columns, [.. rows.Select(r =>
        {
            string[] cells = [r.Name, r.Submitted.Text, r.Allowed.Text, r.Review.Text, r.Denied.Text];
            return medians
                ? [.. cells, r.MedianAreaSqMiles is { } a ? a.ToString("0.000", Culture) : "–", r.MedianWindowHours is { } h ? h.ToString("0.0", Culture) : "–"]
                : cells;
        })]);
    }

    public static TextTable Findings(IEnumerable<FindingRow> findings) =>
        new(
            [new("Severity", 0.9f), new("Pattern", 1.5f), new("Agency", 1.3f), new("First request", 1.1f), new("Requests", 0.9f, true), new("What was found", 3.4f), new("Latest disposition", 1.7f)],
            [.. findings.Select(f => new[]
            {
                f.Severity, f.Pattern, f.Agency, Day(f.FirstSubmitted), N(f.Requests), f.Explanation,
                f.Disposition is { } d ? $"{Capital(d.Words)} ({Day(DateOnly.FromDateTime(d.At.UtcDateTime))}, {d.By}){(d.Note is { } note ? ": " + note : string.Empty)}" : "none yet",
            })]);

    public static TextTable Ordinance(TransparencyReport report) =>
        new(
            [new("Item", 1.2f), new("What is asked", 3f), new("Answer", 3f)],
            [.. report.Ordinance.Select(o => new[] { o.Reference, o.Asks, o.Text })]);

    public static TextTable Rules(TransparencyReport report) =>
        new(
            [new("Rule", 1.2f), new("What it requires", 4f), new("If broken", 1.3f)],
            [.. report.Rulebook.Select(r => new[] { r.Id, r.Statement, r.Consequence })]);

    public static TextTable Exemptions(TransparencyReport report) =>
        new([new("Exemption", 1.2f), new("What it does", 5.3f)], [.. report.Exemptions.Select(e => new[] { e.Id, e.Statement })]);

    public static TextTable Policies(TransparencyReport report) =>
        new(
            [new("Policy", 1.3f), new("Version", 0.9f), new("SHA-256 (first 16)", 1.8f), new("Requests", 0.9f, true), new("First used", 1.2f), new("Last used", 1.2f)],
            [.. report.Policies.Select(p => new[] { p.PolicyId, p.Version, p.Sha256[..Math.Min(16, p.Sha256.Length)], p.Requests.Text, p.FirstUsed is { } f ? Day(f) : "–", p.LastUsed is { } l ? Day(l) : "–" })]);

    public static TextTable Changes(TransparencyReport report) =>
        new(
            [new("From", 0.8f), new("To", 0.8f), new("First used", 1.1f), new("Verdict (policy compare)", 2.6f), new("Rules that changed", 3.2f)],
            [.. report.PolicyChanges.Select(p => new[] { p.FromVersion, p.ToVersion, Day(p.FirstUsed), p.Verdict, p.Changes.Count == 0 ? "–" : string.Join("\n", p.Changes) })]);

    public static TextTable Definitions(TransparencyReport report) =>
        new([new("Term", 1.3f), new("Meaning", 5.2f)], [.. report.Definitions.Select(d => new[] { d.Term, d.Meaning })]);

    public static TextTable Provenance(TransparencyReport report)
    {
        var p = report.Provenance;
        var zone = Zone(report);
        List<string[]> rows =
        [
            ["Made from", p.InputDescription],
            ["SHA-256 of the input", p.InputSha256],
            ["Policy", $"{p.PolicyId}, sha256 {p.CurrentPolicySha256}"],
        ];
        rows.AddRange(p.PolicyVersions.Select(v => new[] { $"Version {v.Version} in force", v.Sha256 }));
        rows.Add(["Generated", $"{TimeZoneInfo.ConvertTime(p.GeneratedAt, zone).ToString("MMM d, yyyy HH:mm", Culture)} ({report.Cover.TimeZone})"]);
        rows.Add(["Staff notes", p.NotesSha256 is { } notes ? $"{report.Notes?.Source}, sha256 {notes}" : "none given"]);
        rows.Add(["Finding dispositions on record", N(p.Dispositions)]);
        if (p.Checkpoint is { } checkpoint)
        {
            rows.Add(["Decision log", checkpoint.Origin]);
            rows.Add(["Log tree size", checkpoint.TreeSize.ToString("N0", Culture)]);
            rows.Add(["Log root hash", checkpoint.RootHash]);
            rows.Add(["Signed checkpoint", checkpoint.SignedNote.TrimEnd('\n')]);
        }

        rows.Add(["Made by", p.Producer]);
        return new([new("Provenance", 1.5f), new(string.Empty, 5f)], rows);
    }

    public static TimeZoneInfo Zone(TransparencyReport report) => TimeZoneInfo.FindSystemTimeZoneById(report.Cover.TimeZone);

    public static string N(int value) => value.ToString("N0", Culture);

    public static string Percent(double share) => share.ToString("0.0%", Culture);

    /// <summary>The report's one date format: "Jul 6, 2026".</summary>
    public static string Day(DateOnly date) => date.ToString("MMM d, yyyy", Culture);

    public static string Day(DateTimeOffset time, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(time, zone).ToString("MMM d, yyyy", Culture);

    public static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
