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

    /// <summary>What the policy judges (<c>subject:</c>).</summary>
    /// <value>Defaults to <see cref="PolicySubject.FootageRequests"/>.</value>
    public PolicySubject Subject { get; init; } = PolicySubject.FootageRequests;

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

/// <summary>What a policy judges (<c>subject:</c> in the policy file).</summary>
public enum PolicySubject
{
    /// <summary>Police requests for residents' camera footage (<c>footage-requests</c>, the default).</summary>
    FootageRequests,

    /// <summary>Automated-licence-plate-reader searches already run (<c>alpr-searches</c>), judged in audit mode.</summary>
    AlprSearches,
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
        return Matches(request.Text);
    }

    /// <summary>True when every condition holds for the record whose fields <paramref name="text"/> gives (null: absent).</summary>
    public bool Matches(Func<RequestField, string?> text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var condition in When)
        {
            if (text(condition.Field) is not { } value || !condition.Values.Contains(TextFold.Fold(value)))
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

    /// <summary>Searches: a week is flagged when its count is this unlikely under the subject's own history (Bonferroni over its weeks).</summary>
    public double RatePValue { get; init; } = 0.001;

    /// <summary>Searches: and when it exceeds the expected count by at least this many.</summary>
    public double RateMinExcess { get; init; } = 5;

    /// <summary>Searches: an officer searching on at least this many consecutive local days.</summary>
    public int StreakMinDays { get; init; } = 7;

    /// <summary>Searches: off-hours start (local time of day).</summary>
    public TimeOnly OffHoursFrom { get; init; } = new(1, 0);

    /// <summary>Searches: off-hours end (local time of day, exclusive); before <see cref="OffHoursFrom"/> when the span crosses midnight.</summary>
    public TimeOnly OffHoursTo { get; init; } = new(5, 0);

    /// <summary>Searches: an officer needs this many searches before their off-hours share is judged.</summary>
    public int OffHoursMinSearches { get; init; } = 10;

    /// <summary>Searches: an officer's off-hours share must reach this to be flagged.</summary>
    public double OffHoursMinShare { get; init; } = 0.5;

    /// <summary>Searches: an agency's week is flagged when at least this share of its searches gave only a vague reason.</summary>
    public double VagueMaxShare { get; init; } = 0.25;

    /// <summary>Searches: a week needs this many searches before its vague share is judged.</summary>
    public int VagueMinSearches { get; init; } = 20;

    /// <summary>Searches: a case number behind searches on at least this many distinct local days fans out.</summary>
    public int FanoutMinDays { get; init; } = 5;

    /// <summary>Searches: a search is a breadth outlier when it ran over more than this many times the agency's 90th percentile.</summary>
    public double BreadthFactor { get; init; } = 4;

    /// <summary>Searches: one plate (hashed) searched on at least this many distinct local days.</summary>
    public int PlateMinDays { get; init; } = 3;
}

/// <summary>How public reports treat small counts.</summary>
public sealed record ReportingSettings
{
    /// <value>Counts from 1 to SuppressBelow − 1 print as "&lt;SuppressBelow". Default 5; 0 or 1 turns suppression off.</value>
    public int SuppressBelow { get; init; } = 5;
}
