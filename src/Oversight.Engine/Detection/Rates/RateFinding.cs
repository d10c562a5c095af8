namespace Oversight.Detection.Rates;

/// <summary>Turns a flagged week into a finding: metrics, drivers, severity and the sentence.</summary>
internal static class RateFinding
{
    /// <summary>A feature drives an anomaly when it holds at least this share of the unexplained part.</summary>
    private const double DriverShare = 0.2;

    public static Finding Describe(DetectionContext context, Subject subject, int w, double z, (double Score, double Percentile, double[] Shares)? rank)
    {
        var week = subject.Weeks[w];
        var usual = Robust.Median(subject.Weeks.Select(x => (double)x.Count).Order().ToArray());
        var drivers = Drivers(subject, w, rank);
        var threshold = context.Settings.RateZScore;
        var percentile = rank?.Percentile ?? 0;
        var severity = z >= 2 * threshold || percentile >= 0.95 ? Severity.High
            : z >= 1.5 * threshold || percentile >= 0.75 ? Severity.Medium
            : Severity.Low;
        var who = subject.Requester is null ? subject.Agency : $"One requester at {subject.Agency}";
        var also = drivers.Where(d => d != WeeklyFeatures.Names[0]).ToList();
        var explanation =
            $"{who} made {week.Count} requests in the week of {week.Week:d MMM yyyy}, against a usual {Wording.Number(usual)} a week " +
            $"(robust z-score {Wording.Number(z, "0.0")})" +
            (also.Count > 0 ? $"; also unusual that week: {string.Join(", ", also.Select(d => Describe(d, subject, w)))}." : ".");
        var metrics = new List<KeyValuePair<string, double>>
        {
            new("requests", week.Count),
            new("usualPerWeek", usual),
            new("zScore", Wording.Round(z, 2)),
            new("weeks", subject.Weeks.Count),
        };
        if (rank is { } r)
        {
            metrics.Add(new("pcaScore", Wording.Round(r.Score, 4)));
            metrics.Add(new("pcaPercentile", Wording.Round(r.Percentile, 3)));
        }

        var (first, last) = context.Span(week.Requests);
        return new Finding(
            FindingIds.Of(FindingKind.RateAnomaly, subject.Agency, subject.Requester ?? string.Empty, week.Week.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            FindingKind.RateAnomaly,
            severity,
            subject.Agency,
            context.Ids(week.Requests),
            metrics,
            explanation,
            first,
            last,
            subject.Requester,
            drivers);
    }

    /// <summary>
    /// The features that set the week apart: from the PCA residual when the model was trained
    /// (count first when it is among them), else the count alone.
    /// </summary>
    private static List<string> Drivers(Subject subject, int w, (double Score, double Percentile, double[] Shares)? rank)
    {
        var drivers = new List<string> { WeeklyFeatures.Names[0] };
        if (rank is not { } r)
        {
            return drivers;
        }

        foreach (var f in Enumerable.Range(1, r.Shares.Length - 1).OrderByDescending(f => r.Shares[f]))
        {
            if (r.Shares[f] >= DriverShare && OwnDeviation(subject, w, f) >= 2)
            {
                drivers.Add(WeeklyFeatures.Names[f]);
            }
        }

        return drivers;
    }

    /// <summary>How far (robust z, absolute) the feature sits from the subject's own active weeks.</summary>
    private static double OwnDeviation(Subject subject, int w, int feature)
    {
        var series = subject.Weeks.Where(x => x.Count > 0).Select(x => x.Vector[feature]).ToList();
        return series.Count < 2 ? 0 : Math.Abs(Robust.ZScore(subject.Weeks[w].Vector[feature], series, WeeklyFeatures.Floors[feature]));
    }

    private static string Describe(string driver, Subject subject, int w)
    {
        var f = Array.IndexOf(WeeklyFeatures.Names, driver);
        var value = subject.Weeks[w].Vector[f];
        var usual = Robust.Median(subject.Weeks.Where(x => x.Count > 0).Select(x => x.Vector[f]).Order().ToArray());
        return f switch
        {
            1 => $"median area {Wording.SquareMiles(value)} (usually {Wording.SquareMiles(usual)})",
            2 => $"median window {Wording.Hours(value)} (usually {Wording.Hours(usual)})",
            3 or 4 => $"{driver} {Wording.Number(100 * value, "0")}% (usually {Wording.Number(100 * usual, "0")}%)",
            _ => $"{driver} {Wording.Number(value)} (usually {Wording.Number(usual)})",
        };
    }
}
