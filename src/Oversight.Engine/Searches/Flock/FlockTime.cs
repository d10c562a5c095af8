using System.Globalization;
using Oversight.Requests;

namespace Oversight.Searches.Flock;

/// <summary>
/// The timestamps Flock exports write: the portal's <c>2025-06-18 00:02:04.789</c> (UTC, no offset),
/// the audits' <c>06/18/2025, 12:02:04 AM UTC</c> (month and day may be unpadded), and RFC 3339.
/// A time without an offset is UTC.
/// </summary>
internal static class FlockTime
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd HH:mm:ss",
        "yyyy-MM-dd HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd'T'HH:mm:ss",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd HH:mm",
        "M/d/yyyy, h:mm:ss tt",
        "M/d/yyyy h:mm:ss tt",
        "M/d/yyyy, H:mm:ss",
        "M/d/yyyy H:mm:ss",
        "M/d/yyyy, h:mm tt",
        "M/d/yyyy h:mm tt",
    ];

    /// <summary>Reads a time; <paramref name="error"/> says what forms are expected otherwise.</summary>
    public static bool TryParse(string? cell, out DateTimeOffset time, out string error)
    {
        if (cell is not null && Timestamps.TryDigits(cell, ' ', zulu: false, out time))
        {
            error = string.Empty;
            return true;
        }

        time = default;
        var text = (cell ?? string.Empty).Trim();
        if (text.Length == 0)
        {
            error = "no time given";
            return false;
        }

        if (text.EndsWith(" UTC", StringComparison.OrdinalIgnoreCase))
        {
            text = text[..^4].TrimEnd();
        }

        if (Timestamps.TryParse(text, out time, out _)
            || DateTimeOffset.TryParseExact(text.TrimEnd('Z', 'z'), Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out time))
        {
            return Timestamps.InRange(cell!.Trim(), time, out error);
        }

        error = $"'{cell!.Trim()}' is not a time Flock writes (2025-06-18 00:02:04.789, 06/18/2025, 12:02:04 AM UTC, or RFC 3339 such as 2025-06-18T00:02:04Z)";
        return false;
    }

    /// <summary>
    /// Reads a Time Frame cell: a start and an end on two lines, or on one line joined by " to ".
    /// </summary>
    public static bool TryParseFrame(string cell, out DateTimeOffset start, out DateTimeOffset end, out string error)
    {
        start = end = default;
        var text = cell.Trim();
        var parts = text.Contains('\n', StringComparison.Ordinal)
            ? text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : text.Split(" to ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length != 2)
        {
            error = $"a time frame is a start and an end (on two lines, or joined by \" to \"), not '{text.ReplaceLineEndings(" / ")}'";
            return false;
        }

        if (!TryParse(parts[0], out start, out error) || !TryParse(parts[1], out end, out error))
        {
            error = "time frame: " + error;
            return false;
        }

        return true;
    }
}
