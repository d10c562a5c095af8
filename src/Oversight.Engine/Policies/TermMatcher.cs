using System.Buffers;
using System.Text;
using Oversight.Text;

namespace Oversight.Policies;

/// <summary>How a forbidden term matches words of a text.</summary>
public enum TermMatch
{
    /// <summary>The term and its regular English forms (protest: protests, protested, protesting, protesters, protestors). The default.</summary>
    Inflections,

    /// <summary>The term as a whole word only.</summary>
    Words,
}

/// <summary>A forbidden term found in a text: the term as the policy wrote it and the word as it stood, folded.</summary>
public readonly record struct TermHit(string Term, string Found);

/// <summary>
/// Finds forbidden terms as whole words after folding both the terms and the text the same way
/// (<see cref="TextFold.Fold"/>: compatibility forms, case, accents, invisible characters and
/// look-alike letters), so that "ＰＲＯＴＥＳＴ", "prötest", "pro\u00ADtest" and "prоtest" with a
/// Cyrillic о are all "protest". With <see cref="TermMatch.Inflections"/> (the default) a
/// term's last word also matches its regular English forms. Words are runs of letters and
/// digits; a term of several words matches those words in order with anything but letters and
/// digits between them.
/// </summary>
public sealed class TermMatcher
{
    private readonly string[] terms;
    private readonly Dictionary<string, List<Term>> byFirstWord = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Term>>.AlternateLookup<ReadOnlySpan<char>> lookup;
    private readonly SearchValues<string> stems;
    private readonly SearchValues<string> stemsAnyCase;

