using ClosedXML.Excel;

namespace Oversight.Reports.Xlsx;

public static partial class ReportWorkbook
{
    private static void Requests(IXLWorksheet sheet, InternalDetail detail, TimeZoneInfo zone) =>
        SheetTable.Write(
            sheet,
            [
                new("Request", 20), new("Agency", 22), new("Requester", 16), new("Case number", 18), new("Legal basis", 12),
                new("Submitted (local)", 18, SheetTable.DateTime), new("Window (h)", 11, "0.00"), new("Area (sq mi)", 12, "0.0000"),
                new("Centre lon", 12, "0.00000"), new("Centre lat", 12, "0.00000"), new("Decision", 10), new("Rules broken", 40),
                new("Census tract", 16), new("Policy version", 14),
            ],
            detail.Requests.Select((r, i) => new object?[]
            {
                r.Id, r.Agency, r.Requester, r.CaseNumber, Oversight.Requests.LegalBasisNames.Name(r.LegalBasis),
                Local(r.SubmittedAt, zone), r.WindowHours, r.AreaSqMiles, r.CentroidLon, r.CentroidLat,
                Oversight.Gate.OutcomeNames.Name(r.Outcome), string.Join(", ", r.Violated), detail.RequestAreas[i], r.PolicyVersion,
            }));

    private static void FindingRequests(IXLWorksheet sheet, InternalDetail detail) =>
        SheetTable.Write(
            sheet,
            [new("Finding", 20), new("Kind", 20), new("Severity", 10), new("Agency", 22), new("Request", 20)],
            detail.FindingRequests.Select(f => new object?[] { f.FindingId, f.Kind, f.Severity, f.Agency, f.RequestId }));
}
