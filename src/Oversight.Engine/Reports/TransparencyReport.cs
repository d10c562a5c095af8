using NetTopologySuite.Geometries;

namespace Oversight.Reports;

/// <summary>
/// The transparency report for one period and one policy: every number the PDF, the workbook and
/// the web page print, computed once by <see cref="ReportBuilder"/> and already through disclosure
/// control (<see cref="ReportCount"/>): a renderer can print only what may be published.
/// </summary>
/// <remarks>
/// In every mode but <see cref="ReportMode.Full"/>
/// the breakdowns are empty and the distributions null: the period publishes its headline only.
/// </remarks>
public sealed record TransparencyReport
{
    public required ReportCover Cover { get; init; }

    public required ReportCoverage Coverage { get; init; }

    public required ReportSummary Summary { get; init; }

    /// <summary>Three to five plain sentences generated from the published numbers, for page 1.</summary>
    public required IReadOnlyList<string> Highlights { get; init; }

    /// <summary>This period and up to four before it, oldest first.</summary>
    public required IReadOnlyList<TrendPoint> Trend { get; init; }

    public required IReadOnlyList<WeekRow> Weekly { get; init; }

    public required IReadOnlyList<DenialRow> Denials { get; init; }

    public Distribution? Areas { get; init; }

    public Distribution? Windows { get; init; }

    public GeographyBreakdown? Geography { get; init; }

    public required IReadOnlyList<DecisionRow> ByAgency { get; init; }

    /// <summary>True when the table by agency is not published: the findings, which count each agency's requests, would give its small counts away.</summary>
    public bool AgenciesWithheld { get; init; }

    public required IReadOnlyList<DecisionRow> ByLegalBasis { get; init; }

    public required IReadOnlyList<DecisionRow> ByIncidentType { get; init; }

    public required IReadOnlyList<FindingRow> Findings { get; init; }

    public required IReadOnlyList<PolicyVersionRow> Policies { get; init; }

    public required IReadOnlyList<PolicyChange> PolicyChanges { get; init; }

    /// <summary>The rules of the policy in force, in plain words.</summary>
    public required IReadOnlyList<RuleRow> Rulebook { get; init; }

    public required IReadOnlyList<ExemptionRow> Exemptions { get; init; }

    /// <summary>What staff supplied (complaints, sharing, costs, …); null when no notes were given.</summary>
    public ReportNotes? Notes { get; init; }

    /// <summary>Each item the oversight ordinances ask for, with the data, the staff note, or "not provided".</summary>
    public required IReadOnlyList<OrdinanceItem> Ordinance { get; init; }

    public required IReadOnlyList<Definition> Definitions { get; init; }

    public required IReadOnlyList<MethodsSection> Methods { get; init; }

    public required ReportProvenance Provenance { get; init; }

    public required DisclosureSummary Disclosure { get; init; }

    public InternalDetail? Internal { get; init; }
}

/// <summary>What the period publishes.</summary>
public enum ReportMode
{
    /// <summary>Every section, under disclosure control.</summary>
    Full,

    /// <summary>Fewer than suppressBelow requests: only the band ("fewer than 5") is published.</summary>
    Band,

    /// <summary>So few requests that no breakdown can be published without pinning a small count: only the total is published.</summary>
    TotalOnly,

    /// <summary>The input covers the period and holds no request in it.</summary>
    Empty,

    /// <summary>The input does not reach into the period at all.</summary>
    NoData,
}

/// <summary>How much of a period the input holds.</summary>
public enum PeriodCoverage
{
    Full,
    Partial,
    None,
}

/// <summary>The cover: who, which period, and how much the report may publish.</summary>
public sealed record ReportCover(
    string Jurisdiction,
    string PolicyId,
    string Period,
    DateTimeOffset PeriodStart,
    DateTimeOffset PeriodEnd,
    string TimeZone,
    DateTimeOffset GeneratedAt,
    bool Internal,
    int SuppressBelow,
    ReportMode Mode)
{
    /// <summary>True when small counts are suppressed (public report, suppressBelow of 2 or more).</summary>
    public bool Suppresses => !Internal && SuppressBelow > 1;
}

