using System.Collections.Frozen;
using Oversight.Requests;
using Oversight.Text;

namespace Oversight.Policies;

/// <summary>A community's written limits on footage requests, loaded and checked by <see cref="PolicyLoader"/>.</summary>
public sealed record Policy
{
    public required string Id { get; init; }

    public required string Version { get; init; }

    public string? Title { get; init; }

    public DateOnly? Effective { get; init; }

    /// <value>Defaults to UTC.</value>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>How large a request's area may be as input (the <c>limits:</c> section).</summary>
    /// <value>Defaults to <see cref="RequestLimits.Default"/>.</value>
    public RequestLimits Limits { get; init; } = RequestLimits.Default;

    public required IReadOnlyList<Rule> Rules
    {
        get => rules;
        init => rules = [.. value];
    }

    /// <summary>The rules as an array, for the evaluator's loop.</summary>
    internal Rule[] RuleArray => rules;

    private readonly Rule[] rules = [];

    public IReadOnlyList<Exemption> Exemptions { get; init; } = [];

    public DetectionSettings Detection { get; init; } = new();

    public ReportingSettings Reporting { get; init; } = new();

    /// <summary>Plain names for agency ids, for reports (<c>agencies:</c>); an agency not named here is shown by its id.</summary>
    public IReadOnlyDictionary<string, string> Agencies { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The agency's plain name, or its id.</summary>
    public string AgencyName(string agency) => Agencies.TryGetValue(agency, out var name) ? name : agency;

    /// <summary>sha256 of the policy's canonical form (see docs/POLICY.md); comments and layout do not change it.</summary>
    public required string Sha256 { get; init; }

    /// <summary>The file it came from, when it came from one.</summary>
    public string? Source { get; init; }

    /// <summary>The longest period any counting rule looks back over; older history can be forgotten.</summary>
    public TimeSpan LongestPeriod => Rules.Select(r => r switch
    {
        MaxRequestsRule m => m.Period.BaseValue,
        MaxTotalAreaRule a => a.Period.BaseValue,
        MaxTotalWindowRule w => w.Period.BaseValue,
        _ => 0,
    }).DefaultIfEmpty(0).Max() is var seconds ? TimeSpan.FromSeconds(seconds) : TimeSpan.Zero;
}

/// <summary>
/// Relief for requests that match: rules it waives are reported as waived instead of violated;
/// an action (review or deny) applies to the decision as a violated rule's would.
/// </summary>
public sealed record Exemption(
    string Id,
    IReadOnlyList<ExemptionCondition> When,
    FrozenSet<string> Waive,
    RuleAction? Action)
{
    /// <summary>True when every condition holds for the request.</summary>
    public bool Matches(FootageRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        foreach (var condition in When)
        {
            if (request.Text(condition.Field) is not { } value || !condition.Values.Contains(TextFold.Fold(value)))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>A field equal to one of the values; both sides are compared folded (<see cref="TextFold.Fold"/>), so that neither case nor look-alike letters decide whether an exemption applies.</summary>
/// <param name="Field">The request field.</param>
/// <param name="Values">The values, folded.</param>
public sealed record ExemptionCondition(RequestField Field, FrozenSet<string> Values);

/// <summary>Thresholds for the aggregation detectors; each has the default shown in docs/POLICY.md.</summary>
public sealed record DetectionSettings
{
    public double SplitWithinHours { get; init; } = 24;
    public double SplitNearMeters { get; init; } = 100;
    public int TrackMinLinks { get; init; } = 3;
    public double TrackMaxGapMinutes { get; init; } = 60;
    public double TrackMinStepMeters { get; init; } = 200;
    public double TrackMaxStepMeters { get; init; } = 1500;
    public double TrackMaxSpeedKmh { get; init; } = 80;
    public double PersistentCellMeters { get; init; } = 250;
    public int PersistentMinDays { get; init; } = 7;
    public int PersistentPeriodDays { get; init; } = 30;
    public int FanoutMinRequests { get; init; } = 6;
    public double FanoutMinAreaSqMiles { get; init; } = 2;
    public double RateZScore { get; init; } = 3.5;
}

/// <summary>How public reports treat small counts.</summary>
public sealed record ReportingSettings
{
    /// <value>Counts from 1 to SuppressBelow − 1 print as "&lt;SuppressBelow". Default 5; 0 or 1 turns suppression off.</value>
    public int SuppressBelow { get; init; } = 5;
}
