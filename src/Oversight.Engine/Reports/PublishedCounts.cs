using Oversight.Gate;
using Oversight.Policies;
using Oversight.Reports.Disclosure;
using Oversight.Requests;

namespace Oversight.Reports;

/// <summary>
/// Every count the report publishes about the period's requests, registered as one
/// <see cref="DisclosureProblem"/> with every relation a reader can use — each table's rows and
/// columns add up to the period's totals by decision, the denial table is bounded by the denied
/// total and by the distribution bins beyond each limit, findings bound their agency's allowed and
/// reviewed requests from below — then protected together by <see cref="Suppression"/>.
/// </summary>
internal sealed partial class PublishedCounts
{
    // A secondary suppression costs (value + 1) × weight: interior cells first, the period's totals by decision last.
    private const double DecisionTotal = 10_000;
    private const double WeekTotal = 100;
    private const double GroupTotal = 20;
    private const double SummaryCell = 5;

    private readonly DisclosureProblem problem;
    private readonly int k;
    private CellState[] states = [];

    private PublishedCounts(int k, int total)
    {
        this.k = k;
        problem = new DisclosureProblem(k);
        Total = problem.Add(total, isFixed: true);
    }

    public int Total { get; }

    /// <summary>The suppressBelow the counts were protected with (0 when off).</summary>
    public int Threshold => k;

    public int Allowed { get; private set; }

    public int Review { get; private set; }

    public int Denied { get; private set; }

    public List<DecisionCells> Weeks { get; private set; } = [];

    public List<DecisionCells> Agencies { get; private set; } = [];

    public List<DecisionCells> Bases { get; private set; } = [];

    public List<DecisionCells> Incidents { get; private set; } = [];

    public List<(string Rule, string Description, int Cell)> Denials { get; } = [];

    public int Exemption { get; private set; } = -1;

    public List<int> AreaBins { get; } = [];

    public List<int> WindowBins { get; } = [];

    public List<int> Tracts { get; } = [];

    public int Outside { get; private set; } = -1;

    public int WithCase { get; private set; }

    public int WithoutCase { get; private set; }

    public List<int> Versions { get; } = [];

    /// <summary>
    /// The period's counts under disclosure control; null when no suppression pattern can protect
    /// them (then only the total is published). Marking small counts "&lt;5" tells a reader each is
    /// 1 to 4, and findings count each agency's requests; with few requests either can pin a count
    /// whatever else is withheld. So the attempts are, in order: small counts marked; every withheld
    /// count printed alike; then both again without the table by agency.
    /// </summary>
    public static PublishedCounts? Build(ReportContext context)
    {
        foreach (var (marked, agencies) in new[] { (true, true), (false, true), (true, false), (false, false) })
        {
            if (Attempt(context, marked, agencies) is { } counts)
            {
                return counts;
            }

            if (context.SuppressBelow <= 1)
            {
                break;
            }
        }

        return null;
    }

    private static PublishedCounts? Attempt(ReportContext context, bool marked, bool withAgencies)
    {
        var rows = context.Rows;
        var counts = new PublishedCounts(context.SuppressBelow, rows.Count);
        var (allowed, review, denied) = ReportBuilder.Outcomes(rows);
        var p = counts.problem;
        counts.Allowed = p.Add(allowed, DecisionTotal);
        counts.Review = p.Add(review, DecisionTotal);
        counts.Denied = p.Add(denied, DecisionTotal);
        p.Sum(counts.Total, [counts.Allowed, counts.Review, counts.Denied]);

        counts.Weeks = counts.DecisionTable(context.WeekGroups(), WeekTotal);
        counts.AgenciesWithheld = !withAgencies;
        if (withAgencies)
        {
            counts.Agencies = counts.DecisionTable(
                rows.GroupBy(r => r.Agency, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                    .Select(g => (g.Key, context.Policy.AgencyName(g.Key), g.ToList())),
                GroupTotal);
        }
        counts.Bases = counts.DecisionTable(
            Enum.GetValues<LegalBasis>().Select(b => (b.Name(), b.Name(), rows.Where(r => r.LegalBasis == b).ToList())),
            GroupTotal);
        counts.Incidents = counts.DecisionTable(
            rows.GroupBy(r => r.IncidentType?.ToLowerInvariant() ?? string.Empty, StringComparer.Ordinal)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => (g.Key, IncidentName(g.Key), g.ToList())),
            GroupTotal);

        counts.Distributions(context);
        counts.DenialTable(context);
        counts.Places(context);
        counts.CaseNumbers(rows);
        counts.PolicyVersions(context);
        counts.FindingBounds(context);
        if (context.SuppressBelow <= 1)
        {
            counts.states = new CellState[p.Cells.Count];
            return counts;
        }

        if (Suppression.Protect(p, marked) is not { } states)
        {
            return null;
        }

        if (marked)
        {
            counts.states = states;
            return counts;
        }

        counts.states = [.. states.Select(s => s == CellState.Small ? CellState.Withheld : s)];
        counts.SmallMarked = false;
        counts.smallCount = states.Count(s => s == CellState.Small);
        return counts;
    }

