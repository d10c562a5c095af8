using Oversight.Detection;
using Oversight.Requests;
using Oversight.Tests.Support;

namespace Oversight.Tests.Detection;

public sealed class SplitBoundaryTests
{
    private static readonly double Side = Math.Sqrt(0.3) * 1609.344;

    [Theory]
    [InlineData(24 * 60, true)]
    [InlineData((24 * 60) + 1, false)]
    public void SplitArea_SubmittedApart_FoundWithinTheHours(int minutesApart, bool found)
    {
        var first = Square("a", 0, Scenario.At(10, 12));
        var second = Square("b", Side, Scenario.At(10, 12).AddMinutes(minutesApart));

        Assert.Equal(found, Kinds(first, second).Contains(FindingKind.SplitArea));
    }

    [Theory]
    [InlineData(99, true)]
    [InlineData(101, false)]
    public void SplitArea_GapBetweenAreas_FoundWithinNearMeters(double gapMetres, bool found)
    {
        Assert.Equal(found, Kinds(Square("a", 0, Scenario.At(10, 12)), Square("b", Side + gapMetres, Scenario.At(10, 13))).Contains(FindingKind.SplitArea));
    }

    [Theory]
    [InlineData(0.55, true)]
    [InlineData(0.45, false)]
    public void SplitArea_UnionAgainstLimit_FoundOnlyAbove(double unionSqMi, bool found)
    {
        // Two 0.3 sq mi squares shifted east so that their union is the given size.
        var shift = (unionSqMi - 0.3) / 0.3 * Side;

        Assert.Equal(found, Kinds(Square("a", 0, Scenario.At(10, 12)), Square("b", shift, Scenario.At(10, 13))).Contains(FindingKind.SplitArea));
    }

    [Fact]
    public void SplitArea_LinkedRunLongerThanTheHours_GivesGroupsThatEachFitTheHours()
    {
        // Six overlapping squares stepping east, one every 10 hours: each is linked to the two before
        // it, so linking alone would make one group spanning 50 hours.
        var run = "abcdef".Select((id, i) => Square(id.ToString(), i * Side / 2, Scenario.At(10, 12).AddHours(10 * i))).ToArray();

        var groups = Detectors.Run(DetectionPolicies.Default(), run).Where(f => f.Kind == FindingKind.SplitArea).ToList();

        Assert.Equal([["a", "b", "c"], ["d", "e", "f"]], groups.Select(f => f.RequestIds.ToArray()));
        Assert.All(groups, f => Assert.True(f.LastSubmittedAt - f.FirstSubmittedAt <= TimeSpan.FromHours(24)));
    }

    [Fact]
    public void SplitArea_WindowsOnlyTouching_NotFound()
    {
        var first = Square("a", 0, Scenario.At(10, 12), Scenario.At(9, 20), Scenario.At(9, 22));
        var second = Square("b", Side, Scenario.At(10, 13), Scenario.At(9, 22), Scenario.At(9, 23));

        Assert.DoesNotContain(FindingKind.SplitArea, Kinds(first, second));
    }

    [Theory]
    [InlineData(30, true)]
    [InlineData(31, false)]
    public void SplitWindow_GapBetweenWindows_FoundUpToThirtyMinutes(int gapMinutes, bool found)
    {
        var first = Place("a", Scenario.At(5, 0), Scenario.At(5, 8));
        var second = Place("b", Scenario.At(5, 8).AddMinutes(gapMinutes), Scenario.At(5, 12.5).AddMinutes(gapMinutes));

        Assert.Equal(found, Kinds(first, second).Contains(FindingKind.SplitWindow));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    public void SplitWindow_UnionAgainstLimit_FoundOnlyAbove(int minutesOver, bool found)
    {
        var first = Place("a", Scenario.At(5, 0), Scenario.At(5, 8));
        var second = Place("b", Scenario.At(5, 8), Scenario.At(5, 12).AddMinutes(minutesOver));

        Assert.Equal(found, Kinds(first, second).Contains(FindingKind.SplitWindow));
    }

    private static FootageRequest Square(string id, double eastMetres, DateTimeOffset submitted, DateTimeOffset? from = null, DateTimeOffset? to = null)
    {
        var (lon, lat) = Scenario.Place(eastMetres, 90);
        return RequestBuilder.At(submitted).Id(id)
            .Window(from ?? Scenario.At(9, 20), to ?? Scenario.At(9, 23))
            .Area(Shapes.Square(lon, lat, Side)).Build();
    }

    private static FootageRequest Place(string id, DateTimeOffset from, DateTimeOffset to) =>
        RequestBuilder.At(to.AddDays(1)).Id(id).Window(from, to).Circle(Scenario.CentreLat, Scenario.CentreLon, 150).Build();

    internal static HashSet<FindingKind> Kinds(params FootageRequest[] requests) =>
        [.. Detectors.Run(DetectionPolicies.Default(), requests).Select(f => f.Kind)];
}
