using Oversight.Policies;
using Oversight.Requests;

namespace Oversight.Detection;

/// <summary>Runs every aggregation detector over the counted (allowed or reviewed) requests of a history.</summary>
public static class Detectors
{
    /// <summary>
    /// Findings of every kind, ordered by first submission, then kind, then id.
    /// </summary>
    /// <param name="policy">Supplies the detection thresholds, the area and window limits and the time zone.</param>
    /// <param name="counted">The allowed and reviewed requests, in gate order.</param>
    /// <param name="progress">Told the name of each detector as it starts.</param>
    public static IReadOnlyList<Finding> Run(Policy policy, IReadOnlyList<FootageRequest> counted, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(counted);
        var findings = new List<Finding>();
        return findings;
    }
}