    /// <summary>The published form of a cell.</summary>
    public ReportCount this[int cell] => ReportCount.From(problem.Cells[cell].Value, states[cell], k);

    /// <summary>The true value of a cell (for statistics that are printed only when the cell is).</summary>
    public int Value(int cell) => problem.Cells[cell].Value;

    /// <summary>True when the table by agency is left out (the findings would give its small counts away).</summary>
    public bool AgenciesWithheld { get; private set; }

    /// <summary>False when small counts are printed like every other withheld count ("[c]").</summary>
    public bool SmallMarked { get; private set; } = true;

    private int smallCount = -1;

    public DisclosureSummary Summary()
    {
        var small = smallCount >= 0 ? smallCount : states.Count(s => s == CellState.Small);
        return new(problem.Cells.Count, small, states.Count(s => s == CellState.Withheld) - (smallCount >= 0 ? smallCount : 0), SmallMarked);
    }

    /// <summary>Rows that partition the period's requests, each by decision, adding up to the period's totals.</summary>
    private List<DecisionCells> DecisionTable(IEnumerable<(string Key, string Name, List<ReportRequest> Rows)> groups, double rowWeight)
    {
        var table = new List<DecisionCells>();
        foreach (var (key, name, rows) in groups)
        {
            var (allowed, review, denied) = ReportBuilder.Outcomes(rows);
            var cells = new DecisionCells(key, name, problem.Add(rows.Count, rowWeight), problem.Add(allowed), problem.Add(review), problem.Add(denied), rows);
            problem.Sum(cells.Total, [cells.Allowed, cells.Review, cells.Denied]);
            table.Add(cells);
        }

        problem.Sum(Total, table.Select(c => c.Total));
        problem.Sum(Allowed, table.Select(c => c.Allowed));
        problem.Sum(Review, table.Select(c => c.Review));
        problem.Sum(Denied, table.Select(c => c.Denied));
        return table;
    }

    private void CaseNumbers(List<ReportRequest> rows)
    {
        var with = rows.Count(r => !string.IsNullOrWhiteSpace(r.CaseNumber));
        WithCase = problem.Add(with, SummaryCell);
        WithoutCase = problem.Add(rows.Count - with, SummaryCell);
        problem.Sum(Total, [WithCase, WithoutCase]);
    }

    private void PolicyVersions(ReportContext context)
    {
        foreach (var group in context.VersionGroups())
        {
            Versions.Add(problem.Add(group.Count, SummaryCell));
        }

        problem.Sum(Total, Versions);
    }

    /// <summary>"vehicle-theft" → "Vehicle theft"; blank → "(not given)".</summary>
    internal static string IncidentName(string key) =>
        key.Length == 0 ? "(not given)" : char.ToUpperInvariant(key[0]) + key[1..].Replace('-', ' ').Replace('_', ' ');
}

/// <summary>The cells of one row of a table by decision: its total and its allowed, review and denied counts.</summary>
internal sealed record DecisionCells(string Key, string Name, int Total, int Allowed, int Review, int Denied, List<ReportRequest> Rows);
