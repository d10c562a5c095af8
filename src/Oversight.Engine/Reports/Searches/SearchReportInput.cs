using Oversight.Policies;

namespace Oversight.Reports.Searches;

/// <summary>Everything a search report is made from. The generation time is passed in; the Engine never reads the clock.</summary>
/// <param name="Policy">The search policy (subject alpr-searches) the searches were audited against.</param>
/// <param name="Searches">Every audited search; those in the period and the one before are reported.</param>
/// <param name="Findings">Findings of the search detectors; those whose first search falls in the period are reported.</param>
/// <param name="Period">The reporting period, in the policy's time zone.</param>
/// <param name="InputSha256">sha256 of the input file.</param>
/// <param name="GeneratedAt">When the report is made.</param>
/// <param name="Internal">True for auditors: no suppression, and row-level detail.</param>
public sealed record SearchReportInput(
    Policy Policy,
    IReadOnlyList<SearchReportRow> Searches,
    IReadOnlyList<ReportFinding> Findings,
    ReportingPeriod Period,
    string InputSha256,
    DateTimeOffset GeneratedAt,
    bool Internal = false)
{
    /// <summary>What the input is and what span it holds; by default inferred from the searches.</summary>
    public ReportSource? Source { get; init; }

    public ReportNotes? Notes { get; init; }
}
