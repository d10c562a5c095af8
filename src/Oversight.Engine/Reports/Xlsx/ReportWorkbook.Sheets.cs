using ClosedXML.Excel;

namespace Oversight.Reports.Xlsx;

public static partial class ReportWorkbook
{
    private static void Weekly(IXLWorksheet sheet, TransparencyReport report) =>
        SheetTable.Write(
            sheet,
            [new("Week starting (Monday)", 22, SheetTable.Date), new("Submitted", 12, SheetTable.Whole), new("Allowed", 12, SheetTable.Whole), new("Needed review", 15, SheetTable.Whole), new("Denied", 12, SheetTable.Whole)],
            report.Weekly.Select(w => new object?[] { w.WeekStart, w.Submitted, w.Allowed, w.Review, w.Denied }));

    private static void Denials(IXLWorksheet sheet, TransparencyReport report) =>
        SheetTable.Write(
            sheet,
            [new("Rule", 18), new("What it forbids", 60), new("Denied requests that broke it", 28, SheetTable.Whole)],
            report.Denials.Select(d => new object?[] { d.RuleId, d.Description, d.Requests }));

    private static void Distributions(IXLWorksheet sheet, TransparencyReport report) =>
        SheetTable.Write(
            sheet,
            [new("Measure", 14), new("Unit", 8), new("From", 10, "0.###"), new("Up to (exclusive)", 18, "0.###"), new("Requests", 12, SheetTable.Whole), new("Policy limit", 14, "0.###")],
            new[] { report.Areas, report.Windows }.SelectMany(d => d.Bins.Select(b => new object?[] { d.Measure, d.Unit, b.From, b.To, b.Requests, d.Limit })));

    private static void ByAgency(IXLWorksheet sheet, TransparencyReport report) =>
        SheetTable.Write(
            sheet,
            [new("Agency", 26), new("Submitted", 12, SheetTable.Whole), new("Allowed", 12, SheetTable.Whole), new("Needed review", 15, SheetTable.Whole), new("Denied", 12, SheetTable.Whole), new("Median area (sq mi)", 20, SheetTable.Decimal), new("Median window (h)", 18, "0.0")],
            report.ByAgency.Select(a => new object?[] { a.Agency, a.Submitted, a.Allowed, a.Review, a.Denied, a.MedianAreaSqMiles, a.MedianWindowHours }));

    private static void ByLegalBasis(IXLWorksheet sheet, TransparencyReport report) =>
        SheetTable.Write(
            sheet,
            [new("Legal basis", 16), new("Submitted", 12, SheetTable.Whole), new("Allowed", 12, SheetTable.Whole), new("Needed review", 15, SheetTable.Whole), new("Denied", 12, SheetTable.Whole)],
            report.ByLegalBasis.Select(b => new object?[] { b.LegalBasis, b.Submitted, b.Allowed, b.Review, b.Denied }));

    private static void ByGeography(IXLWorksheet sheet, TransparencyReport report)
    {
        var rows = report.Geography is { } g
            ? g.Areas.Select(a => new object?[] { a.Id, a.Name, a.Requests }).Append(["outside", "Outside the tracts", g.Outside])
            : [];
        SheetTable.Write(sheet, [new("GEOID", 16), new("Census tract", 18), new("Requests (by area centre)", 24, SheetTable.Whole)], rows);
    }

    private static void Findings(IXLWorksheet sheet, TransparencyReport report, TimeZoneInfo zone) =>
        SheetTable.Write(
            sheet,
            [new("Severity", 10), new("Kind", 20), new("Agency", 22), new("First request", 18, SheetTable.DateTime), new("Requests", 10, SheetTable.Whole), new("What was found", 100)],
            report.Findings.Select(f => new object?[] { f.Severity, f.Kind, f.Agency, Local(f.FirstSubmittedAt, zone), f.Requests, f.Explanation }));

    private static void Policies(IXLWorksheet sheet, TransparencyReport report, TimeZoneInfo zone) =>
        SheetTable.Write(
            sheet,
            [new("Policy", 16), new("Version", 10), new("SHA-256", 68), new("Requests decided", 18, SheetTable.Whole), new("First used", 18, SheetTable.DateTime), new("Last used", 18, SheetTable.DateTime)],
            report.Policies.Select(p => new object?[] { p.PolicyId, p.Version, p.Sha256, p.Requests, Local(p.FirstUsed, zone), Local(p.LastUsed, zone) }));

    private static void Methods(IXLWorksheet sheet, TransparencyReport report)
    {
        SheetTable.Write(
            sheet,
            [new("Section", 26), new("Text", 140)],
            report.Methods.SelectMany(m => m.Paragraphs.Select(p => new object?[] { m.Heading, p })));
        sheet.Column(2).Style.Alignment.WrapText = true;
    }
}
