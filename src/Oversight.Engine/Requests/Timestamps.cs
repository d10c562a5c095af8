using System.Globalization;
using System.Text.RegularExpressions;

namespace Oversight.Requests;

/// <summary>The one way input timestamps are read: RFC 3339 with an offset, within the years records may name.</summary>
internal static partial class Timestamps
{
    /// <summary>The first and last years a timestamp may fall in (UTC).</summary>
    public const int FirstYear = 2000;

    /// <inheritdoc cref="FirstYear"/>
    public const int LastYear = 2100;

    /// <summary>Parses an RFC 3339 timestamp that carries an offset (Z or ±hh:mm); <paramref name="error"/> says what is wrong otherwise.</summary>
    public static bool TryParse(string? text, out DateTimeOffset value, out string error)
    {
        if (text is null || !Rfc3339().IsMatch(text)
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out value))
        {
            value = default;
            error = $"'{text}' is not an RFC 3339 timestamp with an offset (e.g. 2026-08-01T14:00:00Z)";
            return false;
        }

        return InRange(text, value, out error);
    }

    /// <summary>True when the time falls within <see cref="FirstYear"/>–<see cref="LastYear"/> (UTC).</summary>
    public static bool InRange(string text, DateTimeOffset value, out string error)
    {
        if (value.UtcDateTime.Year is < FirstYear or > LastYear)
        {
            error = $"'{text}' is outside the years {FirstYear}–{LastYear} that records may name";
            return false;
        }

        error = string.Empty;
        return true;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Rfc3339();
}
