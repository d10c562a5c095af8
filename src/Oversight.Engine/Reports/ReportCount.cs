using System.Globalization;
using Oversight.Reports.Disclosure;

namespace Oversight.Reports;

/// <summary>
/// A published count after disclosure control: the exact number, a small count withheld
/// (primary suppression, printed "&lt;5"), or a count withheld so that small ones cannot be worked
/// out (complementary suppression, printed "[c]"). A withheld count keeps no value, so no renderer
/// can print it by mistake.
/// </summary>
public readonly record struct ReportCount
{
    private ReportCount(int? value, CellState state, int threshold)
    {
        Value = value;
        State = state;
        Threshold = threshold;
    }

    /// <summary>The exact count; null when withheld.</summary>
    public int? Value { get; }

    public CellState State { get; }

    /// <summary>The policy's suppressBelow the count was checked against (0 when suppression is off).</summary>
    public int Threshold { get; }

    public bool Suppressed => Value is null;

    /// <summary>The count as printed: "1,234", "0", "&lt;5" for a small count, "[c]" for a complementary suppression.</summary>
    public string Text => State switch
    {
        CellState.Small => $"<{Threshold}",
        CellState.Withheld => Confidential,
        _ => Value!.Value.ToString("N0", CultureInfo.InvariantCulture),
    };

    /// <summary>The statistical agencies' mark for a withheld cell, used in the workbook for every suppressed count.</summary>
    public const string Confidential = "[c]";

    /// <summary>The count as a fixed state (from disclosure control).</summary>
    internal static ReportCount From(int value, CellState state, int threshold) =>
        state == CellState.Published ? new ReportCount(value, state, Math.Max(threshold, 0)) : new ReportCount(null, state, threshold);

    /// <summary>A count standing alone (no other published count adds up with it): small when from 1 to <paramref name="suppressBelow"/> − 1.</summary>
    public static ReportCount Of(int value, int suppressBelow)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        return value > 0 && value < suppressBelow ? new ReportCount(null, CellState.Small, suppressBelow) : new ReportCount(value, CellState.Published, Math.Max(suppressBelow, 0));
    }

    /// <summary>A count withheld to protect another.</summary>
    public static ReportCount Withheld(int suppressBelow) => new(null, CellState.Withheld, suppressBelow);

    public override string ToString() => Text;
}
