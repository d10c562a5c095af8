using Oversight.Gate;
using Oversight.Policies;

namespace Oversight.Reports.Searches;

/// <summary>
/// Builds the search report: pure, the same input gives the same report. Every count goes through
/// disclosure control once (<see cref="SearchCounts"/>); sentences, shares and medians are then made
/// from published counts only. Officers are counted and binned, never named.
/// </summary>
public static class SearchReportBuilder
{
    public static SearchReport Build(SearchReportInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Policy.Subject != PolicySubject.AlprSearches)
        {
            throw new ArgumentException($"Policy '{input.Policy.Id}' judges footage requests; the search report needs a policy of subject alpr-searches.", nameof(input));
        }

        var facts = new SearchFacts(input);
        var policy = input.Policy;
        var k = SearchFacts.SuppressBelow(input);
        var source = input.Source ?? new ReportSource(
            "the input", input.Searches.Count == 0 ? null : input.Searches.Min(r => r.SearchedAt), input.Searches.Count == 0 ? null : input.Searches.Max(r => r.SearchedAt), input.Searches.Count, [], Inferred: true);
        var previous = facts.Period.Previous(policy.TimeZone);
        var coverage = new ReportCoverage(
            source.Description, source.From, source.To, source.RecordsRead, source.Rejected.Count,
            input.Internal ? source.Rejected : [.. source.Rejected.Select(r => r with { Reason = "not a valid search" })],
            ReportBuilder.Covers(source, facts.Period, facts.Rows.Select(r => r.SearchedAt)),
            ReportBuilder.Covers(source, previous, input.Searches.Where(r => previous.Contains(r.SearchedAt)).Select(r => r.SearchedAt)));
        var mode = coverage.Period == PeriodCoverage.None && facts.Rows.Count == 0 ? ReportMode.NoData
            : facts.Rows.Count == 0 ? ReportMode.Empty
            : k > 1 && facts.Rows.Count < k ? ReportMode.Band
            : ReportMode.Full;
        var counts = mode == ReportMode.Full ? SearchCounts.Build(facts, k) : null;
        if (mode == ReportMode.Full && counts is null)
        {
            mode = ReportMode.TotalOnly;
        }

