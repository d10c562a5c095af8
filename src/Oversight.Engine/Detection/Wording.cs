using System.Globalization;

namespace Oversight.Detection;

/// <summary>Numbers and times as a finding's sentence writes them: local time, plain units.</summary>
internal static class Wording
{
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    /// <summary>"on 3 Aug 2026 between 01:10 and 04:40", or "between 3 Aug 2026 01:10 and 5 Aug 2026 04:40".</summary>
    public static string Between(DetectionContext context, long fromTicks, long toTicks)
    {
        var from = context.Local(fromTicks);
        var to = context.Local(toTicks);
        return from.Date == to.Date
            ? $"on {Day(from)} between {from.ToString("HH:mm", Culture)} and {to.ToString("HH:mm", Culture)}"
            : $"between {Day(from)} {from.ToString("HH:mm", Culture)} and {Day(to)} {to.ToString("HH:mm", Culture)}";
    }

    public static string Day(DateTimeOffset local) => local.ToString("d MMM yyyy", Culture);

    public static string Distance(double metres) =>
        metres >= 1000 ? $"{(metres / 1000).ToString("0.0", Culture)} km" : $"{Math.Round(metres).ToString("0", Culture)} m";

    public static string SquareMiles(double squareMiles) => $"{squareMiles.ToString("0.##", Culture)} sq mi";

    public static string Hours(double hours)
    {
        var text = hours.ToString("0.#", Culture);
        return text == "1" ? "1 hour" : $"{text} hours";
    }

    public static string Number(double value, string format = "0.#") => value.ToString(format, Culture);

    /// <summary>Rounds a metric for output so that findings compare equal across runs and platforms.</summary>
    public static double Round(double value, int digits = 3) => Math.Round(value, digits, MidpointRounding.AwayFromZero);
}
