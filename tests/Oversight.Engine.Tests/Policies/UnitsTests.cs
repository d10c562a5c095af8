using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Oversight.Policies;

namespace Oversight.Tests.Policies;

public sealed class UnitsTests
{
    [Theory]
    [InlineData("0.5 sq mi", 1_294_994.055168, "sq mi")]
    [InlineData("1 mi2", 2_589_988.110336, "mi2")]
    [InlineData("2 sq km", 2_000_000, "sq km")]
    [InlineData("3km2", 3_000_000, "km2")]
    [InlineData("250 m2", 250, "m2")]
    [InlineData("10 acres", 40_468.564224, "acres")]
    [InlineData("1.5 ha", 15_000, "ha")]
    public void TryParse_AreaUnits_ConvertToSquareMetres(string text, double squareMetres, string unit)
    {
        Assert.True(Units.TryParse(text, Dimension.Area, out var quantity, out var error), error);
        Assert.Equal(squareMetres, quantity.BaseValue, 6);
        Assert.Equal(unit, quantity.Unit);
    }

    [Theory]
    [InlineData("45s", 45, "s")]
    [InlineData("15m", 900, "min")]
    [InlineData("12h", 43_200, "h")]
    [InlineData("30d", 2_592_000, "d")]
    [InlineData("2 w", 1_209_600, "w")]
    [InlineData("1e1h", 36_000, "h")]
    public void TryParse_Durations_ConvertToSeconds(string text, double seconds, string unit)
    {
        Assert.True(Units.TryParse(text, Dimension.Duration, out var quantity, out var error), error);
        Assert.Equal(seconds, quantity.BaseValue, 6);
        Assert.Equal(unit, quantity.Unit);
    }

    [Theory]
    [InlineData("12 hours", Dimension.Duration, "unknown duration unit 'hours'")]
    [InlineData("12", Dimension.Duration, "has no unit")]
    [InlineData("-1 h", Dimension.Duration, "negative")]
    [InlineData("half sq mi", Dimension.Area, "is not a area")]
    [InlineData("0.5 sqmi", Dimension.Area, "unknown area unit 'sqmi'")]
    [InlineData("0.5 h", Dimension.Area, "unknown area unit 'h'")]
    public void TryParse_Invalid_ExplainsWhy(string text, Dimension dimension, string expected)
    {
        Assert.False(Units.TryParse(text, dimension, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    public static Arbitrary<(double Value, string Unit, double Factor)> AreaQuantities() =>
        (from value in Gen.Choose(0, 1_000_000)
         from unit in Gen.Elements(("sq mi", 2_589_988.110336), ("sq km", 1e6), ("m2", 1.0), ("acres", 4_046.8564224), ("ha", 1e4))
         select (value / 1000.0, unit.Item1, unit.Item2)).ToArbitrary();

    [Property(Arbitrary = [typeof(UnitsTests)])]
    public bool TryParse_FormattedArea_RoundTripsAndInUnitInverts((double Value, string Unit, double Factor) q)
    {
        var text = q.Value.ToString("R", CultureInfo.InvariantCulture) + " " + q.Unit;
        return Units.TryParse(text, Dimension.Area, out var quantity, out _)
            && Math.Abs(quantity.BaseValue - (q.Value * q.Factor)) <= 1e-9 * Math.Max(1, q.Value * q.Factor)
            && (q.Value == 0 || Math.Abs(quantity.InUnit(quantity.BaseValue) - q.Value) <= 1e-9 * q.Value);
    }
}
