using System.Text.RegularExpressions;
using Oversight.Gate;
using Oversight.Policies;

namespace Oversight.Reports;

public static partial class ReportBuilder
{
    private static ReportSummary Summarize(ReportContext c, PublishedCounts? counts, ReportMode mode, ReportCoverage coverage)
    {
        var k = c.SuppressBelow;
        var withheld = ReportCount.Withheld(k);
        var submitted = counts?[counts.Total] ?? ReportCount.Of(c.Rows.Count, k);
        var allowed = counts?[counts.Allowed] ?? (c.Rows.Count == 0 ? submitted : withheld);
        var review = counts?[counts.Review] ?? (c.Rows.Count == 0 ? submitted : withheld);
        var denied = counts?[counts.Denied] ?? (c.Rows.Count == 0 ? submitted : withheld);
        var withCase = counts?[counts.WithCase] ?? (c.Rows.Count == 0 ? submitted : withheld);
        var withoutCase = counts?[counts.WithoutCase] ?? (c.Rows.Count == 0 ? submitted : withheld);

        ReportCount? previous = coverage.Previous == PeriodCoverage.None
            ? null
            : ReportCount.Of(c.Input.Requests.Count(r => c.Previous.Contains(r.SubmittedAt)), k);
        double? change = null;
        string? why = null;
        if (mode is ReportMode.Band or ReportMode.Empty or ReportMode.NoData)
        {
            why = mode == ReportMode.Band ? $"this period has fewer than {k} requests" : "this period has no requests to compare";
        }
        else if (coverage.Period != PeriodCoverage.Full)
        {
            why = $"the input does not cover all of {c.Period.Name}";
        }
        else if (coverage.Previous != PeriodCoverage.Full || previous is null)
        {
            why = $"the input does not cover all of {c.Previous.Name}";
        }
        else if (previous.Value.Value is not { } before || before < Math.Max(k, 1))
        {
            why = previous.Value.Value == 0 ? $"{c.Previous.Name} had no requests" : $"{c.Previous.Name} had fewer than {k} requests";
        }
        else
        {
            change = (c.Rows.Count - before) / (double)before;
        }

        var full = mode == ReportMode.Full;
        if (mode == ReportMode.TotalOnly)
        {
            // Only the total: the change against a covered previous period is still sound.
            return new ReportSummary(
                submitted, withheld, withheld, withheld, null, c.Previous.Name, previous, change, why, 0, null, null, withheld, withheld, null,
                c.Findings.Count(f => f.Severity == "high"), c.Findings.Count(f => f.Severity == "medium"), c.Findings.Count(f => f.Severity == "low"));
        }

        return new ReportSummary(
            submitted,
            allowed,
            review,
            denied,
            submitted.Value is > 0 && denied.Value is { } d ? d / (double)submitted.Value.Value : null,
            c.Previous.Name,
            previous,
            change,
            why,
            full ? c.Rows.Select(r => r.Agency).Distinct(StringComparer.Ordinal).Count() : 0,
            full ? Median(c.Rows.Select(r => r.AreaSqMiles)) : null,
            full ? Median(c.Rows.Select(r => r.WindowHours)) : null,
            withCase,
            withoutCase,
            submitted.Value is > 0 && withCase.Value is { } w && withoutCase.Value is not null ? w / (double)submitted.Value.Value : null,
            c.Findings.Count(f => f.Severity == "high"),
            c.Findings.Count(f => f.Severity == "medium"),
            c.Findings.Count(f => f.Severity == "low"));
    }

    private static ReportCoverage Coverage(ReportContext c, ReportSource source)
    {
        var rejected = c.Input.Internal
            ? source.Rejected
            : [.. source.Rejected.Select(r => r with { Reason = Quoted().Replace(r.Reason, "'…'") })];
        return new ReportCoverage(
            source.Description, source.From, source.To, source.RecordsRead, source.Rejected.Count, rejected,
            Covers(source, c.Period, c.Rows.Select(r => r.SubmittedAt)),
            Covers(source, c.Previous, c.Input.Requests.Where(r => c.Previous.Contains(r.SubmittedAt)).Select(r => r.SubmittedAt)));
    }

    /// <summary>
    /// Whether the input holds the whole period. An input whose span is inferred from its first and
    /// last record covers an edge of the period when that record lies within a day of it, or within
    /// the longest quiet spell between requests inside the period.
    /// </summary>
    internal static PeriodCoverage Covers(ReportSource source, ReportingPeriod period, IEnumerable<DateTimeOffset> submissions)
    {
        if (source.From is not { } from || source.To is not { } to || to < period.Start || from >= period.End)
        {
            return PeriodCoverage.None;
        }

        var slack = TimeSpan.Zero;
        if (source.Inferred)
        {
            slack = TimeSpan.FromDays(1);
            DateTimeOffset? last = null;
            foreach (var time in submissions.Order())
            {
                if (last is { } before && time - before > slack)
                {
                    slack = time - before;
                }

                last = time;
            }
        }

        return from - period.Start <= slack && period.End - to <= slack ? PeriodCoverage.Full : PeriodCoverage.Partial;
    }

