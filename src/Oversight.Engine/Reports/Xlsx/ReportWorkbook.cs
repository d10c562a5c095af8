using ClosedXML.Excel;

namespace Oversight.Reports.Xlsx;

/// <summary>
/// The report as an Excel workbook for staff, one table per sheet (<see cref="PublicSheets"/>);
/// internal reports add Requests and FindingRequests. Counts are numbers, a withheld count is the
/// text "[c]" with a note row under its table; dates are Excel dates in the policy's time zone;
/// long text wraps.
/// </summary>
public static partial class ReportWorkbook
{
    /// <summary>The sheet names in order, for a public report.</summary>
    public static readonly IReadOnlyList<string> PublicSheets =
    [
        "Summary", "Coverage", "Weekly", "Denials", "Distributions", "ByAgency", "ByLegalBasis", "ByIncidentType", "ByGeography",
        "Findings", "Policies", "Rules", "Notes", "Ordinance", "Definitions", "Methods",
    ];

    public static void Write(TransparencyReport report, Stream output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        var zone = ReportTables.Zone(report);
        var note = report.Cover.Suppresses ? SheetTable.ConfidentialNote : null;
        using var workbook = new XLWorkbook();
        Summary(workbook.Worksheets.Add("Summary"), report, zone, note);
        Coverage(workbook.Worksheets.Add("Coverage"), report, zone);
        Weekly(workbook.Worksheets.Add("Weekly"), report, note);
        Denials(workbook.Worksheets.Add("Denials"), report, note);
        Distributions(workbook.Worksheets.Add("Distributions"), report, note);
        Decisions(workbook.Worksheets.Add("ByAgency"), "Agency", report.ByAgency, medians: true, report.AgenciesWithheld ? ReportTables.AgenciesWithheld : note);
        Decisions(workbook.Worksheets.Add("ByLegalBasis"), "Legal basis", report.ByLegalBasis, medians: false, note);
        Decisions(workbook.Worksheets.Add("ByIncidentType"), "Incident type", report.ByIncidentType, medians: false, note);
        ByGeography(workbook.Worksheets.Add("ByGeography"), report, note);
        Findings(workbook.Worksheets.Add("Findings"), report, zone);
        Policies(workbook.Worksheets.Add("Policies"), report, note);
        Rules(workbook.Worksheets.Add("Rules"), report);
        Notes(workbook.Worksheets.Add("Notes"), report);
        Ordinance(workbook.Worksheets.Add("Ordinance"), report);
        Definitions(workbook.Worksheets.Add("Definitions"), report);
        Methods(workbook.Worksheets.Add("Methods"), report);
        if (report.Internal is { } detail)
        {
            Requests(workbook.Worksheets.Add("Requests"), detail, zone);
            FindingRequests(workbook.Worksheets.Add("FindingRequests"), detail);
        }

        workbook.SaveAs(output);
    }

    private static DateTime Local(DateTimeOffset time, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(time, zone).DateTime;

    private static void Summary(IXLWorksheet sheet, TransparencyReport report, TimeZoneInfo zone, string? note)
    {
        var c = report.Cover;
        var s = report.Summary;
        object? Headline(ReportCount count) => c.Mode == ReportMode.NoData ? "no data" : count.State == Disclosure.CellState.Small ? $"fewer than {c.SuppressBelow}" : count;
        List<object?[]> rows =
        [
            ["Jurisdiction", c.Jurisdiction, null],
            ["Policy", c.PolicyId, null],
            ["Period", c.Period, null],
            ["Period start", Local(c.PeriodStart, zone), c.TimeZone],
            ["Period end (exclusive)", Local(c.PeriodEnd, zone), c.TimeZone],
            ["Generated at", Local(c.GeneratedAt, zone), c.TimeZone],
            ["Input SHA-256", report.Provenance.InputSha256, null],
            ["Internal report", c.Internal ? "yes" : "no", c.Internal ? "not for publication" : null],
            ["Small counts", c.Suppresses ? $"1 to {c.SuppressBelow - 1} withheld, with complementary suppression" : "not suppressed", null],
            ["Requests submitted", Headline(s.Submitted), null],
            ["Allowed", s.Allowed, null],
            ["Needed review", s.Review, null],
            ["Denied", s.Denied, null],
            ["Share denied", s.ShareDenied, s.ShareDenied is null ? "not published" : "fraction"],
            [$"Requests submitted in {s.PreviousPeriod}", s.PreviousSubmitted is { } p ? p : "no data", $"previous period, {ReportTables.Coverage(report.Coverage.Previous)}"],
            ["Change in requests submitted", s.SubmittedChange, s.SubmittedChange is null ? $"not given: {s.ChangeWithheld}" : "fraction"],
            ["Agencies that made requests", s.Agencies, null],
            ["Median area", s.MedianAreaSqMiles, "sq mi"],
            ["Median time window", s.MedianWindowHours, "hours"],
            ["Requests with a case number", s.WithCaseNumber, null],
            ["Requests without a case number", s.WithoutCaseNumber, null],
            ["Findings, high severity", s.FindingsHigh, null],
            ["Findings, medium severity", s.FindingsMedium, null],
            ["Findings, low severity", s.FindingsLow, null],
        ];
        rows.AddRange(report.Highlights.Select((h, i) => new object?[] { $"In brief ({i + 1})", h, null }));
        SheetTable.Write(sheet, [new("Item", 36), new("Value", 90, Wrap: true), new("Note", 40, Wrap: true)], rows, note);
        var formats = new Dictionary<int, string> { [5] = SheetTable.DateTime, [6] = SheetTable.DateTime, [7] = SheetTable.DateTime, [15] = SheetTable.Share, [17] = SheetTable.Share, [19] = SheetTable.Decimal, [20] = "0.0" };
        foreach (var (row, format) in formats)
        {
            var cell = sheet.Cell(row, 2);
            if (format.Contains('y', StringComparison.Ordinal))
            {
                cell.Style.DateFormat.Format = format;
            }
            else
            {
                cell.Style.NumberFormat.Format = format;
            }
        }

        sheet.Column(2).Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Left;
    }

    private static void Coverage(IXLWorksheet sheet, TransparencyReport report, TimeZoneInfo zone)
    {
        var v = report.Coverage;
        List<object?[]> rows =
        [
            ["Source", v.Source, null],
            ["Records from", report.Cover.Internal && v.From is { } from ? Local(from, zone) : ReportTables.Span(report) ?? "none", report.Cover.Internal ? report.Cover.TimeZone : "months only: the first and last record are each one request"],
            ["Records to", report.Cover.Internal && v.To is { } to ? Local(to, zone) : null, report.Cover.Internal ? report.Cover.TimeZone : null],
            ["Records read", v.RecordsRead, null],
            ["Records rejected", v.RecordsRejected, "not valid requests: not counted anywhere in the report"],
            [$"Coverage of {report.Cover.Period}", ReportTables.Coverage(v.Period), null],
            [$"Coverage of {report.Summary.PreviousPeriod}", ReportTables.Coverage(v.Previous), "previous period"],
        ];
        rows.AddRange(v.Rejected.Select(r => new object?[] { $"Rejected: line {r.Line}", r.Reason, null }));
        SheetTable.Write(sheet, [new("Item", 30), new("Value", 90, Wrap: true), new("Note", 44, Wrap: true)], rows);
        foreach (var row in new[] { 3, 4 })
        {
            sheet.Cell(row, 2).Style.DateFormat.Format = SheetTable.DateTime;
        }

        sheet.Column(2).Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Left;
    }
}
