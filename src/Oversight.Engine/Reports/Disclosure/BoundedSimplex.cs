namespace Oversight.Reports.Disclosure;

/// <summary>
/// A small dense primal simplex for <c>A x = b, l ≤ x ≤ u</c> with bounded variables (a
/// nonbasic variable rests at its lower or upper bound). Phase 1 finds a feasible point with one
/// artificial variable per row; after it, any number of objectives are optimised from the last
/// basis, so bounding every suppressed cell of a table costs one phase 1 and a few pivots per cell.
/// </summary>
/// <remarks>
/// Dantzig's rule picks the entering column; after a run of degenerate pivots Bland's rule takes
/// over, which cannot cycle. Sizes here are a few hundred columns at most: dense rows are fastest.
/// </remarks>
internal sealed class BoundedSimplex
{
    private const double Eps = 1e-9;
    private const int DegenerateBeforeBland = 50;

    private readonly int rows;
    private readonly int columns;
    private readonly double[][] tableau;
    private readonly double[] lower;
    private readonly double[] upper;
    private readonly double[] x;
    private readonly int[] basis;
    private readonly bool[] isBasic;
    private readonly bool[] deadRow;

    /// <summary>Sets up the system; <paramref name="a"/> is rows × variables, bounds may be infinite above.</summary>
    public BoundedSimplex(double[][] a, double[] b, double[] lower, double[] upper)
    {
        rows = b.Length;
        var n = lower.Length;
        columns = n + rows;
        tableau = new double[rows][];
        this.lower = new double[columns];
        this.upper = new double[columns];
        x = new double[columns];
        basis = new int[rows];
        isBasic = new bool[columns];
        deadRow = new bool[rows];
        for (var j = 0; j < n; j++)
        {
            this.lower[j] = lower[j];
            this.upper[j] = upper[j];
            x[j] = lower[j];
        }

        for (var i = 0; i < rows; i++)
        {
            var residual = b[i];
            for (var j = 0; j < n; j++)
            {
                residual -= a[i][j] * x[j];
            }

            var sign = residual < 0 ? -1.0 : 1.0;
            var row = new double[columns];
            for (var j = 0; j < n; j++)
            {
                row[j] = sign * a[i][j];
            }

            row[n + i] = 1;
            tableau[i] = row;
            basis[i] = n + i;
            isBasic[n + i] = true;
            x[n + i] = Math.Abs(residual);
            this.upper[n + i] = double.PositiveInfinity;
        }

        Variables = n;
    }

    /// <summary>Number of structural variables.</summary>
    public int Variables { get; }

    /// <summary>The current value of a structural variable.</summary>
    public double Value(int variable) => x[variable];

