using Oversight.Detection.Cases;
using Oversight.Detection.Places;
using Oversight.Detection.Rates;
using Oversight.Detection.Splits;
using Oversight.Detection.Tracks;
using Oversight.Policies;
using Oversight.Requests;

namespace Oversight.Detection;

/// <summary>Runs every aggregation detector over the counted (allowed or reviewed) requests of a history.</summary>
public static class Detectors
{
    private static readonly (FindingKind Kind, Func<DetectionContext, IEnumerable<Finding>> Find)[] All =
    [
        (FindingKind.SplitArea, SplitAreaDetector.Find),
        (FindingKind.SplitWindow, SplitWindowDetector.Find),
        (FindingKind.Track, TrackDetector.Find),
        (FindingKind.PersistentLocation, PersistentLocationDetector.Find),
        (FindingKind.CaseFanout, CaseFanoutDetector.Find),
        (FindingKind.RateAnomaly, RateAnomalyDetector.Find),
    ];

    /// <summary>The kinds these detectors find, in the order they run (ALPR searches have their own, <see cref="Searches.SearchDetectors"/>).</summary>
    public static IReadOnlyList<FindingKind> Kinds => [.. All.Select(a => a.Kind)];

    /// <summary>
    /// Findings of every kind, ordered by first submission, then kind, then id. The same requests
    /// and policy always give the same findings with the same ids.
    /// </summary>
    /// <param name="policy">Supplies the detection thresholds, the area and window limits and the time zone.</param>
    /// <param name="counted">The allowed and reviewed requests; their order does not matter.</param>
    /// <param name="progress">Told the name of each detector as it starts.</param>
    public static IReadOnlyList<Finding> Run(Policy policy, IReadOnlyList<FootageRequest> counted, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(counted);
        return RunAll(new DetectionContext(policy, counted), All, progress);
    }

    /// <summary>Runs each detector on one context, reporting its name as it starts, and orders the findings by first submission, then kind, then id.</summary>
    internal static List<Finding> RunAll<TContext>(TContext context, (FindingKind Kind, Func<TContext, IEnumerable<Finding>> Find)[] detectors, IProgress<string>? progress)
    {
        var findings = new List<Finding>();
        foreach (var (kind, find) in detectors)
        {
            progress?.Report(kind.Name());
            findings.AddRange(find(context));
        }

        findings.Sort((a, b) =>
            a.FirstSubmittedAt != b.FirstSubmittedAt ? a.FirstSubmittedAt.CompareTo(b.FirstSubmittedAt)
            : a.Kind != b.Kind ? a.Kind.CompareTo(b.Kind)
            : string.CompareOrdinal(a.Id, b.Id));
        return findings;
    }
}
