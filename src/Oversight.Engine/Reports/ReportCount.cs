using System.Globalization;

namespace Oversight.Reports;

/// <summary>
/// A count in a breakdown table: the exact number, or only the fact that it lies between 1 and
/// <see cref="Threshold"/> − 1. A suppressed count keeps no value, so no renderer can print it.
/// </summary>
public readonly record struct ReportCount
{
    private ReportCount(int? value, int threshold)
    {
        Value = value;
        Threshold = threshold;
    }

    /// <summary>The exact count; null when suppressed.</summary>
    public int? Value { get; }

    /// <summary>The policy's suppressBelow the count was checked against (0 when suppression is off).</summary>
    public int Threshold { get; }

    public bool Suppressed => Value is null;

    /// <summary>The count as printed: "1,234", "0", or "&lt;5" when suppressed.</summary>
    public string Text => Value is { } v ? v.ToString("N0", CultureInfo.InvariantCulture) : $"<{Threshold}";

    /// <summary>The height a chart draws: the exact value, or Threshold − 1 (the most it can be) when suppressed.</summary>
    public int ChartValue => Value ?? Threshold - 1;

    /// <summary>Suppresses <paramref name="value"/> when it is from 1 to <paramref name="suppressBelow"/> − 1.</summary>
    public static ReportCount Of(int value, int suppressBelow)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        return value > 0 && value < suppressBelow ? new ReportCount(null, suppressBelow) : new ReportCount(value, Math.Max(suppressBelow, 0));
    }

    public override string ToString() => Text;
}
