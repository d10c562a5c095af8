namespace Oversight.Reports.Searches;

/// <summary>
/// The transparency report of an agency's licence-plate-reader searches for one period: every number
/// the PDF, the workbook and the web page print, computed once by <see cref="SearchReportBuilder"/>
/// and already through disclosure control. No officer id appears in it; officers are counted, never named.
/// </summary>
public sealed record SearchReport
{
    public required ReportCover Cover { get; init; }

    public required ReportCoverage Coverage { get; init; }

    public required SearchSummary Summary { get; init; }

    /// <summary>Plain sentences for page 1, made from the published numbers only.</summary>
    public required IReadOnlyList<string> Highlights { get; init; }

    /// <summary>Searches each local week by audit outcome.</summary>
    public required IReadOnlyList<SearchWeekRow> Weekly { get; init; }

    /// <summary>Each rule of the policy: searches that broke it, that it could not judge (not published), that passed.</summary>
    public required IReadOnlyList<SearchRuleRow> Rules { get; init; }

    /// <summary>What the reasons show: not published, blank, short, vague, with a case number, with personal data.</summary>
    public required IReadOnlyList<ReasonRow> Reasons { get; init; }

    /// <summary>The reasons given most often (each by at least the small-count threshold of searches, none holding personal data), as compared: folded words.</summary>
    public required IReadOnlyList<CommonReason> CommonReasons { get; init; }

    /// <summary>Searches by how many cameras they ran over, with the policy's limit; null when no search publishes it.</summary>
    public Distribution? Breadth { get; init; }

    /// <summary>Known officers by how many searches each ran in the period (the bins count officers, not searches).</summary>
    public Distribution? Officers { get; init; }

    public required IReadOnlyList<FindingRow> Findings { get; init; }

    public required IReadOnlyList<RuleRow> Rulebook { get; init; }

    public ReportNotes? Notes { get; init; }

    public required IReadOnlyList<Definition> Definitions { get; init; }

    public required IReadOnlyList<MethodsSection> Methods { get; init; }

    public required ReportProvenance Provenance { get; init; }

    public required DisclosureSummary Disclosure { get; init; }

    /// <summary>Row-level data for auditors (internal reports only): every search of the period with its officer.</summary>
    public IReadOnlyList<SearchReportRow>? Internal { get; init; }

    /// <summary>The searches of each finding (internal reports only).</summary>
    public IReadOnlyList<FindingRequestRow>? FindingSearches { get; init; }
}

/// <summary>The headline numbers as published; shares are null where they would rest on a withheld count.</summary>
public sealed record SearchSummary(
    ReportCount Searches,
    ReportCount Clean,
    ReportCount Noted,
    ReportCount NeedsReview,
    ReportCount WouldHaveBeenDenied,
    ReportCount BrokeARule,
    string PreviousPeriod,
    ReportCount? PreviousSearches,
    double? Change,
    string? ChangeWithheld,
    int Agencies,
    ReportCount Officers,
    ReportCount UnknownOfficer,
    double? MedianCameras,
    double? ShareWide,
    int WideAbove,
    double? ShareVague,
    double? ShareShort,
    int ShortBelow,
    double? ShareWithCase,
    double? BusiestTenthShare,
    int FindingsHigh,
    int FindingsMedium,
    int FindingsLow)
{
    public int Findings => FindingsHigh + FindingsMedium + FindingsLow;
}

/// <summary>
/// One local week (Monday to Sunday) of searches by audit outcome. Compliant searches are split into
/// those that broke no rule and those that broke only rules whose action is warn (noted only), so that
/// a policy in warn mode does not make every search look clean.
/// </summary>
public sealed record SearchWeekRow(DateOnly WeekStart, DateOnly FirstDay, DateOnly LastDay, ReportCount Searches, ReportCount Clean, ReportCount Noted, ReportCount Review, ReportCount Denied)
{
    public int DaysInPeriod => LastDay.DayNumber - FirstDay.DayNumber + 1;

    public bool Partial => DaysInPeriod < 7;

    /// <summary>"Jul 6–12, 2026", as the footage report labels weeks.</summary>
    public string Label => ReportTables.WeekLabel(new WeekRow(WeekStart, FirstDay, LastDay, Searches, Clean, Review, Denied));
}

/// <summary>One rule's results over the period's searches.</summary>
public sealed record SearchRuleRow(string Id, string Description, string Consequence, ReportCount Violated, ReportCount NotPublished, ReportCount Passed);

/// <summary>A measure of reason quality: how many searches, and their share of all.</summary>
public sealed record ReasonRow(string Measure, ReportCount Searches, double? Share);

/// <summary>A reason given often, as compared (folded words), whether the policy finds it vague, and how many searches gave it.</summary>
public sealed record CommonReason(string Reason, bool Vague, ReportCount Searches);
