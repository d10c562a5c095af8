using System.Globalization;

namespace Oversight.Policies;

/// <summary>What a quantity measures.</summary>
public enum Dimension
{
    Area,
    Duration,
}

/// <summary>A limit as the policy wrote it (value and unit) and the size of that unit in base units (m² or seconds).</summary>
public readonly record struct Quantity(double Value, string Unit, double Factor)
{
    /// <summary>The value in base units: square metres or seconds.</summary>
    public double BaseValue => Value * Factor;

    public override string ToString() => $"{Value.ToString("0.####", CultureInfo.InvariantCulture)} {Unit}";

    /// <summary>Expresses a base-unit amount (m² or seconds) in this quantity's unit.</summary>
    public double InUnit(double baseAmount) => baseAmount / Factor;
}

/// <summary>Parses <c>0.5 sq mi</c>, <c>12h</c>, <c>15m</c> and the other units of the policy format.</summary>
public static class Units
{
    private static readonly Dictionary<string, (double Factor, string Display)> AreaUnits = new(StringComparer.Ordinal)
    {
        ["sq mi"] = (2_589_988.110336, "sq mi"),
        ["mi2"] = (2_589_988.110336, "mi2"),
        ["sq km"] = (1_000_000, "sq km"),
        ["km2"] = (1_000_000, "km2"),
        ["m2"] = (1, "m2"),
        ["acres"] = (4_046.8564224, "acres"),
        ["ha"] = (10_000, "ha"),
    };

    private static readonly Dictionary<string, (double Factor, string Display)> DurationUnits = new(StringComparer.Ordinal)
    {
        ["s"] = (1, "s"),
        ["m"] = (60, "min"),
        ["h"] = (3_600, "h"),
        ["d"] = (86_400, "d"),
        ["w"] = (604_800, "w"),
    };

    /// <summary>The units accepted for a dimension, for error messages and documentation.</summary>
    public static IEnumerable<string> Accepted(Dimension dimension) =>
        dimension == Dimension.Area ? AreaUnits.Keys : DurationUnits.Keys;

    /// <summary>Parses a number followed by a unit (space optional); the number is never negative.</summary>
    public static bool TryParse(string text, Dimension dimension, out Quantity quantity, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        quantity = default;
        var trimmed = text.Trim();
        var split = 0;
        while (split < trimmed.Length && (char.IsAsciiDigit(trimmed[split]) || trimmed[split] is '.' or '-' or '+' or 'e' or 'E') && !IsUnitStart(trimmed, split))
        {
            split++;
        }

        var number = trimmed[..split];
        var unit = string.Join(' ', trimmed[split..].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var table = dimension == Dimension.Area ? AreaUnits : DurationUnits;
        var expected = string.Join(", ", table.Keys);
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            error = $"'{text}' is not a {Describe(dimension)}: expected a number and a unit ({expected})";
            return false;
        }

        if (unit.Length == 0)
        {
            error = $"'{text}' has no unit; expected one of {expected}";
            return false;
        }

        if (!table.TryGetValue(unit, out var entry))
        {
            error = $"unknown {Describe(dimension)} unit '{unit}'; expected one of {expected}";
            return false;
        }

        if (value < 0)
        {
            error = $"'{text}' is negative; a limit is zero or more";
            return false;
        }

        quantity = new Quantity(value, entry.Display, entry.Factor);
        error = string.Empty;
        return true;
    }

    // 'e' starts no unit of the format, so an exponent is part of the number unless a letter run follows.
    private static bool IsUnitStart(string text, int index) =>
        text[index] is 'e' or 'E' && (index + 1 >= text.Length || !(char.IsAsciiDigit(text[index + 1]) || text[index + 1] is '-' or '+'));

    private static string Describe(Dimension dimension) => dimension == Dimension.Area ? "area" : "duration";
}
