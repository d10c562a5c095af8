using System.Collections.Frozen;

namespace Oversight.Searches.Reasons;

/// <summary>How a reason matched a vague phrase.</summary>
/// <param name="Phrase">The phrase as the policy wrote it.</param>
/// <param name="How">"exactly", "misspelt" (within the edit distance), "abbreviated" (each word a prefix of the phrase's), "strung together" (several vague phrases one after another), or "says nothing" (no word left).</param>
public readonly record struct VagueMatch(string Phrase, string How);

/// <summary>
/// The phrases a vague-reason rule lists, and the test: after <see cref="ReasonWords"/> the reason's
/// words are those of one phrase — exactly, misspelt (Damerau–Levenshtein distance of the joined
/// words within the allowance), or abbreviated (each word the first three or more letters of the
/// phrase's word: "inv", "invest", "crim inv"). A reason with no word left says nothing and is vague.
/// The allowance grows with the phrase, so that short words are not taken for each other: no edit
/// under 5 letters, one under 10, then <see cref="MaxEdits"/> (default 2: "invetigation",
/// "investagation", "investigatiom" are "investigation"; "uuv" is not "inv").
/// </summary>
public sealed class VaguePhrases
{
    private readonly (string Written, string[] Words, string Joined)[] phrases;
    private readonly FrozenSet<string> exact;
    private readonly FrozenSet<string> filler;

    public VaguePhrases(IEnumerable<string> phrases, int maxEdits = 2, IEnumerable<string>? filler = null)
    {
        ArgumentNullException.ThrowIfNull(phrases);
        ArgumentOutOfRangeException.ThrowIfNegative(maxEdits);
        MaxEdits = maxEdits;
        this.filler = (filler ?? ReasonWords.DefaultFiller).Select(f => Text.TextFold.Fold(f)).ToFrozenSet(StringComparer.Ordinal);
        var kept = new List<(string, string[], string)>();
        var fillerOnly = new List<string>();
        foreach (var written in phrases.Select(p => p.Trim()).Where(p => p.Length > 0))
        {
            var words = ReasonWords.Of(written, this.filler).ToArray();
            if (words.Length == 0)
            {
                fillerOnly.Add(written);
            }
            else if (!kept.Exists(k => k.Item3 == string.Join(' ', words)))
            {
                kept.Add((written, words, string.Join(' ', words)));
            }
        }

        FillerOnly = fillerOnly;

        this.phrases = [.. kept];
        exact = kept.Select(k => k.Item3).ToFrozenSet(StringComparer.Ordinal);
        Phrases = [.. kept.Select(k => k.Item1)];
        memo = new Memo<string, VagueMatch?>(Read);
    }

    private readonly Memo<string, VagueMatch?> memo;

    /// <summary>The phrases as the policy wrote them.</summary>
    public IReadOnlyList<string> Phrases { get; }

    /// <summary>Phrases made only of filler words: every reason made only of filler is vague already.</summary>
    public IReadOnlyList<string> FillerOnly { get; }

    /// <summary>The filler words dropped from reasons and phrases, folded.</summary>
    public IReadOnlyCollection<string> Filler => filler;

    /// <summary>The most edits a long phrase allows.</summary>
    public int MaxEdits { get; }

    /// <summary>The words the reason is read as (for messages and tests).</summary>
    public IReadOnlyList<string> Words(string? reason) => ReasonWords.Of(reason, filler);

    /// <summary>The phrase the whole reason is, or null when it says something more.</summary>
    public VagueMatch? Match(string? reason) => reason is null ? Read(string.Empty) : memo[reason];

    private VagueMatch? Read(string reason)
    {
        var words = ReasonWords.Of(reason, filler);
        if (words.Count == 0)
        {
            return new VagueMatch(string.Empty, "says nothing");
        }

        if (Segment(words, 0, words.Count) is { } whole)
        {
            return whole;
        }

        // Vague phrases strung together say no more than one: "investigation - police business".
        if (words.Count > MaxWords)
        {
            return null;
        }

        var best = new VagueMatch?[words.Count + 1];
        var reached = new bool[words.Count + 1];
        reached[0] = true;
        for (var end = 1; end <= words.Count; end++)
        {
            for (var start = 0; start < end && !reached[end]; start++)
            {
                if (reached[start] && Segment(words, start, end) is { } part)
                {
                    reached[end] = true;
                    best[end] = start == 0 ? part : new VagueMatch($"{best[start]!.Value.Phrase}' + '{part.Phrase}", "strung together");
                }
            }
        }

        return reached[words.Count] ? best[words.Count] : null;
    }

    /// <summary>Reasons of more words than this are never read as vague phrases strung together.</summary>
    private const int MaxWords = 40;

    /// <summary>The phrase that words[start..end) is, exactly, misspelt or abbreviated.</summary>
    private VagueMatch? Segment(List<string> words, int start, int end)
    {
        var joined = string.Join(' ', words.Skip(start).Take(end - start));
        if (exact.Contains(joined))
        {
            return new VagueMatch(phrases.First(p => p.Joined == joined).Written, "exactly");
        }

        foreach (var (written, phraseWords, phraseJoined) in phrases)
        {
            var allowed = Allowance(phraseJoined.Length);
            if (allowed > 0 && Math.Abs(phraseJoined.Length - joined.Length) <= allowed && Distance(joined, phraseJoined, allowed) <= allowed)
            {
                return new VagueMatch(written, "misspelt");
            }

            if (end - start == phraseWords.Length && Enumerable.Range(start, end - start).All(i => Abbreviates(words[i], phraseWords[i - start])))
            {
                return new VagueMatch(written, "abbreviated");
            }
        }

        return null;
    }

    private int Allowance(int length) => length < 5 ? 0 : length < 10 ? Math.Min(1, MaxEdits) : MaxEdits;

    /// <summary>A word of three or more letters that begins the phrase's word (and is not all of it).</summary>
    private static bool Abbreviates(string word, string of) =>
        word.Length >= 3 && word.Length < of.Length && of.StartsWith(word, StringComparison.Ordinal) && word.All(char.IsLetter);

    /// <summary>Optimal string alignment distance (Damerau–Levenshtein with adjacent transpositions), stopping early past <paramref name="bound"/>.</summary>
    internal static int Distance(string a, string b, int bound)
    {
        var previous2 = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var best = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, previous2[j - 2] + 1);
                }

                current[j] = value;
                best = Math.Min(best, value);
            }

            if (best > bound)
            {
                return bound + 1;
            }

            (previous2, previous, current) = (previous, current, previous2);
        }

        return previous[b.Length];
    }
}
