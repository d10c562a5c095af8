using Oversight.Gate;
using Oversight.Reports.Disclosure;

namespace Oversight.Reports.Searches;

/// <summary>
/// Every count the search report publishes, registered as one <see cref="DisclosureProblem"/> with
/// the relations a reader can use — weeks and outcomes add up to the period's total, each rule's
/// violated, not-published and passed counts add up to it, breadth bins add up to it, officer bins
/// add up to the officers, every other count is at most the total — then protected together.
/// </summary>
internal sealed class SearchCounts
{
    private const double DecisionTotal = 10_000;
    private const double RowTotal = 100;

    private readonly DisclosureProblem problem;
    private CellState[] states = [];

    private SearchCounts(int k, int total)
    {
        Threshold = k;
        problem = new DisclosureProblem(k);
        Total = problem.Add(total, isFixed: true);
    }

    public int Threshold { get; }

    public int Total { get; }

    /// <summary>Searches that broke no rule.</summary>
    public int Clean { get; private set; }

    /// <summary>Searches that broke only rules whose action is warn.</summary>
    public int Noted { get; private set; }

    public int Review { get; private set; }

    public int Denied { get; private set; }

    public int BrokeARule { get; private set; }

    public int Officers { get; private set; }

    public int UnknownOfficer { get; private set; }

    public List<(int Monday, int Total, int Clean, int Noted, int Review, int Denied)> Weeks { get; } = [];

    public List<(string Rule, int Violated, int NotPublished, int Passed)> Rules { get; } = [];

    public List<(string Measure, int Cell)> Reasons { get; } = [];

    public List<(string Reason, bool Vague, int Cell)> Common { get; } = [];

    public List<int> BreadthBins { get; } = [];

    public List<int> OfficerBins { get; } = [];

    public bool SmallMarked { get; private set; } = true;

    public ReportCount this[int cell] => ReportCount.From(problem.Cells[cell].Value, states[cell], Threshold);

    public int Value(int cell) => problem.Cells[cell].Value;

    public DisclosureSummary Summary() =>
        new(problem.Cells.Count, SmallMarked ? states.Count(s => s == CellState.Small) : 0, states.Count(s => s == CellState.Withheld), SmallMarked);

    /// <summary>The counts under disclosure control; null when no pattern protects them (then only the total is published).</summary>
    public static SearchCounts? Build(SearchFacts facts, int k)
    {
        foreach (var marked in new[] { true, false })
        {
            var counts = new SearchCounts(k, facts.Rows.Count);
            counts.Register(facts);
            if (k <= 1)
            {
                counts.states = new CellState[counts.problem.Cells.Count];
                return counts;
            }

            if (Suppression.Protect(counts.problem, marked) is { } states)
            {
                counts.states = marked ? states : [.. states.Select(s => s == CellState.Small ? CellState.Withheld : s)];
                counts.SmallMarked = marked;
                return counts;
            }
        }

        return null;
    }

    private void Register(SearchFacts facts)
    {
        var p = problem;
        var rows = facts.Rows;
        int Outcome(IEnumerable<SearchReportRow> set, DecisionOutcome o) => set.Count(r => r.Outcome == o);
        int Clean(IEnumerable<SearchReportRow> set) => set.Count(r => r.Violated.Count == 0);
        int Noted(IEnumerable<SearchReportRow> set) => set.Count(r => r.Outcome == DecisionOutcome.Allow && r.Violated.Count > 0);
        this.Clean = p.Add(Clean(rows), DecisionTotal);
        this.Noted = p.Add(Noted(rows), DecisionTotal);
        Review = p.Add(Outcome(rows, DecisionOutcome.Review), DecisionTotal);
        Denied = p.Add(Outcome(rows, DecisionOutcome.Deny), DecisionTotal);
        p.Sum(Total, [this.Clean, this.Noted, Review, Denied]);

        foreach (var (monday, week) in facts.Weeks)
        {
            var cells = (monday, p.Add(week.Count, RowTotal), p.Add(Clean(week)), p.Add(Noted(week)), p.Add(Outcome(week, DecisionOutcome.Review)), p.Add(Outcome(week, DecisionOutcome.Deny)));
            p.Sum(cells.Item2, [cells.Item3, cells.Item4, cells.Item5, cells.Item6]);
            Weeks.Add(cells);
            var most = facts.FindingSearchesByWeek.GetValueOrDefault(monday);
            if (most > 0)
            {
                p.AtLeast([(cells.Item2, 1)], most);
            }
        }

        p.Sum(Total, Weeks.Select(w => w.Total));
        p.Sum(this.Clean, Weeks.Select(w => w.Clean));
        p.Sum(this.Noted, Weeks.Select(w => w.Noted));
        p.Sum(Review, Weeks.Select(w => w.Review));
        p.Sum(Denied, Weeks.Select(w => w.Denied));

        // Broke a rule = everything but the clean ones: registered as a cell of its own so that sentences can quote it.
        BrokeARule = p.Add(rows.Count - Clean(rows), RowTotal);
        p.Sum(Total, [this.Clean, BrokeARule]);
        foreach (var rule in facts.Policy.Rules)
        {
            var violated = rows.Count(r => r.Violated.Contains(rule.Id));
            var withheld = rows.Count(r => r.NotPublished.Contains(rule.Id));
            var cells = (rule.Id, p.Add(violated), p.Add(withheld), p.Add(rows.Count - violated - withheld));
            p.Sum(Total, [cells.Item2, cells.Item3, cells.Item4]);
            p.AtLeast([(BrokeARule, 1), (cells.Item2, -1)], 0);
            Rules.Add(cells);
        }

        foreach (var (measure, count) in facts.ReasonMeasures)
        {
            var cell = p.Add(count);
            p.AtLeast([(Total, 1), (cell, -1)], 0);
            Reasons.Add((measure, cell));
        }

        foreach (var (reason, vague, count) in facts.CommonReasons)
        {
            var cell = p.Add(count);
            p.AtLeast([(Total, 1), (cell, -1)], 0);
            Common.Add((reason, vague, cell));
        }

        BreadthBins.AddRange(facts.BreadthCounts.Select(c => p.Add(c)));
        p.Sum(Total, BreadthBins);

        Officers = p.Add(facts.OfficerTotals.Count, RowTotal);
        OfficerBins.AddRange(facts.OfficerBinCounts.Select(c => p.Add(c)));
        p.Sum(Officers, OfficerBins);
        UnknownOfficer = p.Add(rows.Count(r => r.Requester is null));
        p.AtLeast([(Total, 1), (UnknownOfficer, -1)], 0);
    }
}
