namespace Oversight.Text;

/// <summary>
/// The regular English forms of a word, for matching forbidden terms: plural and third person
/// (-s, -es, -ies), past (-ed, -d, -ied), present participle (-ing, dropping a final e, -ying for
/// -ie), and the agent nouns (-er, -or and their plurals), each also with a doubled final
/// consonant (plan → planning). Irregular forms are not produced; list them as terms of their own.
/// </summary>
internal static class Inflections
{
    private const string Vowels = "aeiou";

    /// <summary>The word and its forms, lower case; the word itself first.</summary>
    public static IReadOnlyList<string> Of(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var forms = new List<string> { word };
        if (word.Length < 2 || !word.All(char.IsAsciiLetterLower))
        {
            return forms;
        }

        void Add(string form)
        {
            if (!forms.Contains(form))
            {
                forms.Add(form);
            }
        }

        var last = word[^1];
        var stem = word[..^1];
        var consonantY = last == 'y' && !Vowels.Contains(word[^2], StringComparison.Ordinal);
        var endsInE = last == 'e';
        Add(word + "s");
        Add(word + "es");
        if (consonantY)
        {
            Add(stem + "ies");
            Add(stem + "ied");
            Add(stem + "ier");
            Add(stem + "iers");
        }

        if (endsInE)
        {
            Add(word + "d");
            Add(word + "r");
            Add(word + "rs");
            Add(stem + "ing");
            Add(stem + "or");
            Add(stem + "ors");
            if (word.EndsWith("ie", StringComparison.Ordinal))
            {
                Add(word[..^2] + "ying");
            }
        }

        foreach (var suffix in new[] { "ed", "ing", "er", "ers", "or", "ors" })
        {
            Add(word + suffix);
        }

        // A final consonant after a single vowel may double before a vowel suffix (stop → stopping).
        if (word.Length >= 3 && !Vowels.Contains(last, StringComparison.Ordinal) && last is not ('w' or 'x' or 'y')
            && Vowels.Contains(word[^2], StringComparison.Ordinal) && !Vowels.Contains(word[^3], StringComparison.Ordinal))
        {
            foreach (var suffix in new[] { "ed", "ing", "er", "ers" })
            {
                Add(word + last + suffix);
            }
        }

        return forms;
    }
}
