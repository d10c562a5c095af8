using NetTopologySuite.Geometries;

namespace Oversight.Reports;

/// <summary>
/// The transparency report for one period and one policy: every number the PDF and the workbook
/// print, computed once by <see cref="ReportBuilder"/>. Breakdown counts are <see cref="ReportCount"/>
/// (suppressed in public reports); totals are exact.
/// </summary>
public sealed record TransparencyReport(
    ReportCover Cover,
    ReportSummary Summary,
    IReadOnlyList<WeekRow> Weekly,
    IReadOnlyList<DenialRow> Denials,
    Distribution Areas,
    Distribution Windows,
    GeographyBreakdown? Geography,
    IReadOnlyList<AgencyRow> ByAgency,
    IReadOnlyList<BasisRow> ByLegalBasis,
    IReadOnlyList<FindingRow> Findings,
    IReadOnlyList<PolicyVersionRow> Policies,
    IReadOnlyList<MethodsSection> Methods,
    InternalDetail? Internal);

/// <summary>The cover: who, which period, made from what, and when.</summary>
public sealed record ReportCover(
    string Jurisdiction,
    string PolicyId,
    string Period,
    DateTimeOffset PeriodStart,
    DateTimeOffset PeriodEnd,
    string TimeZone,
    DateTimeOffset GeneratedAt,
    string InputSha256,
    bool Internal,
    int SuppressBelow);

/// <summary>The headline numbers (all exact) and the change against the previous period of the same length.</summary>
public sealed record ReportSummary(
    int Submitted,
    int Allowed,
    int Review,
    int Denied,
    double ShareDenied,
    string PreviousPeriod,
    int PreviousSubmitted,
    int PreviousDenied,
    int Agencies,
    double? MedianAreaSqMiles,
    double? MedianWindowHours,
    double ShareWithCaseNumber,
    int FindingsHigh,
    int FindingsMedium,
    int FindingsLow)
{
    /// <summary>Change in submitted requests against the previous period, as a fraction; null when that period had none.</summary>
    public double? SubmittedChange => PreviousSubmitted == 0 ? null : (Submitted - PreviousSubmitted) / (double)PreviousSubmitted;

    public int Findings => FindingsHigh + FindingsMedium + FindingsLow;
}

/// <summary>One week (Monday to Sunday, local time): requests by decision; the total is exact.</summary>
public sealed record WeekRow(DateOnly WeekStart, int Submitted, ReportCount Allowed, ReportCount Review, ReportCount Denied);

/// <summary>A rule broken by denied requests: how many of them broke it.</summary>
public sealed record DenialRow(string RuleId, string Description, ReportCount Requests);

/// <summary>A histogram of requests over bins of a measure, with the policy's limit (when it has one).</summary>
public sealed record Distribution(string Measure, string Unit, double? Limit, IReadOnlyList<DistributionBin> Bins);

/// <summary>Requests with a measure in [From, To); To is null for the open last bin.</summary>
public sealed record DistributionBin(double From, double? To, ReportCount Requests)
{
    public string Label => To is { } to ? $"{From:0.###}–{to:0.###}" : $"{From:0.###} or more";
}

/// <summary>Requests by the area that contains each request's centroid.</summary>
public sealed record GeographyBreakdown(string Source, IReadOnlyList<GeographyRow> Areas, ReportCount Outside);

/// <summary>One area (census tract) with its request count and its shape (public boundary, for the map).</summary>
public sealed record GeographyRow(string Id, string Name, ReportCount Requests, Geometry Shape);

/// <summary>An agency's requests by decision; the submitted column is the agency's exact total.</summary>
public sealed record AgencyRow(string Agency, int Submitted, ReportCount Allowed, ReportCount Review, ReportCount Denied, double? MedianAreaSqMiles, double? MedianWindowHours);

/// <summary>Requests by legal basis and decision.</summary>
public sealed record BasisRow(string LegalBasis, ReportCount Submitted, ReportCount Allowed, ReportCount Review, ReportCount Denied);

/// <summary>A finding as the public reads it: no request ids, no requester.</summary>
public sealed record FindingRow(string Severity, string Kind, string Agency, DateTimeOffset FirstSubmittedAt, int Requests, string Explanation);

/// <summary>A policy version that decided requests in the period.</summary>
public sealed record PolicyVersionRow(string PolicyId, string Version, string Sha256, int Requests, DateTimeOffset FirstUsed, DateTimeOffset LastUsed);

/// <summary>A heading and its paragraphs on the methods page.</summary>
public sealed record MethodsSection(string Heading, IReadOnlyList<string> Paragraphs);

/// <summary>Row-level data for auditors (internal reports only).</summary>
public sealed record InternalDetail(IReadOnlyList<ReportRequest> Requests, IReadOnlyList<string?> RequestAreas, IReadOnlyList<FindingRequestRow> FindingRequests);

/// <summary>One request of one finding.</summary>
public sealed record FindingRequestRow(string FindingId, string Kind, string Severity, string Agency, string RequestId);