    /// <summary>True when every structural variable is within <paramref name="tolerance"/> of a whole number.</summary>
    public bool IsIntegral(double tolerance = 1e-6)
    {
        for (var j = 0; j < Variables; j++)
        {
            if (Math.Abs(x[j] - Math.Round(x[j])) > tolerance)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The first structural variable that is not whole, or −1.</summary>
    public int Fractional(double tolerance = 1e-6)
    {
        for (var j = 0; j < Variables; j++)
        {
            if (Math.Abs(x[j] - Math.Round(x[j])) > tolerance)
            {
                return j;
            }
        }

        return -1;
    }

    /// <summary>Phase 1: false when the system has no solution within the bounds.</summary>
    public bool FindFeasible()
    {
        var cost = new double[columns];
        for (var i = 0; i < rows; i++)
        {
            cost[Variables + i] = 1;
        }

        if (!Optimise(cost))
        {
            return false;
        }

        var infeasibility = 0.0;
        for (var i = 0; i < rows; i++)
        {
            infeasibility += x[Variables + i];
        }

        if (infeasibility > 1e-7)
        {
            return false;
        }

        // Drive the artificial variables out of the basis; a row where none can leave is redundant.
        for (var i = 0; i < rows; i++)
        {
            if (basis[i] < Variables)
            {
                continue;
            }

            var entering = -1;
            for (var j = 0; j < Variables; j++)
            {
                if (!isBasic[j] && Math.Abs(tableau[i][j]) > 1e-7)
                {
                    entering = j;
                    break;
                }
            }

            if (entering < 0)
            {
                deadRow[i] = true;
                continue;
            }

            Pivot(i, entering);
        }

        for (var j = Variables; j < columns; j++)
        {
            upper[j] = 0;
            if (!isBasic[j])
            {
                x[j] = 0;
            }
        }

        return true;
    }

    /// <summary>Phase 2 from the current feasible basis: the least value of one variable (or the greatest); infinity when unbounded.</summary>
    public double Bound(int variable, bool maximise)
    {
        var cost = new double[columns];
        cost[variable] = maximise ? -1 : 1;
        return Optimise(cost) ? x[variable] : (maximise ? double.PositiveInfinity : double.NegativeInfinity);
    }

    /// <summary>Minimises cost·x; false when unbounded.</summary>
    private bool Optimise(double[] cost)
    {
        var degenerate = 0;
        var reduced = new double[columns];
        for (var iteration = 0; iteration < 100_000; iteration++)
        {
            for (var j = 0; j < columns; j++)
            {
                reduced[j] = cost[j];
            }

            for (var i = 0; i < rows; i++)
            {
                var cb = cost[basis[i]];
                if (cb == 0 || deadRow[i])
                {
                    continue;
                }

                var row = tableau[i];
                for (var j = 0; j < columns; j++)
                {
                    reduced[j] -= cb * row[j];
                }
            }

            var bland = degenerate >= DegenerateBeforeBland;
            var entering = -1;
            var best = 0.0;
            for (var j = 0; j < columns; j++)
            {
                if (isBasic[j] || upper[j] - lower[j] < Eps)
                {
                    continue;
                }

                var atLower = x[j] <= lower[j] + Eps;
                var gain = atLower ? -reduced[j] : reduced[j];
                if (gain > Eps && (entering < 0 || (!bland && gain > best)))
                {
                    entering = j;
                    best = gain;
                    if (bland)
                    {
                        break;
                    }
                }
            }

            if (entering < 0)
            {
                return true;
            }

            var direction = x[entering] <= lower[entering] + Eps ? 1.0 : -1.0;
            var step = upper[entering] - lower[entering];
            var leaving = -1;
            for (var i = 0; i < rows; i++)
            {
                if (deadRow[i])
                {
                    continue;
                }

                var change = -direction * tableau[i][entering];
                var b = basis[i];
                double limit;
                if (change < -Eps)
                {
                    limit = (x[b] - lower[b]) / -change;
                }
                else if (change > Eps && !double.IsPositiveInfinity(upper[b]))
                {
                    limit = (upper[b] - x[b]) / change;
                }
                else
                {
                    continue;
                }

                limit = Math.Max(0, limit);
                if (limit < step - Eps || (limit < step + Eps && leaving >= 0 && b < basis[leaving]))
                {
                    step = limit;
                    leaving = i;
                }
            }

            if (double.IsPositiveInfinity(step))
            {
                return false;
            }

            degenerate = step < Eps ? degenerate + 1 : 0;
            x[entering] += direction * step;
            for (var i = 0; i < rows; i++)
            {
                if (!deadRow[i])
                {
                    x[basis[i]] -= direction * tableau[i][entering] * step;
                }
            }

            if (leaving >= 0)
            {
                var gone = basis[leaving];
                x[gone] = Math.Abs(x[gone] - lower[gone]) <= Math.Abs(x[gone] - upper[gone]) ? lower[gone] : upper[gone];
                Pivot(leaving, entering);
            }
        }

        throw new InvalidOperationException("The disclosure check's linear program did not converge.");
    }

    private void Pivot(int row, int entering)
    {
        var pivotRow = tableau[row];
        var pivot = pivotRow[entering];
        for (var j = 0; j < columns; j++)
        {
            pivotRow[j] /= pivot;
        }

        for (var i = 0; i < rows; i++)
        {
            if (i == row)
            {
                continue;
            }

            var other = tableau[i];
            var factor = other[entering];
            if (factor == 0)
            {
                continue;
            }

            for (var j = 0; j < columns; j++)
            {
                other[j] -= factor * pivotRow[j];
            }
        }

        isBasic[basis[row]] = false;
        basis[row] = entering;
        isBasic[entering] = true;
    }
}
