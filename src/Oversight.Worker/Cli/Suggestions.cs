namespace Oversight.Worker.Cli;

/// <summary>"Did you mean …?" for a mistyped command or option: the closest known word within two edits.</summary>
internal static class Suggestions
{
    /// <summary>The candidate nearest to <paramref name="typed"/>, if it is close enough to be what was meant.</summary>
    public static string? Closest(string typed, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(typed);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = Distance(typed.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }

        // Two edits for longer words, one for short ones, so that "kes" suggests "keys" but "ab" suggests nothing.
        var allowed = typed.Length <= 4 ? 1 : 2;
        return bestDistance <= allowed ? best : null;
    }

    /// <summary>" (did you mean 'x'?)" or nothing.</summary>
    public static string DidYouMean(string typed, IEnumerable<string> candidates, string prefix = "") =>
        Closest(typed, candidates) is { } near ? $" (did you mean '{prefix}{near}'?)" : string.Empty;

    /// <summary>Edit distance counting an exchange of two neighbouring letters as one edit (optimal string alignment).</summary>
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
