namespace Oversight.Reports;

/// <summary>What an auditor decided about a finding.</summary>
public enum DispositionKind
{
    /// <summary>Seen; under consideration.</summary>
    Acknowledged,

    /// <summary>Sent on (to the agency, an inspector, the council).</summary>
    Referred,

    /// <summary>Dismissed as expected: the pattern has an innocent explanation.</summary>
    Expected,

    /// <summary>The pattern broke the policy.</summary>
    ConfirmedViolation,
}

/// <summary>
/// One disposition of one finding: what was decided, a note, who and when. Dispositions are
/// appended, never overwritten; the report shows each finding's latest.
/// </summary>
public sealed record FindingDisposition(string FindingId, DispositionKind Kind, string? Note, string By, DateTimeOffset At)
{
    /// <summary>The names as written in files and the API.</summary>
    public static readonly IReadOnlyList<string> Names = ["acknowledged", "referred", "expected", "confirmed-violation"];

    /// <summary>Longest note accepted.</summary>
    public const int MaxNote = 4000;

    public string Name => KindName(Kind);

    /// <summary>In words: "referred", "dismissed as expected", "confirmed violation".</summary>
    public string Words => Kind switch
    {
        DispositionKind.Expected => "dismissed as expected",
        DispositionKind.ConfirmedViolation => "confirmed violation",
        _ => Name,
    };

    public static string KindName(DispositionKind kind) => Names[(int)kind];

    public static bool TryParse(string? text, out DispositionKind kind)
    {
        var index = text is null ? -1 : Names.ToList().IndexOf(text.Trim().ToLowerInvariant());
        kind = index < 0 ? default : (DispositionKind)index;
        return index >= 0;
    }

    /// <summary>The latest disposition of each finding (by time, then by order given).</summary>
    public static IReadOnlyDictionary<string, FindingDisposition> Latest(IEnumerable<FindingDisposition> dispositions)
    {
        ArgumentNullException.ThrowIfNull(dispositions);
        var latest = new Dictionary<string, FindingDisposition>(StringComparer.Ordinal);
        foreach (var d in dispositions)
        {
            if (!latest.TryGetValue(d.FindingId, out var before) || d.At >= before.At)
            {
                latest[d.FindingId] = d;
            }
        }

        return latest;
    }
}
