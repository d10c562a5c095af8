namespace Oversight.Detection.Rates;

/// <summary>What a subject (an agency, or one requester) did in one local week, Monday to Sunday.</summary>
internal sealed record WeeklyFeatures(DateOnly Week, int[] Requests)
{
    /// <summary>Feature names in vector order, as findings name their drivers.</summary>
    public static readonly string[] Names =
    [
        "request count",
        "median area",
        "median window",
        "share submitted 01:00-05:00",
        "share without a case number",
        "distinct cases",
    ];

    /// <summary>The smallest spread that means anything for each feature, in its own unit: below it a change is noise.</summary>
    public static readonly double[] Floors = [1, 0.01, 0.25, 0.05, 0.05, 1];

    public int Count => Requests.Length;

    /// <summary>count, median area (sq mi), median window (h), share submitted 01:00–05:00 local, share without a case number, distinct cases.</summary>
    public required double[] Vector { get; init; }

    public static WeeklyFeatures Of(DetectionContext context, DateOnly week, int[] requests)
    {
        if (requests.Length == 0)
        {
            return new WeeklyFeatures(week, requests) { Vector = new double[Names.Length] };
        }

        var areas = requests.Select(i => context.Requests[i].Area.SquareMiles).Order().ToArray();
        var windows = requests.Select(i => context.Requests[i].Window.Hours).Order().ToArray();
        var offHours = requests.Count(i => context.Local(context.Submitted[i]).Hour is >= 1 and < 5);
        var noCase = requests.Count(i => string.IsNullOrWhiteSpace(context.Requests[i].CaseNumber));
        var cases = requests.Select(i => context.Requests[i].CaseNumber is { } c ? Text.TextFold.Key(c) : null).Where(c => !string.IsNullOrEmpty(c)).Distinct(StringComparer.Ordinal).Count();
        return new WeeklyFeatures(week, requests)
        {
            Vector =
            [
                requests.Length,
                Robust.Median(areas),
                Robust.Median(windows),
                (double)offHours / requests.Length,
                (double)noCase / requests.Length,
                cases,
            ],
        };
    }

    /// <summary>The Monday that starts the local week holding a time.</summary>
    public static DateOnly WeekOf(DateTimeOffset local)
    {
        var day = DateOnly.FromDateTime(local.Date);
        return day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
    }
}

/// <summary>Median and median absolute deviation, the robust baseline of a series.</summary>
internal static class Robust
{
    /// <summary>Median of values already sorted ascending.</summary>
    public static double Median(double[] sorted) =>
        sorted.Length == 0 ? 0 : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;

    /// <summary>
    /// (x − median) / (1.4826 × MAD), the robust z-score, with the spread never taken below
    /// <paramref name="floor"/> so that a series that hardly varies does not make ordinary wobble look extreme.
    /// </summary>
    public static double ZScore(double x, IReadOnlyList<double> series, double floor)
    {
        var sorted = series.Order().ToArray();
        var median = Median(sorted);
        var mad = Median(sorted.Select(v => Math.Abs(v - median)).Order().ToArray());
        return (x - median) / Math.Max(1.4826 * mad, floor);
    }

    /// <summary>
    /// The robust z-score of a count against a series of counts, on the square-root scale
    /// (2√n), where chance (Poisson) variation is about 1 whatever the usual level; the spread is
    /// never taken below that.
    /// </summary>
    public static double CountZScore(int count, IEnumerable<int> counts) =>
        ZScore(2 * Math.Sqrt(count), counts.Select(c => 2 * Math.Sqrt(c)).ToList(), 1);
}
