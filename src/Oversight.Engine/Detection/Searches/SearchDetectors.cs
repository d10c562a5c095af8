using Oversight.Policies;
using Oversight.Searches;

namespace Oversight.Detection.Searches;

/// <summary>
/// The detectors for ALPR searches, over every search (audit mode: a search counts whatever its
/// outcome). An unknown officer (a masked requester) is never taken for one officer: such searches
/// count for their agency only.
/// </summary>
public static class SearchDetectors
{
    private static readonly (FindingKind Kind, Func<SearchContext, IEnumerable<Finding>> Find)[] All =
    [
        (FindingKind.RateAnomaly, SearchRateDetector.Find),
        (FindingKind.Streak, StreakDetector.Find),
        (FindingKind.OffHours, OffHoursDetector.Find),
        (FindingKind.VagueReasons, VagueShareDetector.Find),
        (FindingKind.CaseFanout, SearchFanoutDetector.Find),
        (FindingKind.BreadthOutlier, BreadthOutlierDetector.Find),
        (FindingKind.RepeatedPlate, RepeatedPlateDetector.Find),
    ];

    /// <summary>The kinds these detectors find, in the order they run.</summary>
    public static IReadOnlyList<FindingKind> Kinds => [.. All.Select(a => a.Kind)];

    /// <summary>Findings of every kind, ordered by first search, then kind, then id; the same searches and policy give the same findings.</summary>
    /// <param name="policy">A policy of subject alpr-searches: its detection thresholds, time zone and vague-reason rules.</param>
    /// <param name="searches">Every search; their order does not matter.</param>
    /// <param name="progress">Told the name of each detector as it starts.</param>
    public static IReadOnlyList<Finding> Run(Policy policy, IReadOnlyList<AlprSearch> searches, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(searches);
        return Detectors.RunAll(new SearchContext(policy, searches), All, progress);
    }
}
