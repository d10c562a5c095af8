using Oversight.Policies;

namespace Oversight.Reports;

/// <summary>Everything a report is made from. The builder picks the period's requests and findings itself.</summary>
/// <param name="Policy">The policy reported on: jurisdiction (its title), time zone, limits and suppressBelow.</param>
/// <param name="Requests">Gated requests; any outside the period and the one before it are ignored.</param>
/// <param name="Findings">Findings; those whose first request was submitted in the period are reported.</param>
/// <param name="Period">The reporting period, in the policy's time zone.</param>
/// <param name="InputSha256">sha256 of the input (the request file, or the decision log entries used).</param>
/// <param name="GeneratedAt">When the report is made; passed in, never read from the clock.</param>
/// <param name="Internal">True for auditors: no suppression, plus row-level detail.</param>
/// <param name="Geography">Areas (census tracts) for the geographic breakdown; none when null.</param>
public sealed record ReportInput(
    Policy Policy,
    IReadOnlyList<ReportRequest> Requests,
    IReadOnlyList<ReportFinding> Findings,
    ReportingPeriod Period,
    string InputSha256,
    DateTimeOffset GeneratedAt,
    bool Internal = false,
    ReportGeography? Geography = null);
