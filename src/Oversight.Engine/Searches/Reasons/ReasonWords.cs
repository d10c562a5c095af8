using System.Text;
using Oversight.Text;

namespace Oversight.Searches.Reasons;

/// <summary>
/// A reason as the vague-reason rule reads it: folded (<see cref="TextFold.Fold"/>), cut into words
/// (runs of letters and digits), letters written apart joined ("i n v" and "I.N.V." are "inv"),
/// filler words and short numbers dropped, and each word kept once — so that padding a vague reason
/// with repeats, punctuation, spacing or filler does not make it say more.
/// </summary>
internal static class ReasonWords
{
    /// <summary>Words that say nothing about why a search was run.</summary>
    public static readonly IReadOnlyList<string> DefaultFiller =
    [
        "a", "an", "the", "for", "of", "to", "re", "and", "or", "per", "on", "in", "with", "by", "is", "was",
        "purpose", "purposes", "reason", "reasons", "related", "only", "just", "general", "possible", "search", "searching",
    ];

    /// <summary>The reason's words in order, each once.</summary>
    public static List<string> Of(string? text, IReadOnlySet<string> filler)
    {
        var words = new List<string>();
        if (string.IsNullOrEmpty(text))
        {
            return words;
        }

        var raw = Split(TextFold.Fold(text));
        var joined = new List<string>(raw.Count);
        var letters = new StringBuilder();
        foreach (var word in raw)
        {
            if (word.Length == 1 && char.IsLetter(word[0]))
            {
                letters.Append(word);
                continue;
            }

            Flush();
            joined.Add(word);
        }

        Flush();
        foreach (var word in joined)
        {
            if (filler.Contains(word) || (word.Length < 4 && word.All(char.IsAsciiDigit)) || words.Contains(word, StringComparer.Ordinal))
            {
                continue;
            }

            words.Add(word);
        }

        return words;

        void Flush()
        {
            if (letters.Length > 0)
            {
                joined.Add(letters.ToString());
                letters.Clear();
            }
        }
    }

    /// <summary>The runs of letters and digits of a folded text.</summary>
    public static List<string> Split(string folded)
    {
        var words = new List<string>();
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
                words.Add(folded[start..i]);
            }
        }

        return words;
    }
}
