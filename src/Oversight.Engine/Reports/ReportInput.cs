using Oversight.Gate;
using Oversight.Policies;

namespace Oversight.Reports;

/// <summary>Everything a report is made from. The generation time is passed in; the Engine never reads the clock.</summary>
/// <param name="Policy">The policy reported on: jurisdiction (its title), time zone, rules in force, limits, agency names and suppressBelow.</param>
/// <param name="Requests">Gated requests; those in the period and the one before it are reported.</param>
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
    ReportGeography? Geography = null)
{
    /// <summary>What the input is and what span of time it holds; by default inferred from the requests themselves.</summary>
    public ReportSource? Source { get; init; }

    /// <summary>Staff notes for the period.</summary>
    public ReportNotes? Notes { get; init; }

    /// <summary>Every disposition recorded for the findings (the report shows each one's latest).</summary>
    public IReadOnlyList<FindingDisposition> Dispositions { get; init; } = [];

    /// <summary>Earlier policy texts by sha256, so that a change of version in the period can be compared.</summary>
    public IReadOnlyList<Policy> KnownPolicies { get; init; } = [];

    /// <summary>Every submission and its decision over the trend's periods (the four before this one); by default the <see cref="Requests"/>.</summary>
    public IReadOnlyList<(DateTimeOffset SubmittedAt, DecisionOutcome Outcome)>? Timeline { get; init; }

    /// <summary>The transparency-log checkpoint the input was read at, when the service made the report.</summary>
    public LogCheckpoint? Checkpoint { get; init; }
}

/// <summary>
/// What the report was made from: a description ("the file history.jsonl", "the decision log"), the span of time it holds, how many
/// records were read and which were rejected. <see cref="Inferred"/> says that the span is only
/// that of the first and last record, so that coverage at the edges is judged from the data.
/// </summary>
public sealed record ReportSource(string Description, DateTimeOffset? From, DateTimeOffset? To, int RecordsRead, IReadOnlyList<RejectedRecord> Rejected, bool Inferred);

/// <summary>A record of the input that was not a valid request: where, and why (values in quotes are left out of the public report).</summary>
public sealed record RejectedRecord(int Line, string Reason);
