using System.Buffers;
using System.Globalization;
using System.Text;

namespace Oversight.Text;

/// <summary>
/// The one place where text a user typed is made comparable: what <see cref="Fold"/> and
/// <see cref="Key"/> return is equal for two inputs exactly when a reader would take them for
/// the same word (see docs/POLICY.md, "How text is compared").
/// </summary>
/// <remarks>
/// <see cref="Fold"/>, in order: Unicode NFKC (full-width and mathematical letters, ligatures);
/// invisible characters removed (format characters such as the soft hyphen, zero-width space and
/// joiners, word joiner, byte-order mark, bidirectional marks; variation selectors; Hangul fillers);
/// accents and other combining marks removed (NFD, then every non-spacing mark dropped); letters
/// that look like Latin letters mapped to them (<see cref="Confusables"/>); lower case, with ß as
/// ss; runs of white space as one space, trimmed. <see cref="Key"/> also writes every dash
/// (hyphen, non-breaking hyphen, figure, en and em dashes, minus sign, small and full-width
/// hyphen-minus) as '-'.
/// </remarks>
public static class TextFold
{
    /// <summary>ASCII that folding changes: capitals, and control characters (white space becomes a space, the rest is dropped).</summary>
    private static readonly SearchValues<char> AsciiNeedingWork = SearchValues.Create(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZ\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\v\f\r\u000E\u000F" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\u007F");

    /// <summary>The folded form of a text, for matching words in it.</summary>
    public static string Fold(string text) => Folded(text, dashes: false);

    /// <summary>The folded form of an identifier (requester, case number, agency), for counting: <see cref="Fold"/> plus dashes unified.</summary>
    public static string Key(string text) => Folded(text, dashes: true);

    /// <summary>True when nothing visible is left of the text (null, empty, white space, invisible characters).</summary>
    public static bool IsBlank(string? text) =>
        text is null || (text.AsSpan().IndexOfAnyInRange('!', '~') < 0 && (Ascii.IsValid(text) ? AsciiLength(text) == 0 : Fold(text).Length == 0));

    /// <summary>
    /// The characters a reader sees: the folded text's length, so that padding with invisible
    /// characters or spaces does not lengthen a description. 0 for null.
    /// </summary>
    public static int VisibleLength(string? text) => text is null ? 0 : Ascii.IsValid(text) ? AsciiLength(text) : Fold(text).Length;

    /// <summary>
    /// The length <see cref="FoldAscii"/> would give, without making the string: the whole length
    /// when every character is printable, no space starts or ends the text and none follows another.
    /// </summary>
    private static int AsciiLength(string text)
    {
        var span = text.AsSpan();
        return span.Length > 0 && span[0] != ' ' && span[^1] != ' ' && !span.ContainsAnyExceptInRange(' ', '~') && !span.Contains("  ", StringComparison.Ordinal)
            ? span.Length
            : AsciiLengthSlow(text);
    }

    private static int AsciiLengthSlow(string text)
    {
        var length = 0;
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = length > 0;
            }
            else if (!char.IsControl(c))
            {
                length += space ? 2 : 1;
                space = false;
            }
        }

        return length;
    }

    private static string Folded(string text, bool dashes)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Ascii.IsValid(text))
        {
            return FoldAscii(text);
        }

        // NFKC first, so that compatibility forms become the letters they stand for; then NFD so
        // that accents stand apart from their letters and can be dropped.
        var decomposed = text.Normalize(NormalizationForm.FormKC).Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        var space = false;
        foreach (var rune in decomposed.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune))
            {
                space = builder.Length > 0;
                continue;
            }

            if (Invisible(rune))
            {
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            var lower = Rune.ToLowerInvariant(rune);
            var mapped = Confusables.Latin(rune);
            if (mapped == 0)
            {
                mapped = Confusables.Latin(lower);
            }

            if (mapped != 0)
            {
                builder.Append(char.ToLowerInvariant(mapped));
                continue;
            }
            if (dashes && Dash(lower))
            {
                builder.Append('-');
            }
            else if (lower.Value == 'ß')
            {
                builder.Append("ss");
            }
            else
            {
                builder.Append(lower);
            }
        }

        return builder.ToString();
    }

    /// <summary>Plain ASCII needs only lower case and spaces: the common case, kept cheap.</summary>
    private static string FoldAscii(string text)
    {
        var span = text.AsSpan();
        var trimmed = span.Trim();
        if (trimmed.Length == span.Length && span.IndexOfAny(AsciiNeedingWork) < 0 && span.IndexOf("  ", StringComparison.Ordinal) < 0)
        {
            return text;
        }

        var builder = new StringBuilder(trimmed.Length);
        var space = false;
        foreach (var c in trimmed)
        {
            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (char.IsControl(c))
            {
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }

    /// <summary>Characters that show nothing: dropped, so that they cannot split a word or a key.</summary>
    internal static bool Invisible(Rune rune)
    {
        var category = Rune.GetUnicodeCategory(rune);
        return category is UnicodeCategory.Format or UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Control
            || rune.Value is 0x115F or 0x1160 or 0x3164 or 0xFFA0 or 0x034F;
    }

    /// <summary>Dash punctuation and the minus signs that look like a hyphen.</summary>
    internal static bool Dash(Rune rune) =>
        Rune.GetUnicodeCategory(rune) == UnicodeCategory.DashPunctuation || rune.Value is 0x2212 or 0x2043 or 0x02D7 or 0x2796;
}
