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

    /// <summary>
    /// The forms written by this program and by Flock's portal, read digit by digit because they are
    /// every row of a large file: <c>yyyy-MM-dd</c>, <paramref name="separator"/>, <c>HH:mm:ss</c>, up to
    /// seven decimals, then a <c>Z</c> when <paramref name="zulu"/> (else nothing, and the time is UTC).
    /// False for anything else, which the general parser then reads.
    /// </summary>
    public static bool TryDigits(ReadOnlySpan<char> s, char separator, bool zulu, out DateTimeOffset time)
    {
        time = default;
        if (zulu)
        {
            if (s.Length == 0 || s[^1] is not ('Z' or 'z'))
            {
                return false;
            }

            s = s[..^1];
        }

        if (s.Length < 19 || s[4] != '-' || s[7] != '-' || s[10] != separator || s[13] != ':' || s[16] != ':')
        {
            return false;
        }

        if (!Digits(s[..4], out var year) || !Digits(s[5..7], out var month) || !Digits(s[8..10], out var day)
            || !Digits(s[11..13], out var hour) || !Digits(s[14..16], out var minute) || !Digits(s[17..19], out var second))
        {
            return false;
        }

        long fraction = 0;
        if (s.Length > 19)
        {
            var digits = s[20..];
            if (s[19] != '.' || digits.Length is 0 or > 7 || !Digits(digits, out var value))
            {
                return false;
            }

            fraction = value;
            for (var i = digits.Length; i < 7; i++)
            {
                fraction *= 10;
            }
        }

        if (year is < FirstYear or > LastYear || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        time = new DateTimeOffset(new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).Ticks + fraction, TimeSpan.Zero);
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> span, out int value)
    {
        value = 0;
        foreach (var c in span)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Rfc3339();
}
