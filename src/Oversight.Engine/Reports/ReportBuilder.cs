using Oversight.Gate;

namespace Oversight.Reports;

/// <summary>
/// Builds the one report model every renderer draws. Pure: the same input gives the same report.
/// Every count goes through disclosure control once, here (<see cref="PublishedCounts"/>); every
/// sentence and statistic is then made from the published counts only.
/// </summary>
public static partial class ReportBuilder
{
    /// <summary>The name written into the provenance of every report.</summary>
    public const string Producer = "Oversight";

    public static TransparencyReport Build(ReportInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var c = new ReportContext(input);
        var source = input.Source ?? Inferred(input);
        var coverage = Coverage(c, source);
        var k = c.SuppressBelow;
        var mode = coverage.Period == PeriodCoverage.None && c.Rows.Count == 0 ? ReportMode.NoData
            : c.Rows.Count == 0 ? ReportMode.Empty
            : k > 1 && c.Rows.Count < k ? ReportMode.Band
            : ReportMode.Full;
        var policy = c.Policy;
        var counts = mode == ReportMode.Full ? PublishedCounts.Build(c) : null;
        if (mode == ReportMode.Full && counts is null)
        {
            mode = ReportMode.TotalOnly;
        }

        var cover = new ReportCover(
            policy.Title ?? policy.Id, policy.Id, c.Period.Name, c.Period.Start, c.Period.End, c.Zone.Id, input.GeneratedAt, input.Internal, k, mode);
        var summary = Summarize(c, counts, mode, coverage);
        var versions = Versions(c, counts);
        var latest = FindingDisposition.Latest(input.Dispositions);
        var report = new TransparencyReport
        {
            Cover = cover,
            Coverage = coverage,
            Summary = summary,
            Highlights = [],
            Trend = Trend(c, source, summary),
            Weekly = counts is null ? [] : Weeks(c, counts),
            Denials = counts is null ? [] : Denials(counts),
            Areas = counts is null ? null : Histogram("Area", "sq mi", c.Limits.AreaSqMiles, c.Limits.AreaFloor, counts.AreaScale, counts.AreaBins, counts),
            Windows = counts is null ? null : Histogram("Time window", "hours", c.Limits.WindowHours, c.Limits.WindowFloor, counts.WindowScale, counts.WindowBins, counts),
            Geography = counts is null ? null : Places(c, counts),
            ByAgency = counts is null ? [] : Rows(counts.Agencies, counts, medians: true),
            AgenciesWithheld = counts?.AgenciesWithheld ?? false,
            ByLegalBasis = counts is null ? [] : Rows(counts.Bases, counts, medians: false),
            ByIncidentType = counts is null ? [] : Rows(counts.Incidents, counts, medians: false),
            Findings = mode == ReportMode.Full || input.Internal
                ? [.. c.Findings.Select(f => new FindingRow(
                    f.Id, f.Severity, f.Kind, Pattern(f.Kind), policy.AgencyName(f.Agency), c.LocalDate(f.FirstSubmittedAt), f.RequestIds.Count, f.Explanation, latest.GetValueOrDefault(f.Id)))]
                : [],
            Policies = versions,
            PolicyChanges = mode == ReportMode.Full || input.Internal ? ReportRulebook.Changes(c) : [],
            Rulebook = ReportRulebook.Rules(policy),
            Exemptions = ReportRulebook.Exemptions(policy),
            Notes = input.Notes,
            Ordinance = [],
            Definitions = ReportOrdinance.Definitions(cover),
            Methods = [],
            Provenance = new ReportProvenance(
                source.Description, input.InputSha256, policy.Id, versions, policy.Sha256, input.GeneratedAt,
                input.Notes?.Sha256, input.Dispositions.Count, Producer, input.Checkpoint),
            Disclosure = counts?.Summary() ?? new DisclosureSummary(0, 0, 0),
            Internal = input.Internal ? Detail(c) : null,
        };
        report = report with { Ordinance = ReportOrdinance.Items(report) };
        return report with { Highlights = ReportSentences.Write(report), Methods = ReportMethods.Sections(report) };
    }

    internal static (int Allowed, int Review, int Denied) Outcomes(IEnumerable<ReportRequest> rows)
    {
        var counts = new int[3];
        foreach (var row in rows)
        {
            counts[(int)row.Outcome]++;
        }

        return (counts[(int)DecisionOutcome.Allow], counts[(int)DecisionOutcome.Review], counts[(int)DecisionOutcome.Deny]);
    }

    /// <summary>The median, or null for no values.</summary>
    internal static double? Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? null
            : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2]
            : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>The Monday (local date) of the week holding <paramref name="time"/>.</summary>
    internal static DateOnly Monday(DateTimeOffset time, TimeZoneInfo zone)
    {
        var local = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time, zone).DateTime);
        return local.AddDays(-(((int)local.DayOfWeek + 6) % 7));
    }

    /// <summary>"track" → "Could follow one person's movements".</summary>
    public static string Pattern(string kind) => kind switch
    {
        "split-area" => "Large area split into small requests",
        "split-window" => "Long window split into short requests",
        "track" => "Could follow one person's movements",
        "persistent-location" => "One place watched on many days",
        "case-fanout" => "One case spread over many requests",
        "rate-anomaly" => "Far more requests than usual",
        "streak" => "Searches on many days in a row",
        "off-hours" => "Searches mostly at night",
        "vague-reasons" => "Many searches with only a vague reason",
        "breadth-outlier" => "Searches far wider than usual",
        "repeated-plate" => "One plate searched on many days",
        _ => kind.Replace('-', ' '),
    };

    private static ReportSource Inferred(ReportInput input) => new(
        "the input",
        input.Requests.Count == 0 ? null : input.Requests.Min(r => r.SubmittedAt),
        input.Requests.Count == 0 ? null : input.Requests.Max(r => r.SubmittedAt),
        input.Requests.Count,
        [],
        Inferred: true);

    private static InternalDetail Detail(ReportContext c) =>
        new(
            c.Rows,
            [.. c.Rows.Select(r => c.Geography is not { } g ? null : g.Locate(r.CentroidLon, r.CentroidLat) is var i and >= 0 ? g.Areas[i].Name : "outside")],
            [.. c.Findings.SelectMany(f => f.RequestIds.Select(id => new FindingRequestRow(f.Id, f.Kind, f.Severity, f.Agency, id)))]);
}