    public TermMatcher(IEnumerable<string> terms, TermMatch match = TermMatch.Inflections)
    {
        ArgumentNullException.ThrowIfNull(terms);
        Match = match;
        var folded = new HashSet<string>(StringComparer.Ordinal);
        var kept = new List<string>();
        var stemList = new List<string>();
        foreach (var written in terms.Select(t => t.Trim()).Where(t => t.Length > 0))
        {
            var words = Words(TextFold.Fold(written)).Select(r => r.Text).ToArray();
            if (words.Length == 0 || !folded.Add(string.Join(' ', words)))
            {
                continue;
            }

            kept.Add(written);
            var lastForms = match == TermMatch.Inflections ? Inflections.Of(words[^1]) : [words[^1]];
            var term = new Term(written, words, lastForms.ToHashSet(StringComparer.Ordinal));
            var firstForms = words.Length == 1 ? lastForms : [words[0]];
            foreach (var form in firstForms)
            {
                if (!byFirstWord.TryGetValue(form, out var list))
                {
                    byFirstWord[form] = list = [];
                }

                list.Add(term);
            }

            stemList.Add(CommonPrefix(firstForms));
        }

        this.terms = [.. kept];
        lookup = byFirstWord.GetAlternateLookup<ReadOnlySpan<char>>();
        string[] distinct = stemList.Count == 0 ? [" "] : [.. stemList.Distinct(StringComparer.Ordinal)];
        stems = SearchValues.Create(distinct, StringComparison.Ordinal);
        stemsAnyCase = SearchValues.Create(distinct, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The terms as the policy wrote them.</summary>
    public IReadOnlyList<string> Terms => terms;

    public TermMatch Match { get; }

    public bool IsMatch(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return !SurelyAbsent(text) && Find(text, all: false).Count > 0;
    }

    /// <summary>Every distinct term found, in the order first found, with the word that matched it.</summary>
    public IReadOnlyList<TermHit> Matches(string text) => Find(text, all: true);

    /// <summary>
    /// Plain ASCII without control characters folds only by case and spacing, which cannot make a
    /// stem appear unless letters are written apart ("I.C.E."): the common case is settled without
    /// folding or allocating.
    /// </summary>
    private bool SurelyAbsent(string text) =>
        terms.Length == 0 || (Ascii.IsValid(text) && !text.AsSpan().ContainsAnyInRange('\u0000', '\u001F') && !text.AsSpan().ContainsAny(stemsAnyCase) && !SpacedLetters(text));

    private List<TermHit> Find(string text, bool all)
    {
        ArgumentNullException.ThrowIfNull(text);
        var hits = new List<TermHit>();
        if (SurelyAbsent(text))
        {
            return hits;
        }

        var folded = TextFold.Fold(text);
        var spaced = SpacedLetters(folded);
        if (folded.AsSpan().IndexOfAny(stems) < 0 && !spaced)
        {
            return hits;
        }

        Scan(folded, Words(folded), hits, all);
        if (spaced && (all || hits.Count == 0))
        {
            // Letters written apart ("I.C.E.", "r i o t") are read once more as the word they spell.
            Scan(folded, Joined(Words(folded)), hits, all);
        }

        return hits;
    }

    private void Scan(string folded, List<(string Text, int Start, int End)> words, List<TermHit> hits, bool all)
    {
        for (var i = 0; i < words.Count; i++)
        {
            if (!lookup.TryGetValue(words[i].Text.AsSpan(), out var candidates))
            {
                continue;
            }

            foreach (var term in candidates)
            {
                if (term.MatchesAt(words, i, out var end) && !hits.Exists(h => ReferenceEquals(h.Term, term.Written)))
                {
                    hits.Add(new TermHit(term.Written, folded[words[i].Start..end]));
                    if (!all)
                    {
                        return;
                    }
                }
            }
        }
    }

    /// <summary>True when the text has two single letters in a row, each standing alone ("I.C.E.", "r i o t").</summary>
    private static bool SpacedLetters(string text)
    {
        var previousSingle = false;
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetterOrDigit(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && char.IsLetterOrDigit(text[i]))
            {
                i++;
            }

            var single = i - start == 1 && char.IsLetter(text[start]);
            if (single && previousSingle)
            {
                return true;
            }

            previousSingle = single;
        }

        return false;
    }

    /// <summary>The words with every run of two or more single letters joined into one word.</summary>
    private static List<(string Text, int Start, int End)> Joined(List<(string Text, int Start, int End)> words)
    {
        var joined = new List<(string, int, int)>(words.Count);
        var i = 0;
        while (i < words.Count)
        {
            var run = i;
            while (run < words.Count && words[run].Text.Length == 1 && char.IsLetter(words[run].Text[0]))
            {
                run++;
            }

            if (run - i >= 2)
            {
                joined.Add((string.Concat(words.Skip(i).Take(run - i).Select(w => w.Text)), words[i].Start, words[run - 1].End));
                i = run;
            }
            else
            {
                joined.Add(words[i]);
                i++;
            }
        }

        return joined;
    }

    /// <summary>The runs of letters and digits of a folded text.</summary>
    private static List<(string Text, int Start, int End)> Words(string folded)
    {
        var words = new List<(string, int, int)>();
        var i = 0;
        while (i < folded.Length)
        {
            while (i < folded.Length && !char.IsLetterOrDigit(folded[i]))
            {
                i++;
            }

            var start = i;
            while (i < folded.Length && char.IsLetterOrDigit(folded[i]))
            {
                i++;
            }

            if (i > start)
            {
                words.Add((folded[start..i], start, i));
            }
        }

        return words;
    }

    private static string CommonPrefix(IReadOnlyCollection<string> forms)
    {
        var prefix = forms.First();
        foreach (var form in forms)
        {
            var n = 0;
            while (n < prefix.Length && n < form.Length && prefix[n] == form[n])
            {
                n++;
            }

            prefix = prefix[..n];
        }

        return prefix.Length == 0 ? forms.First() : prefix;
    }

    private sealed record Term(string Written, string[] Words, HashSet<string> LastForms)
    {
        public bool MatchesAt(List<(string Text, int Start, int End)> text, int index, out int end)
        {
            end = 0;
            if (index + Words.Length > text.Count)
            {
                return false;
            }

            for (var k = 0; k < Words.Length; k++)
            {
                var word = text[index + k].Text;
                var ok = k == Words.Length - 1 ? LastForms.Contains(word) : word == Words[k];
                if (!ok)
                {
                    return false;
                }
            }

            var last = text[index + Words.Length - 1];
            end = last.End;
            return true;
        }
    }
}
