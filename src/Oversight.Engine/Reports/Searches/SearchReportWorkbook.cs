using ClosedXML.Excel;
using Oversight.Gate;
using Oversight.Reports.Xlsx;
using Oversight.Searches.Audit;

namespace Oversight.Reports.Searches;

/// <summary>
/// The search report as an Excel workbook, one table per sheet (<see cref="PublicSheets"/>): counts as
/// numbers, a withheld count as "[c]" with a note under its table, dates as dates. Internal reports add
/// Searches (every search with its officer account and rules) and FindingSearches.
/// </summary>
public static class SearchReportWorkbook
{
    public static readonly IReadOnlyList<string> PublicSheets =
        ["Summary", "Coverage", "Weekly", "Rules", "Reasons", "CommonReasons", "Breadth", "Officers", "Findings", "PolicyRules", "Definitions", "Methods"];

    public static void Write(SearchReport report, Stream output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        var note = report.Cover.Suppresses ? SheetTable.ConfidentialNote : null;
        var zone = TimeZoneInfo.FindSystemTimeZoneById(report.Cover.TimeZone);
        using var workbook = new XLWorkbook();
        var s = report.Summary;
        var c = report.Cover;
        object? Headline(ReportCount count) => c.Mode == ReportMode.NoData ? "no data" : count.State == Disclosure.CellState.Small ? $"fewer than {c.SuppressBelow}" : count;
        SheetTable.Write(
            workbook.Worksheets.Add("Summary"),
            [new("Item", 40), new("Value", 90, Wrap: true), new("Note", 36, Wrap: true)],
            [
                ["Jurisdiction", c.Jurisdiction, null],
                ["Policy", c.PolicyId, null],
                ["Period", c.Period, null],
                ["Period start", TimeZoneInfo.ConvertTime(c.PeriodStart, zone).DateTime, c.TimeZone],
                ["Period end (exclusive)", TimeZoneInfo.ConvertTime(c.PeriodEnd, zone).DateTime, c.TimeZone],
                ["Generated at", TimeZoneInfo.ConvertTime(c.GeneratedAt, zone).DateTime, c.TimeZone],
                ["Input SHA-256", report.Provenance.InputSha256, null],
                ["Internal report", c.Internal ? "yes" : "no", c.Internal ? "not for publication" : null],
                ["Searches run", Headline(s.Searches), null],
                ["Broke no rule", s.Clean, "compliant"],
                ["Broke only rules noted (warn)", s.Noted, "compliant: warn rules never change the outcome"],
                ["Needs review", s.NeedsReview, null],
                ["Would have been denied", s.WouldHaveBeenDenied, null],
                ["Broke at least one rule (any action)", s.BrokeARule, null],
                [$"Searches in {s.PreviousPeriod}", s.PreviousSearches is { } p ? p : "no data", ReportTables.Coverage(report.Coverage.Previous)],
                ["Change in searches", s.Change, s.Change is null ? $"not given: {s.ChangeWithheld}" : "fraction"],
                ["Agencies", s.Agencies, null],
                ["Officer accounts that searched", s.Officers, null],
                ["Searches by an unknown (masked) officer", s.UnknownOfficer, null],
                ["Median cameras searched", s.MedianCameras, null],
                [$"Share over {s.WideAbove:N0} cameras", s.ShareWide, "fraction"],
                ["Share with only a vague reason", s.ShareVague, "fraction"],
                [$"Share with a reason shorter than {s.ShortBelow} characters", s.ShareShort, "fraction"],
                ["Share with a case number", s.ShareWithCase, "fraction"],
                ["Share of searches by the busiest tenth of officers", s.BusiestTenthShare, "fraction"],
                ["Findings, high / medium / low", $"{s.FindingsHigh} / {s.FindingsMedium} / {s.FindingsLow}", null],
                .. report.Highlights.Select((h, i) => new object?[] { $"In brief ({i + 1})", h, null }),
            ],
            note);
        SheetTable.Write(workbook.Worksheets.Add("Coverage"), [new("Item", 30), new("Value", 90, Wrap: true)], SearchReportTables.Coverage(report).Rows.Select(r => new object?[] { r[0], r[1] }));
        SheetTable.Write(
            workbook.Worksheets.Add("Weekly"),
            [new("Week starting", 14, SheetTable.Date), new("First day", 12, SheetTable.Date), new("Last day", 12, SheetTable.Date), new("Searches", 11, SheetTable.Whole), new("Broke no rule", 14, SheetTable.Whole), new("Broke only rules noted (warn)", 26, SheetTable.Whole), new("Needs review", 13, SheetTable.Whole), new("Would have been denied", 22, SheetTable.Whole)],
            report.Weekly.Select(w => new object?[] { w.WeekStart, w.FirstDay, w.LastDay, w.Searches, w.Clean, w.Noted, w.Review, w.Denied }),
            note);
        SheetTable.Write(
            workbook.Worksheets.Add("Rules"),
            [new("Rule", 18), new("What it looks for", 50, Wrap: true), new("If broken", 22), new("Broken", 10, SheetTable.Whole), new("Not published", 14, SheetTable.Whole), new("Passed", 10, SheetTable.Whole)],
            report.Rules.Select(r => new object?[] { r.Id, r.Description, r.Consequence, r.Violated, r.NotPublished, r.Passed }),
            note);
        SheetTable.Write(
            workbook.Worksheets.Add("Reasons"),
            [new("Measure", 40), new("Searches", 11, SheetTable.Whole), new("Share", 10, SheetTable.Share)],
            report.Reasons.Select(r => new object?[] { r.Measure, r.Searches, r.Share }),
            note);
        SheetTable.Write(
            workbook.Worksheets.Add("CommonReasons"),
            [new("Reason (as compared)", 50, Wrap: true), new("Vague", 8), new("Searches", 11, SheetTable.Whole)],
            report.CommonReasons.Select(r => new object?[] { r.Reason, r.Vague ? "yes" : "no", r.Searches }),
            note);
        Bins(workbook.Worksheets.Add("Breadth"), report.Breadth, "Searches", note);
        Bins(workbook.Worksheets.Add("Officers"), report.Officers, "Officers", note);
        SheetTable.Write(
            workbook.Worksheets.Add("Findings"),
            [new("Id", 20), new("Severity", 10), new("Kind", 16), new("Pattern", 32), new("Agency", 24), new("First search", 13, SheetTable.Date), new("Searches", 10, SheetTable.Whole), new("What was found", 90, Wrap: true)],
            report.Findings.Select(f => new object?[] { f.Id, f.Severity, f.Kind, f.Pattern, f.Agency, f.FirstSubmitted, f.Requests, f.Explanation }));
        SheetTable.Write(workbook.Worksheets.Add("PolicyRules"), [new("Rule", 18), new("What it requires", 90, Wrap: true), new("If broken", 22)], report.Rulebook.Select(r => new object?[] { r.Id, r.Statement, r.Consequence }));
        SheetTable.Write(workbook.Worksheets.Add("Definitions"), [new("Term", 24), new("Meaning", 100, Wrap: true)], report.Definitions.Select(d => new object?[] { d.Term, d.Meaning }));
        SheetTable.Write(workbook.Worksheets.Add("Methods"), [new("Section", 24), new("Text", 120, Wrap: true)], report.Methods.SelectMany(m => m.Paragraphs.Where(p => p.Length > 0).Select(p => new object?[] { m.Heading, p })));
        if (report.Internal is { } rows)
        {
            SheetTable.Write(
                workbook.Worksheets.Add("Searches"),
                [new("Search id", 38), new("Agency", 18), new("Officer", 38), new("Searched at", 18, SheetTable.DateTime), new("Audit", 22), new("Cameras", 10, SheetTable.Whole), new("Networks", 10, SheetTable.Whole), new("Rules broken", 40, Wrap: true), new("Not published", 30, Wrap: true)],
                rows.Select(r => new object?[] { r.Id, r.Agency, r.Requester ?? "(unknown)", TimeZoneInfo.ConvertTime(r.SearchedAt, zone).DateTime, r.Outcome.AuditWords(), r.Cameras, r.Networks, string.Join(", ", r.Violated), string.Join(", ", r.NotPublished) }));
            SheetTable.Write(
                workbook.Worksheets.Add("FindingSearches"),
                [new("Finding", 20), new("Kind", 16), new("Severity", 10), new("Agency", 18), new("Search id", 38)],
                (report.FindingSearches ?? []).Select(f => new object?[] { f.FindingId, f.Kind, f.Severity, f.Agency, f.RequestId }));
        }

        workbook.SaveAs(output);
    }

    private static void Bins(IXLWorksheet sheet, Distribution? distribution, string counted, string? note)
    {
        if (distribution is null)
        {
            SheetTable.Write(sheet, [new("Note", 60)], [["Not published for this period."]]);
            return;
        }

        var rows = distribution.Bins.Select(b => new object?[] { b.Label, b.From, b.To, b.Requests }).ToList();
        if (distribution.NotPublished is { } withheld)
        {
            rows.Add(["not published", null, null, withheld]);
        }

        SheetTable.Write(
            sheet,
            [new($"{distribution.Measure} ({distribution.Unit})", 26), new("From", 10, SheetTable.Whole), new("Up to (not including)", 20, SheetTable.Whole), new(counted, 11, SheetTable.Whole)],
            rows,
            note);
    }
}
