using ClosedXML.Excel;

namespace Oversight.Reports.Xlsx;

public static partial class ReportWorkbook
{
    private static void Weekly(IXLWorksheet sheet, TransparencyReport report, string? note) =>
        SheetTable.Write(
            sheet,
            [
                new("Week starting (Monday)", 22, SheetTable.Date), new("First day in period", 18, SheetTable.Date), new("Last day in period", 18, SheetTable.Date),
                new("Days in period", 14, SheetTable.Whole), new("Submitted", 12, SheetTable.Whole), new("Allowed", 12, SheetTable.Whole), new("Needed review", 15, SheetTable.Whole), new("Denied", 12, SheetTable.Whole),
            ],
            report.Weekly.Select(w => new object?[] { w.WeekStart, w.FirstDay, w.LastDay, w.DaysInPeriod, w.Submitted, w.Allowed, w.Review, w.Denied }),
            note);

    private static void Denials(IXLWorksheet sheet, TransparencyReport report, string? note) =>
        SheetTable.Write(
            sheet,
            [new("Rule", 18), new("What the denied requests broke", 60, Wrap: true), new("Denied requests that broke it", 28, SheetTable.Whole)],
            report.Denials.Select(d => new object?[] { d.RuleId, d.Description, d.Requests }),
            note);

    private static void Distributions(IXLWorksheet sheet, TransparencyReport report, string? note) =>
        SheetTable.Write(
            sheet,
            [new("Measure", 14), new("Unit", 8), new("From", 10, "0.###"), new("Up to (exclusive)", 18, "0.###"), new("Requests", 12, SheetTable.Whole), new("Policy limit", 14, "0.###"), new("Policy floor", 14, "0.###")],
            new[] { report.Areas, report.Windows }.OfType<Distribution>().SelectMany(d => d.Bins.Select(b => new object?[] { d.Measure, d.Unit, b.From, b.To, b.Requests, d.Limit, d.Floor })),
            note);

    private static void Decisions(IXLWorksheet sheet, string first, IReadOnlyList<DecisionRow> rows, bool medians, string? note)
    {
        var columns = new List<Column> { new(first, 30), new("Submitted", 12, SheetTable.Whole), new("Allowed", 12, SheetTable.Whole), new("Needed review", 15, SheetTable.Whole), new("Denied", 12, SheetTable.Whole) };
        if (medians)
        {
            columns.Add(new("Median area (sq mi)", 20, SheetTable.Decimal));
            columns.Add(new("Median window (h)", 18, "0.0"));
            columns.Add(new("Id", 24));
        }

        SheetTable.Write(
            sheet,
            columns,
            rows.Select(r => medians
                ? new object?[] { r.Name, r.Submitted, r.Allowed, r.Review, r.Denied, r.MedianAreaSqMiles, r.MedianWindowHours, r.Key }
                : [r.Name, r.Submitted, r.Allowed, r.Review, r.Denied]),
            note);
    }

    private static void ByGeography(IXLWorksheet sheet, TransparencyReport report, string? note)
    {
        var g = report.Geography;
        var rows = g is null
            ? []
            : g.Areas.Select(a => new object?[] { a.Id, a.Name, a.Requests, a.Population, a.PerThousand })
                .Append(["outside", "Outside the tracts", g.Outside, null, null]);
        SheetTable.Write(
            sheet,
            [new("GEOID", 16), new("Census tract", 18), new("Requests (by area centre)", 24, SheetTable.Whole), new("Residents (2020 Census)", 22, SheetTable.Whole), new("Requests per 1,000 residents", 26, "0.00")],
            rows,
            note);
    }

