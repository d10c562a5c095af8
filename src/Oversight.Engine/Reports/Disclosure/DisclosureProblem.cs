namespace Oversight.Reports.Disclosure;

/// <summary>How a published count is shown after disclosure control.</summary>
public enum CellState
{
    /// <summary>Printed exactly.</summary>
    Published,

    /// <summary>Primary suppression: a count from 1 to suppressBelow − 1 (printed "&lt;5").</summary>
    Small,

    /// <summary>Secondary (complementary) suppression: withheld so that a small count cannot be worked out (printed "[c]").</summary>
    Withheld,
}

/// <summary>
/// Everything a report publishes about counts, as an intruder sees it: the cells (each with its
/// true value and the cost of withholding it) and the relations between them that any reader can
/// use — a total equals the sum of its parts, a count is at most another, at least a constant.
/// <see cref="Suppression.Protect"/> decides which cells to withhold.
/// </summary>
internal sealed class DisclosureProblem
{
    private readonly List<Cell> cells = [];
    private readonly List<Relation> relations = [];

    public DisclosureProblem(int suppressBelow) => SuppressBelow = suppressBelow;

    /// <summary>The policy's suppressBelow: counts from 1 to this − 1 are small.</summary>
    public int SuppressBelow { get; }

    public IReadOnlyList<Cell> Cells => cells;

    public IReadOnlyList<Relation> Relations => relations;

    /// <summary>Adds a cell; <paramref name="weight"/> multiplies its cost (value + 1) as a secondary; a fixed cell is never withheld.</summary>
    public int Add(int value, double weight = 1, bool isFixed = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        cells.Add(new Cell(value, (value + 1) * weight, isFixed));
        return cells.Count - 1;
    }

    /// <summary>total = Σ parts.</summary>
    public void Sum(int total, IEnumerable<int> parts)
    {
        var terms = new List<(int, double)> { (total, 1) };
        terms.AddRange(parts.Select(p => (p, -1.0)));
        Add(new Relation(terms, 0, IsEquality: true));
    }

    /// <summary>Σ coefficient·cell ≥ constant.</summary>
    public void AtLeast(IEnumerable<(int Cell, double Coefficient)> terms, double constant) =>
        Add(new Relation([.. terms], constant, IsEquality: false));

    private void Add(Relation relation)
    {
        var sum = relation.Terms.Sum(t => t.Coefficient * cells[t.Cell].Value);
        if (relation.IsEquality ? Math.Abs(sum - relation.Constant) > 1e-9 : sum < relation.Constant - 1e-9)
        {
            throw new InvalidOperationException("A published relation does not hold for the true counts; the report model is inconsistent.");
        }

        relations.Add(relation);
    }

    /// <summary>A count: its true value, its cost as a secondary suppression, and whether it must always be printed.</summary>
    internal sealed record Cell(int Value, double Cost, bool IsFixed);

    /// <summary>Σ coefficient·cell = constant, or ≥ constant.</summary>
    internal sealed record Relation(IReadOnlyList<(int Cell, double Coefficient)> Terms, double Constant, bool IsEquality);
}