    private static List<TrendPoint> Trend(ReportContext c, ReportSource source, ReportSummary summary)
    {
        var k = c.SuppressBelow;
        var timeline = c.Input.Timeline ?? [.. c.Input.Requests.Select(r => (r.SubmittedAt, r.Outcome))];
        var periods = new List<ReportingPeriod> { c.Period };
        for (var i = 0; i < 4; i++)
        {
            periods.Insert(0, periods[0].Previous(c.Zone));
        }

        var points = new List<TrendPoint>();
        foreach (var period in periods)
        {
            if (period == c.Period)
            {
                points.Add(new TrendPoint(period.Name, Covers(source, period, c.Rows.Select(r => r.SubmittedAt)), summary.Submitted, summary.Denied, IsCurrent: true));
                continue;
            }

            var inside = timeline.Where(t => period.Contains(t.SubmittedAt)).ToList();
            var coverage = Covers(source, period, inside.Select(t => t.SubmittedAt));
            var total = inside.Count;
            var denied = inside.Count(t => t.Outcome == DecisionOutcome.Deny);
            var deniedCount = k > 1 && (total < k || (total - denied > 0 && total - denied < k))
                ? (denied > 0 && denied < k ? ReportCount.Of(denied, k) : ReportCount.Withheld(k))
                : ReportCount.Of(denied, k);
            if (total == 0)
            {
                deniedCount = ReportCount.Of(0, k);
            }

            points.Add(new TrendPoint(period.Name, coverage, ReportCount.Of(total, k), deniedCount, IsCurrent: false));
        }

        // Earlier periods the input does not reach are left out, unless a later one is shown.
        return [.. points.SkipWhile(p => !p.IsCurrent && p.Coverage == PeriodCoverage.None)];
    }

    private static List<WeekRow> Weeks(ReportContext c, PublishedCounts counts)
    {
        var first = c.LocalDate(c.Period.Start);
        var last = c.LocalDate(c.Period.End.AddTicks(-1));
        return [.. counts.Weeks.Select(w =>
        {
            var monday = DateOnly.ParseExact(w.Key, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            var from = monday < first ? first : monday;
            var to = monday.AddDays(6) > last ? last : monday.AddDays(6);
            return new WeekRow(monday, from, to, counts[w.Total], counts[w.Allowed], counts[w.Review], counts[w.Denied]);
        })];
    }

    private static List<DenialRow> Denials(PublishedCounts counts)
    {
        var rows = counts.Denials.Select(d => new DenialRow(d.Rule, d.Description, counts[d.Cell])).ToList();
        var exemption = counts[counts.Exemption];
        if (exemption.Value is not 0)
        {
            rows.Add(new DenialRow("(exemption)", "Denied by an exemption's action, no rule broken", exemption));
        }

        return rows;
    }

    private static Distribution Histogram(string measure, string unit, double? limit, double? floor, Bins scale, List<int> cells, PublishedCounts counts) =>
        new(measure, unit, limit, floor, [.. cells.Select((cell, i) => new DistributionBin(scale.Lower(i), scale.Upper(i), counts[cell]))]);

    private static GeographyBreakdown? Places(ReportContext c, PublishedCounts counts)
    {
        if (c.Geography is not { } geography)
        {
            return null;
        }

        var rows = geography.Areas.Select((a, i) =>
        {
            var count = counts[counts.Tracts[i]];
            double? rate = a.Population is > 0 && count.Value is { } v ? v * 1000.0 / a.Population.Value : null;
            return new GeographyRow(a.Id, a.Name, a.Label, count, a.Population, rate, a.Shape);
        }).OrderBy(a => a.Id, StringComparer.Ordinal).ToList();
        return new GeographyBreakdown(geography.Source, rows, counts[counts.Outside], geography.Areas.Any(a => a.Population is > 0));
    }

    private static List<DecisionRow> Rows(List<DecisionCells> table, PublishedCounts counts, bool medians) =>
        [.. table.Select(g =>
        {
            var total = counts[g.Total];
            var typical = medians && total.Value is { } n && n >= Math.Max(counts.Threshold, 1);
            return new DecisionRow(
                g.Key, g.Name, total, counts[g.Allowed], counts[g.Review], counts[g.Denied],
                typical ? Median(g.Rows.Select(r => r.AreaSqMiles)) : null,
                typical ? Median(g.Rows.Select(r => r.WindowHours)) : null);
        })];

    private static List<PolicyVersionRow> Versions(ReportContext c, PublishedCounts? counts)
    {
        // A period too small to publish does not give away when its few requests came either.
        var dated = counts is not null || c.SuppressBelow <= 1;
        var groups = c.VersionGroups();
        return [.. groups.Select((g, i) => new PolicyVersionRow(
            g[0].PolicyId, g[0].PolicyVersion, g[0].PolicySha256,
            counts is null ? ReportCount.Of(g.Count, c.SuppressBelow) : counts[counts.Versions[i]],
            dated ? c.LocalDate(g.Min(r => r.SubmittedAt)) : null, dated ? c.LocalDate(g.Max(r => r.SubmittedAt)) : null))];
    }

    [GeneratedRegex("'[^']*'", RegexOptions.CultureInvariant)]
    private static partial Regex Quoted();
}