/// <summary>What the input holds: its span, how many records were read and rejected (and why), and whether this period and the one before are covered.</summary>
public sealed record ReportCoverage(
    string Source,
    DateTimeOffset? From,
    DateTimeOffset? To,
    int RecordsRead,
    int RecordsRejected,
    IReadOnlyList<RejectedRecord> Rejected,
    PeriodCoverage Period,
    PeriodCoverage Previous);

/// <summary>
/// The headline numbers as published. Counts are <see cref="ReportCount"/>; shares and the change
/// are null when they would reveal a withheld count or when there is nothing sound to compare with
/// (<see cref="ChangeWithheld"/> says why).
/// </summary>
public sealed record ReportSummary(
    ReportCount Submitted,
    ReportCount Allowed,
    ReportCount Review,
    ReportCount Denied,
    double? ShareDenied,
    string PreviousPeriod,
    ReportCount? PreviousSubmitted,
    double? SubmittedChange,
    string? ChangeWithheld,
    int Agencies,
    double? MedianAreaSqMiles,
    double? MedianWindowHours,
    ReportCount WithCaseNumber,
    ReportCount WithoutCaseNumber,
    double? ShareWithCaseNumber,
    int FindingsHigh,
    int FindingsMedium,
    int FindingsLow)
{
    public int Findings => FindingsHigh + FindingsMedium + FindingsLow;
}

/// <summary>One period of the trend on page 1.</summary>
public sealed record TrendPoint(string Period, PeriodCoverage Coverage, ReportCount Submitted, ReportCount Denied, bool IsCurrent);

/// <summary>One Monday-to-Sunday week (local time) of the period by decision; a partial week has fewer than 7 days in the period.</summary>
public sealed record WeekRow(DateOnly WeekStart, DateOnly FirstDay, DateOnly LastDay, ReportCount Submitted, ReportCount Allowed, ReportCount Review, ReportCount Denied)
{
    public int DaysInPeriod => LastDay.DayNumber - FirstDay.DayNumber + 1;

    public bool Partial => DaysInPeriod < 7;
}

/// <summary>A rule broken by denied requests: how many of them broke it.</summary>
public sealed record DenialRow(string RuleId, string Description, ReportCount Requests);

/// <summary>Requests by a grouping (agency, legal basis, incident type) and decision; medians only for groups of at least suppressBelow with a published total.</summary>
public sealed record DecisionRow(
    string Key,
    string Name,
    ReportCount Submitted,
    ReportCount Allowed,
    ReportCount Review,
    ReportCount Denied,
    double? MedianAreaSqMiles = null,
    double? MedianWindowHours = null);

/// <summary>A histogram of requests over bins of a measure, with the policy's ceiling and floor (when it has them).</summary>
public sealed record Distribution(string Measure, string Unit, double? Limit, double? Floor, IReadOnlyList<DistributionBin> Bins)
{
    /// <summary>Records whose measure the input does not publish (ALPR searches whose export gives no breadth); null when every record has one.</summary>
    public ReportCount? NotPublished { get; init; }
}

/// <summary>Requests with a measure in [From, To); To is null for the open last bin.</summary>
public sealed record DistributionBin(double From, double? To, ReportCount Requests)
{
    /// <summary>True for a measure in whole numbers (cameras, searches): the label names the last whole number in the bin ("1–4" for [1, 5)).</summary>
    public bool Whole { get; init; }

    public string Label => To is { } to
        ? Whole ? (to - 1 <= From ? Count(From) : $"{Count(From)}–{Count(to - 1)}") : $"{Format(From)}–{Format(to)}"
        : $"{(Whole ? Count(From) : Format(From))} or more";

    private static string Count(double value) => value.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);

    private static string Format(double value) => value.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Requests by the area that contains each request's centroid.</summary>
