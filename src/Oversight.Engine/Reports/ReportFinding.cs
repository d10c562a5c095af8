using Oversight.Requests;
using Oversight.Policies;
using Oversight.Detection;

namespace Oversight.Reports;

/// <summary>
/// What the report shows of a finding: kind, severity, agency, its public-safe explanation and
/// when it started. Request ids are kept for the internal FindingRequests sheet only.
/// </summary>
public sealed record ReportFinding(
    string Id,
    string Kind,
    string Severity,
    string Agency,
    string Explanation,
    DateTimeOffset FirstSubmittedAt,
    IReadOnlyList<string> RequestIds)
{
    /// <summary>The row for a finding of the detectors; the requester of a rate anomaly is never taken.</summary>
    /// <summary>
    /// The findings a report of a recorded log states: the detectors run over the policy's counted
    /// (allowed or reviewed) requests as recorded, kept when their first request falls in the
    /// period. The service and <c>oversight report --export</c> both take them from here, so that a
    /// report can be recomputed from an export of the log.
    /// </summary>
    public static IReadOnlyList<Finding> OfRecordedLog(Policy policy, IReadOnlyList<FootageRequest> counted, ReportingPeriod period)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(period);
        return [.. Detectors.Run(policy, counted).Where(f => period.Contains(f.FirstSubmittedAt))];
    }

    public static ReportFinding From(Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return new ReportFinding(
            finding.Id, finding.Kind.Name(), finding.Severity.Name(), finding.Agency, finding.Explanation, finding.FirstSubmittedAt, finding.RequestIds);
    }

    /// <summary>0 for high, 1 for medium, 2 for low, 3 for anything else: the order findings are listed in.</summary>
    public int Rank => Severity switch
    {
        "high" => 0,
        "medium" => 1,
        "low" => 2,
        _ => 3,
    };
}