        var cover = new ReportCover(policy.Title ?? policy.Id, policy.Id, facts.Period.Name, facts.Period.Start, facts.Period.End, policy.TimeZone.Id, input.GeneratedAt, input.Internal, k, mode);
        var summary = Summarize(facts, counts, mode, coverage, k);
        var versions = new List<PolicyVersionRow>
        {
            new(policy.Id, policy.Version, policy.Sha256, counts?[counts.Total] ?? ReportCount.Of(facts.Rows.Count, k),
                facts.Rows.Count == 0 || counts is null ? null : facts.Rows[0].SearchedAt is var f ? DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(f, policy.TimeZone).DateTime) : null,
                facts.Rows.Count == 0 || counts is null ? null : facts.Rows[^1].SearchedAt is var l ? DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(l, policy.TimeZone).DateTime) : null),
        };
        var report = new SearchReport
        {
            Cover = cover,
            Coverage = coverage,
            Summary = summary,
            Highlights = [],
            Weekly = counts is null ? [] : Weeks(facts, counts),
            Rules = counts is null ? [] : [.. counts.Rules.Select(r => Rule(policy, r, counts))],
            Reasons = counts is null ? [] : [.. counts.Reasons.Select(r => new ReasonRow(r.Measure, counts[r.Cell], Share(counts, r.Cell)))],
            CommonReasons = counts is null ? [] : [.. counts.Common.Where(c => counts[c.Cell].Value is not null).Select(c => new CommonReason(c.Reason, c.Vague, counts[c.Cell]))],
            Breadth = counts is null ? null : Breadth(facts, counts),
            Officers = counts is null ? null : new Distribution(
                "Searches per officer", "in the period", null, null,
                [.. counts.OfficerBins.Select((cell, i) => new DistributionBin(SearchFacts.OfficerEdges[i], i + 1 < SearchFacts.OfficerEdges.Length ? SearchFacts.OfficerEdges[i + 1] : null, counts[cell]) { Whole = true })]),
            Findings = mode == ReportMode.Full || input.Internal
                ? [.. facts.Findings.Select(f => new FindingRow(f.Id, f.Severity, f.Kind, SearchReportText.Pattern(f.Kind), policy.AgencyName(f.Agency), DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(f.FirstSubmittedAt, policy.TimeZone).DateTime), f.RequestIds.Count, f.Explanation, null))]
                : [],
            Rulebook = ReportRulebook.Rules(policy),
            Notes = input.Notes,
            Definitions = SearchReportText.Definitions(cover),
            Methods = [],
            Provenance = new ReportProvenance(source.Description, input.InputSha256, policy.Id, versions, policy.Sha256, input.GeneratedAt, input.Notes?.Sha256, 0, ReportBuilder.Producer, null),
            Disclosure = counts?.Summary() ?? new DisclosureSummary(0, 0, 0),
            Internal = input.Internal ? facts.Rows : null,
            FindingSearches = input.Internal ? [.. facts.Findings.SelectMany(f => f.RequestIds.Select(id => new FindingRequestRow(f.Id, f.Kind, f.Severity, f.Agency, id)))] : null,
        };
        return report with { Highlights = SearchReportText.Highlights(report), Methods = SearchReportText.Methods(report) };
    }

    private static SearchSummary Summarize(SearchFacts facts, SearchCounts? counts, ReportMode mode, ReportCoverage coverage, int k)
    {
        var rows = facts.Rows;
        var withheld = ReportCount.Withheld(k);
        var total = counts?[counts.Total] ?? ReportCount.Of(rows.Count, k);
        ReportCount Cell(Func<SearchCounts, int> cell) => counts is null ? (rows.Count == 0 ? total : withheld) : counts[cell(counts)];
        var previousPeriod = facts.Period.Previous(facts.Policy.TimeZone);
        ReportCount? previous = coverage.Previous == PeriodCoverage.None ? null : ReportCount.Of(facts.Input.Searches.Count(r => previousPeriod.Contains(r.SearchedAt)), k);
        double? change = null;
        string? why = null;
        if (mode is not (ReportMode.Full or ReportMode.TotalOnly))
        {
            why = mode == ReportMode.Band ? $"this period has fewer than {k} searches" : "this period has no searches to compare";
        }
        else if (coverage.Period != PeriodCoverage.Full || coverage.Previous != PeriodCoverage.Full || previous is null)
        {
            why = coverage.Period != PeriodCoverage.Full ? $"the input does not cover all of {facts.Period.Name}" : $"the input does not cover all of {previousPeriod.Name}";
        }
        else if (previous.Value.Value is not { } before || before < Math.Max(k, 1))
        {
            why = $"{previousPeriod.Name} had fewer than {Math.Max(k, 1)} searches";
        }
        else
        {
            change = (rows.Count - before) / (double)before;
        }

        var full = counts is not null;
        var officers = facts.OfficerTotals;
        var cameras = rows.Where(r => r.Cameras is not null).Select(r => (double)r.Cameras!.Value).ToList();
        double? Of(string measure) => full && counts!.Reasons.First(r => r.Measure == measure).Cell is var cell && counts[cell].Value is { } v ? (double)v / rows.Count : null;
        var wide = rows.Count(r => (facts.CamerasMeasured ? r.Cameras : r.Networks) > SearchFacts.Wide);
        var tenth = officers.Count / 10;
        return new SearchSummary(
            total,
            Cell(c => c.Clean),
            Cell(c => c.Noted),
            Cell(c => c.Review),
            Cell(c => c.Denied),
            Cell(c => c.BrokeARule),
            previousPeriod.Name,
            previous,
            change,
            why,
            full ? rows.Select(r => r.Agency).Distinct(StringComparer.Ordinal).Count() : 0,
            Cell(c => c.Officers),
            Cell(c => c.UnknownOfficer),
            full && cameras.Count >= Math.Max(k, 1) ? ReportBuilder.Median(cameras) : null,
            full && wide >= Math.Max(k, 1) && rows.Count - wide >= Math.Max(k, 1) ? (double)wide / rows.Count : null,
            SearchFacts.Wide,
            Of("Reason only a vague phrase"),
            Of($"Reason shorter than {SearchFacts.ShortReason} characters"),
            SearchFacts.ShortReason,
            Of("A case number given"),
            full && tenth >= Math.Max(k, 1) ? (double)officers.TakeLast(tenth).Sum() / officers.Sum() : null,
            facts.Findings.Count(f => f.Severity == "high"),
            facts.Findings.Count(f => f.Severity == "medium"),
            facts.Findings.Count(f => f.Severity == "low"));
    }

    private static List<SearchWeekRow> Weeks(SearchFacts facts, SearchCounts counts)
    {
        var zone = facts.Policy.TimeZone;
        var first = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(facts.Period.Start, zone).DateTime);
        var last = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(facts.Period.End.AddTicks(-1), zone).DateTime);
        return [.. counts.Weeks.Select(w =>
        {
            var monday = DateOnly.FromDayNumber(w.Monday);
            var from = monday < first ? first : monday;
            var to = monday.AddDays(6) > last ? last : monday.AddDays(6);
            return new SearchWeekRow(monday, from, to, counts[w.Total], counts[w.Clean], counts[w.Noted], counts[w.Review], counts[w.Denied]);
        })];
    }

    private static SearchRuleRow Rule(Policy policy, (string Rule, int Violated, int NotPublished, int Passed) cells, SearchCounts counts)
    {
        var rule = policy.Rules.First(r => r.Id == cells.Rule);
        return new SearchRuleRow(rule.Id, RuleDescriptions.Describe(rule), ReportRulebook.SearchConsequence(rule.Action), counts[cells.Violated], counts[cells.NotPublished], counts[cells.Passed]);
    }

    private static double? Share(SearchCounts counts, int cell) => counts[cell].Value is { } v && counts.Value(counts.Total) > 0 ? (double)v / counts.Value(counts.Total) : null;

    private static Distribution Breadth(SearchFacts facts, SearchCounts counts)
    {
        var edges = SearchFacts.BreadthEdges;
        var unit = facts.CamerasMeasured ? "cameras" : "networks";
        var limit = facts.Policy.Rules.OfType<MaxBreadthRule>().Where(r => (r.Of == Policies.Breadth.Cameras) == facts.CamerasMeasured).Select(r => (double?)r.Limit).Min();
        var bins = counts.BreadthBins.Take(edges.Length)
            .Select((cell, i) => new DistributionBin(edges[i], i + 1 < edges.Length ? edges[i + 1] : null, counts[cell]) { Whole = true })
            .ToList();
        return new Distribution("Breadth", facts.CamerasMeasured ? "cameras searched" : "networks searched", limit, null, bins)
        {
            NotPublished = counts[counts.BreadthBins[^1]],
        };
    }
}
