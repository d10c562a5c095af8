namespace Oversight.Detection.Rates;

/// <summary>
/// How unlikely a week's count is under a subject's own history: the upper tail of a negative
/// binomial distribution (a Poisson one when the history shows no more spread than chance). It
/// holds for sparse subjects, where a z-score does not: an officer who searches once a month and
/// then five times in a week is unusual, but not at a z-score of 3.5 against a median of zero.
/// </summary>
internal static class CountTail
{
    /// <summary>
    /// The expected count of one week and the dispersion of the others, both from the other weeks
    /// only, so that a burst does not raise its own baseline. The daily rate is the other weeks'
    /// count over their days (never below half a search over them); the dispersion φ (variance
    /// μ + φμ²) is the method-of-moments estimate Σ[(c − μ)² − μ] / Σ μ² over the other weeks, or 0.
    /// </summary>
    /// <param name="counts">Every week's count.</param>
    /// <param name="days">Every week's days within the input (7, or fewer at the edges).</param>
    /// <param name="week">The week judged.</param>
    public static (double Expected, double Dispersion, double PerDay) Baseline(IReadOnlyList<int> counts, IReadOnlyList<int> days, int week)
    {
        long others = 0;
        long otherDays = 0;
        for (var j = 0; j < counts.Count; j++)
        {
            if (j != week)
            {
                others += counts[j];
                otherDays += days[j];
            }
        }

        if (otherDays == 0)
        {
            return (double.NaN, 0, 0);
        }

        var rate = Math.Max(others, 0.5) / otherDays;
        double excess = 0, squares = 0;
        for (var j = 0; j < counts.Count; j++)
        {
            if (j == week)
            {
                continue;
            }

            var mu = rate * days[j];
            excess += ((counts[j] - mu) * (counts[j] - mu)) - mu;
            squares += mu * mu;
        }

        var dispersion = squares > 0 ? Math.Max(0, excess / squares) : 0;
        return (rate * days[week], dispersion, rate);
    }

    /// <summary>P(X ≥ <paramref name="x"/>) for X negative binomial with mean <paramref name="mean"/> and variance mean + dispersion × mean²; Poisson when dispersion is 0.</summary>
    public static double Upper(int x, double mean, double dispersion)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(x);
        if (x == 0)
        {
            return 1;
        }

        if (mean <= 0)
        {
            return 0;
        }

        double logTerm;
        Func<int, double> ratio;
        if (dispersion <= 1e-9)
        {
            logTerm = -mean + (x * Math.Log(mean)) - LogGamma(x + 1.0);
            ratio = k => mean / (k + 1);
        }
        else
        {
            var r = 1 / dispersion;
            var q = mean / (r + mean);
            logTerm = LogGamma(x + r) - LogGamma(r) - LogGamma(x + 1.0) + (r * Math.Log(1 - q)) + (x * Math.Log(q));
            ratio = k => (k + r) / (k + 1) * q;
        }

        // Sum the tail from x upward; once the terms fall they fall at least geometrically.
        var term = Math.Exp(logTerm);
        var sum = 0.0;
        for (var k = x; k < x + 1_000_000; k++)
        {
            sum += term;
            var next = term * ratio(k);
            if (next < sum * 1e-16 || next == 0)
            {
                break;
            }

            term = next;
        }

        return Math.Min(1, sum);
    }

    /// <summary>ln Γ(z) for z &gt; 0 (Lanczos, g = 7), to about 15 digits.</summary>
    internal static double LogGamma(double z)
    {
        if (z < 0.5)
        {
            return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * z))) - LogGamma(1 - z);
        }

        z -= 1;
        var x = Coefficients[0];
        for (var i = 1; i < Coefficients.Length; i++)
        {
            x += Coefficients[i] / (z + i);
        }

        var t = z + 7.5;
        return (0.5 * Math.Log(2 * Math.PI)) + ((z + 0.5) * Math.Log(t)) - t + Math.Log(x);
    }

    private static readonly double[] Coefficients =
    [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
        12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
    ];
}
