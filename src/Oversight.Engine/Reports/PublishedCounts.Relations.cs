using Oversight.Gate;
using Oversight.Policies;

namespace Oversight.Reports;

internal sealed partial class PublishedCounts
{
    public Bins AreaScale { get; private set; } = null!;

    public Bins WindowScale { get; private set; } = null!;

    private void Distributions(ReportContext context)
    {
        AreaScale = Bins.For(context.Limits.AreaSqMiles, context.Limits.AreaFloor, context.Rows.Select(r => r.AreaSqMiles));
        WindowScale = Bins.For(context.Limits.WindowHours, context.Limits.WindowFloor, context.Rows.Select(r => r.WindowHours));
        foreach (var (scale, cells, measure) in new[] { (AreaScale, AreaBins, (Func<ReportRequest, double>)(r => r.AreaSqMiles)), (WindowScale, WindowBins, r => r.WindowHours) })
        {
            var counts = new int[scale.Count];
            foreach (var row in context.Rows)
            {
                counts[scale.Index(measure(row))]++;
            }

            cells.AddRange(counts.Select(c => problem.Add(c)));
            problem.Sum(Total, cells);
        }
    }

    /// <summary>
    /// Denied requests by rule broken. A request can break several rules, so the table is not a
    /// sum: each row is at most the denied requests that broke any rule, and together they are at
    /// least that many. A rule on area or time bounds its row by the bins beyond its limit.
    /// </summary>
    private void DenialTable(ReportContext context)
    {
        var denied = context.Rows.Where(r => r.Outcome == DecisionOutcome.Deny).ToList();
        var byRule = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var rule in denied.SelectMany(r => r.Violated))
        {
            byRule[rule] = byRule.GetValueOrDefault(rule) + 1;
        }

        var rules = context.Policy.Rules.ToDictionary(r => r.Id, StringComparer.Ordinal);
        foreach (var (id, count) in byRule.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal))
        {
            var description = rules.TryGetValue(id, out var rule) ? RuleDescriptions.Describe(rule) : "A rule of an earlier policy version";
            Denials.Add((id, description, problem.Add(count)));
        }

        Exemption = problem.Add(denied.Count(r => r.Violated.Count == 0));
        foreach (var (_, _, cell) in Denials)
        {
            problem.AtLeast([(Denied, 1), (Exemption, -1), (cell, -1)], 0);
        }

        problem.AtLeast([.. Denials.Select(d => (d.Cell, 1.0)), (Exemption, 1), (Denied, -1)], 0);
        if (context.VersionGroups().Count != 1)
        {
            // Rules of other versions may have had other limits: no bound by the bins is sound.
            return;
        }

        foreach (var (id, _, cell) in Denials)
        {
            var bound = rules.GetValueOrDefault(id) switch
            {
                MaxAreaRule r => Beyond(AreaScale, AreaBins, r.Limit.BaseValue / Geo.Wgs84.SquareMetresPerSquareMile, above: true),
                MinAreaRule r => Beyond(AreaScale, AreaBins, r.Limit.BaseValue / Geo.Wgs84.SquareMetresPerSquareMile, above: false),
                MaxWindowRule r => Beyond(WindowScale, WindowBins, r.Limit.BaseValue / 3600, above: true),
                MinWindowRule r => Beyond(WindowScale, WindowBins, r.Limit.BaseValue / 3600, above: false),
                _ => null,
            };
            if (bound is not null && problem.Cells[cell].Value <= bound.Sum(b => problem.Cells[b].Value))
            {
                problem.AtLeast([.. bound.Select(b => (b, 1.0)), (cell, -1)], 0);
            }
        }
    }

    /// <summary>The bins that can hold a value above (or below) <paramref name="limit"/>.</summary>
    private static List<int> Beyond(Bins scale, List<int> cells, double limit, bool above) =>
        [.. Enumerable.Range(0, scale.Count).Where(i => above ? scale.Upper(i) is not { } to || to > limit : scale.Lower(i) < limit).Select(i => cells[i])];

    private void Places(ReportContext context)
    {
        if (context.Geography is not { } geography)
        {
            return;
        }

        var counts = new int[geography.Areas.Count];
        var outside = 0;
        foreach (var row in context.Rows)
        {
            var i = geography.Locate(row.CentroidLon, row.CentroidLat);
            if (i < 0)
            {
                outside++;
            }
            else
            {
                counts[i]++;
            }
        }

        Tracts.AddRange(counts.Select(c => problem.Add(c)));
        Outside = problem.Add(outside);
        problem.Sum(Total, [.. Tracts, Outside]);
    }

    /// <summary>A finding lists how many requests it holds: its agency allowed or reviewed at least those of them submitted in the period.</summary>
    private void FindingBounds(ReportContext context)
    {
        var inPeriod = context.Rows.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var agency in Agencies)
        {
            var most = context.Findings.Where(f => f.Agency == agency.Key)
                .Select(f => f.RequestIds.Count(inPeriod.Contains))
                .DefaultIfEmpty(0).Max();
            if (most > 0 && problem.Cells[agency.Allowed].Value + problem.Cells[agency.Review].Value >= most)
            {
                problem.AtLeast([(agency.Allowed, 1), (agency.Review, 1)], most);
            }
        }
    }
}
