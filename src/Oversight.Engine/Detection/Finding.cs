namespace Oversight.Detection;

/// <summary>The pattern a detector found.</summary>
public enum FindingKind
{
    SplitArea,
    SplitWindow,
    Track,
    PersistentLocation,
    CaseFanout,
    RateAnomaly,

    /// <summary>ALPR searches: an officer searching on many consecutive days.</summary>
    Streak,

    /// <summary>ALPR searches: an officer whose searches fall in off-hours far more than the agency's.</summary>
    OffHours,

    /// <summary>ALPR searches: an agency's week in which many searches gave only a vague reason.</summary>
    VagueReasons,

    /// <summary>ALPR searches: searches far wider than the agency's usual wide search.</summary>
    BreadthOutlier,

    /// <summary>ALPR searches: one plate (hashed) searched on many days.</summary>
    RepeatedPlate,
}

/// <summary>How much a finding should worry an auditor; the rule per kind is in docs/DETECTION.md.</summary>
public enum Severity
{
    Low,
    Medium,
    High,
}

/// <summary>
/// A pattern across several counted requests that no single request shows: what was found,
/// by whom, which requests, the measured metrics and one plain sentence.
/// </summary>
/// <param name="Id">Stable: the same input gives the same id (kind, agency and the anchoring requests, hashed).</param>
/// <param name="Kind">Which detector.</param>
/// <param name="Severity">low, medium or high.</param>
/// <param name="Agency">The agency whose requests form the pattern.</param>
/// <param name="RequestIds">The requests involved, in submission order.</param>
/// <param name="Metrics">Named measurements, in the order they are written.</param>
/// <param name="Explanation">One sentence a council member understands; it never names a requester or a case number.</param>
/// <param name="FirstSubmittedAt">submittedAt of the earliest request involved (for searches: searchedAt).</param>
/// <param name="LastSubmittedAt">submittedAt of the latest request involved.</param>
/// <param name="Requester">For a rate anomaly of one requester: the requester; null otherwise.</param>
/// <param name="Drivers">For a rate anomaly: the features that set it apart, strongest first.</param>
public sealed record Finding(
    string Id,
    FindingKind Kind,
    Severity Severity,
    string Agency,
    IReadOnlyList<string> RequestIds,
    IReadOnlyList<KeyValuePair<string, double>> Metrics,
    string Explanation,
    DateTimeOffset FirstSubmittedAt,
    DateTimeOffset LastSubmittedAt,
    string? Requester = null,
    IReadOnlyList<string>? Drivers = null)
{
    /// <summary>The metric with this name, or null.</summary>
    public double? Metric(string name)
    {
        foreach (var (key, value) in Metrics)
        {
            if (key == name)
            {
                return value;
            }
        }

        return null;
    }
}

/// <summary>Names of kinds and severities as they appear in JSON and on the command line.</summary>
public static class FindingNames
{
    public static string Name(this FindingKind kind) => kind switch
    {
        FindingKind.SplitArea => "split-area",
        FindingKind.SplitWindow => "split-window",
        FindingKind.Track => "track",
        FindingKind.PersistentLocation => "persistent-location",
        FindingKind.CaseFanout => "case-fanout",
        FindingKind.RateAnomaly => "rate-anomaly",
        FindingKind.Streak => "streak",
        FindingKind.OffHours => "off-hours",
        FindingKind.VagueReasons => "vague-reasons",
        FindingKind.BreadthOutlier => "breadth-outlier",
        FindingKind.RepeatedPlate => "repeated-plate",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static string Name(this Severity severity) => severity switch
    {
        Severity.Low => "low",
        Severity.Medium => "medium",
        Severity.High => "high",
        _ => throw new ArgumentOutOfRangeException(nameof(severity)),
    };

    public static bool TryParseKind(string? text, out FindingKind kind) => TryParse(text, Name, out kind);

    public static bool TryParseSeverity(string? text, out Severity severity) => TryParse(text, Name, out severity);

    private static bool TryParse<T>(string? text, Func<T, string> name, out T value)
        where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (name(candidate) == text)
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }
}