    private static void Findings(IXLWorksheet sheet, TransparencyReport report, TimeZoneInfo zone) =>
        SheetTable.Write(
            sheet,
            [
                new("Finding", 20), new("Severity", 10), new("Kind", 20), new("Pattern", 34, Wrap: true), new("Agency", 24), new("First request", 14, SheetTable.Date),
                new("Requests", 10, SheetTable.Whole), new("What was found", 80, Wrap: true), new("Latest disposition", 20), new("Disposition note", 50, Wrap: true),
                new("Disposed by", 20), new("Disposed at", 18, SheetTable.DateTime),
            ],
            report.Findings.Select(f => new object?[]
            {
                f.Id, f.Severity, f.Kind, f.Pattern, f.Agency, f.FirstSubmitted, f.Requests, f.Explanation,
                f.Disposition?.Name ?? "none", f.Disposition?.Note, f.Disposition?.By, f.Disposition is { } d ? Local(d.At, zone) : null,
            }));

    private static void Policies(IXLWorksheet sheet, TransparencyReport report, string? note)
    {
        var rows = report.Policies.Select(p => new object?[] { p.PolicyId, p.Version, p.Sha256, p.Requests, p.FirstUsed, p.LastUsed, null })
            .Concat(report.PolicyChanges.Select(c => new object?[] { $"change {c.FromVersion} → {c.ToVersion}", c.ToVersion, null, null, c.FirstUsed, null, $"{c.Verdict}{(c.Changes.Count > 0 ? ": " + string.Join("; ", c.Changes) : string.Empty)}" }));
        SheetTable.Write(
            sheet,
            [new("Policy", 20), new("Version", 10), new("SHA-256", 68), new("Requests decided", 18, SheetTable.Whole), new("First used", 14, SheetTable.Date), new("Last used", 14, SheetTable.Date), new("Compared with the version before", 70, Wrap: true)],
            rows,
            note);
    }

    private static void Rules(IXLWorksheet sheet, TransparencyReport report) =>
        SheetTable.Write(
            sheet,
            [new("Rule or exemption", 20), new("What it requires", 90, Wrap: true), new("If broken", 24)],
            report.Rulebook.Select(r => new object?[] { r.Id, r.Statement, r.Consequence })
                .Concat(report.Exemptions.Select(e => new object?[] { e.Id, e.Statement, "exemption" })));

    private static void Notes(IXLWorksheet sheet, TransparencyReport report) =>
        SheetTable.Write(
            sheet,
            [new("Topic", 34), new("Staff note", 110, Wrap: true)],
            ReportNotes.Topics.Select(t => new object?[] { t.Title, report.Notes?[t.Key] ?? "Not provided." })
                .Prepend(["Prepared by", report.Notes?.PreparedBy ?? (report.Notes is null ? "No notes were given for this period." : "not stated")]));

    private static void Ordinance(IXLWorksheet sheet, TransparencyReport report) =>
        SheetTable.Write(
            sheet,
            [new("Item", 18), new("What is asked", 70, Wrap: true), new("Answered by", 16), new("Answer", 80, Wrap: true)],
            report.Ordinance.Select(o => new object?[] { o.Reference, o.Asks, Answer(o.Answer), o.Text }));

    private static string Answer(OrdinanceAnswer answer) => answer switch
    {
        OrdinanceAnswer.Data => "data",
        OrdinanceAnswer.Note => "staff note",
        OrdinanceAnswer.DataAndNote => "data and staff note",
        _ => "not provided",
    };

    private static void Definitions(IXLWorksheet sheet, TransparencyReport report) =>
        SheetTable.Write(sheet, [new("Term", 24), new("Meaning", 120, Wrap: true)], report.Definitions.Select(d => new object?[] { d.Term, d.Meaning }));

    private static void Methods(IXLWorksheet sheet, TransparencyReport report) =>
        SheetTable.Write(
            sheet,
            [new("Section", 30), new("Text", 140, Wrap: true)],
            report.Methods.SelectMany(m => m.Paragraphs.Where(p => p.Length > 0).Select(p => new object?[] { m.Heading, p }))
                .Concat(ReportTables.Provenance(report).Rows.Select(r => new object?[] { "Provenance: " + r[0], r[1] })));
}
