using System.Buffers;

namespace Oversight.Policies;

/// <summary>
/// Finds forbidden terms as whole words, ignoring case: a term matches where no letter or digit
/// touches either end ("march" matches "March," but not "marching"). One vectorised pass finds
/// candidates; only candidates have their word boundaries checked.
/// </summary>
public sealed class TermMatcher
{
    private readonly SearchValues<string> search;
    private readonly string[] terms;

    public TermMatcher(IEnumerable<string> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        this.terms = [.. terms.Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase)];
        search = SearchValues.Create(this.terms, StringComparison.OrdinalIgnoreCase);
    }

    public IReadOnlyList<string> Terms => terms;

    public bool IsMatch(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Next(text, 0).Index >= 0;
    }

    /// <summary>Every distinct term found, lower-cased, in the order first found.</summary>
    public IReadOnlyList<string> Matches(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = new List<string>();
        var from = 0;
        while (Next(text, from) is { Index: >= 0 } match)
        {
            var word = text.Substring(match.Index, match.Length).ToLowerInvariant();
            if (!found.Contains(word))
            {
                found.Add(word);
            }

            from = match.Index + match.Length;
        }

        return found;
    }

    private (int Index, int Length) Next(string text, int from)
    {
        while (from < text.Length)
        {
            var offset = text.AsSpan(from).IndexOfAny(search);
            if (offset < 0)
            {
                return (-1, 0);
            }

            var index = from + offset;
            foreach (var term in terms)
            {
                if (index + term.Length <= text.Length
                    && text.AsSpan(index, term.Length).Equals(term, StringComparison.OrdinalIgnoreCase)
                    && (index == 0 || !char.IsLetterOrDigit(text[index - 1]))
                    && (index + term.Length == text.Length || !char.IsLetterOrDigit(text[index + term.Length])))
                {
                    return (index, term.Length);
                }
            }

            from = index + 1;
        }

        return (-1, 0);
    }
}
