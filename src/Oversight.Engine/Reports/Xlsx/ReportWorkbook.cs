using ClosedXML.Excel;

namespace Oversight.Reports.Xlsx;

/// <summary>
/// The report as an Excel workbook for staff, one sheet per table: Summary, Weekly, Denials,
/// Distributions, ByAgency, ByLegalBasis, ByGeography, Findings, Policies, Methods; internal
/// reports add Requests and FindingRequests. Numbers and dates are typed cells; times are local to the policy's time zone.
/// </summary>
public static partial class ReportWorkbook
{
    /// <summary>The sheet names in order, for a public report.</summary>
    public static readonly IReadOnlyList<string> PublicSheets =
        ["Summary", "Weekly", "Denials", "Distributions", "ByAgency", "ByLegalBasis", "ByGeography", "Findings", "Policies", "Methods"];

    public static void Write(TransparencyReport report, Stream output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(report.Cover.TimeZone);
        using var workbook = new XLWorkbook();
        Summary(workbook.Worksheets.Add("Summary"), report, zone);
        Weekly(workbook.Worksheets.Add("Weekly"), report);
        Denials(workbook.Worksheets.Add("Denials"), report);
        Distributions(workbook.Worksheets.Add("Distributions"), report);
        ByAgency(workbook.Worksheets.Add("ByAgency"), report);
        ByLegalBasis(workbook.Worksheets.Add("ByLegalBasis"), report);
        ByGeography(workbook.Worksheets.Add("ByGeography"), report);
        Findings(workbook.Worksheets.Add("Findings"), report, zone);
        Policies(workbook.Worksheets.Add("Policies"), report, zone);
        Methods(workbook.Worksheets.Add("Methods"), report);
        if (report.Internal is { } detail)
        {
            Requests(workbook.Worksheets.Add("Requests"), detail, zone);
            FindingRequests(workbook.Worksheets.Add("FindingRequests"), detail);
        }

        workbook.SaveAs(output);
    }

    private static DateTime Local(DateTimeOffset time, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(time, zone).DateTime;

    private static void Summary(IXLWorksheet sheet, TransparencyReport report, TimeZoneInfo zone)
    {
        var c = report.Cover;
        var s = report.Summary;
        object?[][] rows =
        [
            ["Jurisdiction", c.Jurisdiction, null],
            ["Policy", c.PolicyId, null],
            ["Period", c.Period, null],
            ["Period start", Local(c.PeriodStart, zone), c.TimeZone],
            ["Period end (exclusive)", Local(c.PeriodEnd, zone), c.TimeZone],
            ["Generated at", Local(c.GeneratedAt, zone), c.TimeZone],
            ["Input SHA-256", c.InputSha256, null],
            ["Internal report", c.Internal ? "yes" : "no", c.Internal ? "not for publication" : null],
            ["Small counts shown as", c.SuppressBelow > 1 ? $"<{c.SuppressBelow}" : "not suppressed", null],
            ["Requests submitted", s.Submitted, null],
            ["Allowed", s.Allowed, null],
            ["Needed review", s.Review, null],
            ["Denied", s.Denied, null],
            ["Share denied", s.ShareDenied, "fraction"],
            [$"Requests submitted in {s.PreviousPeriod}", s.PreviousSubmitted, "previous period"],
            [$"Denied in {s.PreviousPeriod}", s.PreviousDenied, "previous period"],
            ["Change in requests submitted", s.SubmittedChange, s.SubmittedChange is null ? "no requests in the previous period" : "fraction"],
            ["Agencies that made requests", s.Agencies, null],
            ["Median area", s.MedianAreaSqMiles, "sq mi"],
            ["Median time window", s.MedianWindowHours, "hours"],
            ["Share with a case number", s.ShareWithCaseNumber, "fraction"],
            ["Findings, high severity", s.FindingsHigh, null],
            ["Findings, medium severity", s.FindingsMedium, null],
            ["Findings, low severity", s.FindingsLow, null],
        ];
        SheetTable.Write(sheet, [new("Item", 36), new("Value", 70), new("Note", 36)], rows);
        var formats = new Dictionary<int, string> { [5] = SheetTable.DateTime, [6] = SheetTable.DateTime, [7] = SheetTable.DateTime, [15] = SheetTable.Share, [18] = SheetTable.Share, [20] = SheetTable.Decimal, [21] = "0.0", [22] = SheetTable.Share };
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
}
