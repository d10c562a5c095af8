using System.Globalization;
using System.Text.RegularExpressions;

namespace Oversight.Policies;

/// <summary>
/// A calendar period named as <c>2026Q3</c> (a quarter), <c>2026-08</c> (a month) or <c>2026</c>
/// (a year), in a policy's time zone: requests belong to it when their submittedAt falls in [Start, End).
/// </summary>
public sealed partial record ReportingPeriod(string Name, DateTimeOffset Start, DateTimeOffset End)
{
    public static bool TryParse(string text, TimeZoneInfo zone, out ReportingPeriod period, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(zone);
        period = null!;
        var match = Pattern().Match(text.Trim());
        if (!match.Success)
        {
            error = $"'{text}' is not a period; write 2026Q3 (a quarter), 2026-08 (a month) or 2026 (a year)";
            return false;
        }

        var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        var (first, months) = match.Groups["quarter"].Success
            ? ((int.Parse(match.Groups["quarter"].Value, CultureInfo.InvariantCulture) - 1) * 3 + 1, 3)
            : match.Groups["month"].Success
                ? (int.Parse(match.Groups["month"].Value, CultureInfo.InvariantCulture), 1)
                : (1, 12);
        if (first is < 1 or > 12)
        {
            error = $"'{text}' names no month of the year";
            return false;
        }

        var start = new DateTime(year, first, 1, 0, 0, 0, DateTimeKind.Unspecified);
        var end = start.AddMonths(months);
        period = new ReportingPeriod(text.Trim(), Local(start, zone), Local(end, zone));
        error = string.Empty;
        return true;
    }

    /// <summary>The period of the same length just before this one (2026Q2 for 2026Q3, 2026-07 for 2026-08, 2025 for 2026).</summary>
    public ReportingPeriod Previous(TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var start = Start.DateTime;
        var months = ((End.Year - Start.Year) * 12) + End.Month - Start.Month;
        var previous = start.AddMonths(-months);
        var name = months switch
        {
            3 => $"{previous.Year}Q{((previous.Month - 1) / 3) + 1}",
            1 => previous.ToString("yyyy-MM", CultureInfo.InvariantCulture),
            _ => previous.Year.ToString(CultureInfo.InvariantCulture),
        };
        return new ReportingPeriod(name, Local(previous, zone), Start);
    }

    /// <summary>True when <paramref name="time"/> falls in [Start, End).</summary>
    public bool Contains(DateTimeOffset time) => time >= Start && time < End;

    private static DateTimeOffset Local(DateTime wallClock, TimeZoneInfo zone) =>
        new(wallClock, zone.GetUtcOffset(wallClock));

    [GeneratedRegex(@"^(?<year>\d{4})(?:[Qq](?<quarter>[1-4])|-(?<month>\d{2}))?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