public sealed record GeographyBreakdown(string Source, IReadOnlyList<GeographyRow> Areas, ReportCount Outside, bool HasPopulation);

/// <summary>
/// One area (census tract): its request count, a short map label, its 2020 Census population when
/// the geography file carries one, the rate per 1,000 residents (only beside a published count),
/// and its shape (public boundary, for the map).
/// </summary>
public sealed record GeographyRow(string Id, string Name, string Label, ReportCount Requests, long? Population, double? PerThousand, Geometry Shape);

/// <summary>A finding as the public reads it, with its latest disposition; no request ids, no requester.</summary>
public sealed record FindingRow(
    string Id,
    string Severity,
    string Kind,
    string Pattern,
    string Agency,
    DateOnly FirstSubmitted,
    int Requests,
    string Explanation,
    FindingDisposition? Disposition);

/// <summary>A policy version that decided requests in the period; first and last use are dates, left out when the period is too small to publish.</summary>
public sealed record PolicyVersionRow(string PolicyId, string Version, string Sha256, ReportCount Requests, DateOnly? FirstUsed, DateOnly? LastUsed);

/// <summary>A change of policy version during the period, with <c>policy compare</c>'s verdict when both texts are known.</summary>
public sealed record PolicyChange(string FromVersion, string ToVersion, DateOnly FirstUsed, string Verdict, IReadOnlyList<string> Changes);

/// <summary>A rule of the policy in force: what it allows, in plain words, and what breaking it does.</summary>
public sealed record RuleRow(string Id, string Statement, string Consequence);

/// <summary>An exemption of the policy in force, in plain words.</summary>
public sealed record ExemptionRow(string Id, string Statement);

/// <summary>An item an oversight ordinance asks the report for, and how this report answers it.</summary>
public sealed record OrdinanceItem(string Reference, string Asks, OrdinanceAnswer Answer, string Text);

/// <summary>Where the answer to an ordinance item comes from.</summary>
public enum OrdinanceAnswer
{
    /// <summary>From the data, in the named section.</summary>
    Data,

    /// <summary>From the staff notes.</summary>
    Note,

    /// <summary>Both.</summary>
    DataAndNote,

    /// <summary>Neither the data nor the notes answer it.</summary>
    NotProvided,
}

/// <summary>A term used in the report and what it means.</summary>
public sealed record Definition(string Term, string Meaning);

/// <summary>A heading and its paragraphs on the methods page.</summary>
public sealed record MethodsSection(string Heading, IReadOnlyList<string> Paragraphs);

/// <summary>
/// Where the report came from, for the provenance box at the back: input and policy hashes, the
/// notes' hash, and — when the service made it from a transparency log — the log checkpoint.
/// </summary>
public sealed record ReportProvenance(
    string InputDescription,
    string InputSha256,
    string PolicyId,
    IReadOnlyList<PolicyVersionRow> PolicyVersions,
    string CurrentPolicySha256,
    DateTimeOffset GeneratedAt,
    string? NotesSha256,
    int Dispositions,
    string Producer,
    LogCheckpoint? Checkpoint);

/// <summary>A signed checkpoint of the decision log the report was computed from (tree size, root hash, the signed note).</summary>
public sealed record LogCheckpoint(string Origin, long TreeSize, string RootHash, string SignedNote);

/// <summary>How many counts disclosure control withheld, for the methods page; whether small counts are marked "&lt;5" or printed like the others.</summary>
public sealed record DisclosureSummary(int Cells, int Small, int Withheld, bool SmallMarked = true);

/// <summary>Row-level data for auditors (internal reports only).</summary>
public sealed record InternalDetail(IReadOnlyList<ReportRequest> Requests, IReadOnlyList<string?> RequestAreas, IReadOnlyList<FindingRequestRow> FindingRequests);

/// <summary>One request of one finding.</summary>
public sealed record FindingRequestRow(string FindingId, string Kind, string Severity, string Agency, string RequestId);
