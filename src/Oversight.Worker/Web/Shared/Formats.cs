using System.Globalization;
using System.Text.Json;

namespace Oversight.Worker.Web.Shared;

/// <summary>Dates, times and numbers as the pages print them: local time in the policy's time zone, one format everywhere.</summary>
public static class Formats
{
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    /// <summary>"Aug 1, 2026, 14:05".</summary>
    public static string Time(DateTimeOffset time, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(time, zone).ToString("MMM d, yyyy, HH:mm", Culture);

    public static string Time(long utcTicks, TimeZoneInfo zone) => Time(new DateTimeOffset(utcTicks, TimeSpan.Zero), zone);

    /// <summary>An RFC 3339 time from a request's JSON, in local time; the text itself when it does not read.</summary>
    public static string Time(string? rfc3339, TimeZoneInfo zone) =>
        DateTimeOffset.TryParse(rfc3339, Culture, DateTimeStyles.None, out var time) ? Time(time, zone) : rfc3339 ?? "–";

    /// <summary>The value for an HTML datetime-local input: "2026-08-01T14:05".</summary>
    public static string LocalInput(DateTimeOffset time, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(time, zone).ToString("yyyy-MM-ddTHH:mm", Culture);

    public static string Number(double value, string format = "0.###") => value.ToString(format, Culture);

    public static string Count(long value) => value.ToString("N0", Culture);

    /// <summary>"1 request", "2 requests", "2 entries".</summary>
    public static string Count(long value, string noun) =>
        $"{Count(value)} {(value == 1 ? noun : noun.EndsWith('y') ? noun[..^1] + "ies" : noun + "s")}";

    /// <summary>A string property of a JSON object, or null.</summary>
    public static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
