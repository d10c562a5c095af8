namespace Oversight.Reports.Disclosure;

/// <summary>
/// What an intruder can work out about withheld cells from everything published: the linear
/// program over one connected group of withheld cells (published cells are constants), the
/// bounds each withheld cell is known to lie in — 1 to suppressBelow − 1 for a "&lt;5", 0 or more
/// for a "[c]" (and for every withheld cell when small ones are not marked) — and whether a cell is pinned: whether no whole-number solution gives it any
/// value but its true one.
/// </summary>
internal sealed class Exposure
{
    private const int BranchLimit = 2_000;

    private readonly double[][] a;
    private readonly double[] b;
    private readonly double[] lower;
    private readonly double[] upper;
    private readonly Dictionary<int, int> variableOf;
    private readonly BoundedSimplex simplex;

    private Exposure(double[][] a, double[] b, double[] lower, double[] upper, Dictionary<int, int> variableOf)
    {
        this.a = a;
        this.b = b;
        this.lower = lower;
        this.upper = upper;
        this.variableOf = variableOf;
        simplex = new BoundedSimplex(a, b, lower, upper);
        if (!simplex.FindFeasible())
        {
            throw new InvalidOperationException("The true counts do not satisfy the published relations; the report model is inconsistent.");
        }
    }

    /// <summary>The program over the withheld cells <paramref name="members"/> (one connected group) and every relation that touches them.</summary>
    public static Exposure Of(DisclosureProblem problem, IReadOnlyList<CellState> states, IReadOnlyList<int> members, IReadOnlyList<List<int>> relationsOf, bool smallMarked = true)
    {
        var variableOf = new Dictionary<int, int>(members.Count);
        foreach (var cell in members)
        {
            variableOf[cell] = variableOf.Count;
        }

        var touched = members.SelectMany(c => relationsOf[c]).Distinct().Order().ToList();
        var slacks = touched.Count(r => !problem.Relations[r].IsEquality);
        var n = members.Count + slacks;
        var rows = new double[touched.Count][];
        var rhs = new double[touched.Count];
        var slack = members.Count;
        for (var i = 0; i < touched.Count; i++)
        {
            var relation = problem.Relations[touched[i]];
            var row = new double[n];
            var constant = relation.Constant;
            foreach (var (cell, coefficient) in relation.Terms)
            {
                if (variableOf.TryGetValue(cell, out var v))
                {
                    row[v] += coefficient;
                }
                else
                {
                    constant -= coefficient * problem.Cells[cell].Value;
                }
            }

            if (!relation.IsEquality)
            {
                row[slack++] = -1;
            }

            rows[i] = row;
            rhs[i] = constant;
        }

        var lower = new double[n];
        var upper = new double[n];
        for (var j = 0; j < n; j++)
        {
            var small = smallMarked && j < members.Count && states[members[j]] == CellState.Small;
            lower[j] = small ? 1 : 0;
            upper[j] = small ? problem.SuppressBelow - 1 : double.PositiveInfinity;
        }

        return new Exposure(rows, rhs, lower, upper, variableOf);
    }

    /// <summary>The least and greatest value the cell can take in the linear relaxation.</summary>
    public (double Min, double Max) Range(int cell)
    {
        var v = variableOf[cell];
        return (simplex.Bound(v, maximise: false), simplex.Bound(v, maximise: true));
    }

    /// <summary>True when no whole-number solution gives the cell a value other than <paramref name="truth"/>.</summary>
    public bool IsPinned(int cell, int truth)
    {
        var v = variableOf[cell];
        return !Movable(v, truth, up: true) && !Movable(v, truth, up: false);
    }

    private bool Movable(int v, int truth, bool up)
    {
        var bound = simplex.Bound(v, maximise: up);
        if (up ? bound < truth + 1 - 1e-7 : bound > truth - 1 + 1e-7)
        {
            return false;
        }

        if (simplex.IsIntegral())
        {
            return true;
        }

        var lo = (double[])lower.Clone();
        var hi = (double[])upper.Clone();
        if (up)
        {
            lo[v] = Math.Max(lo[v], truth + 1);
        }
        else
        {
            hi[v] = Math.Min(hi[v], truth - 1);
        }

        var nodes = 0;
        return IntegerFeasible(lo, hi, ref nodes);
    }

    /// <summary>Depth-first branch and bound for any whole-number solution; giving up counts as none (the cautious answer).</summary>
    private bool IntegerFeasible(double[] lo, double[] hi, ref int nodes)
    {
        if (++nodes > BranchLimit)
        {
            return false;
        }

        var node = new BoundedSimplex(a, b, lo, hi);
        if (!node.FindFeasible())
        {
            return false;
        }

        var j = node.Fractional();
        if (j < 0)
        {
            return true;
        }

        var value = node.Value(j);
        var down = (double[])hi.Clone();
        down[j] = Math.Floor(value);
        if (down[j] >= lo[j] && IntegerFeasible(lo, down, ref nodes))
        {
            return true;
        }

        var upLower = (double[])lo.Clone();
        upLower[j] = Math.Ceiling(value);
        return upLower[j] <= hi[j] && IntegerFeasible(upLower, hi, ref nodes);
    }
}
