using Oversight.Detection;
using Oversight.Requests;
using Oversight.Tests.Support;

namespace Oversight.Tests.Detection;

public sealed class TrackBoundaryTests
{
    [Theory]
    [InlineData(3, true)]
    [InlineData(2, false)]
    public void Track_Links_FoundFromMinLinks(int links, bool found)
    {
        Assert.Equal(found, IsTrack(Chain(links, stepMetres: 600, gapMinutes: 10)));
    }

    [Theory]
    [InlineData(3, Severity.Medium)]
    [InlineData(4, Severity.High)]
    public void Track_Links_HighBeyondMinLinks(int links, Severity expected)
    {
        var finding = Assert.Single(Detectors.Run(DetectionPolicies.Default(), Chain(links, stepMetres: 600, gapMinutes: 10)));

        Assert.Equal(expected, finding.Severity);
    }

    [Theory]
    [InlineData(200.5, true)]
    [InlineData(199.5, false)]
    [InlineData(1499.5, true)]
    [InlineData(1500.5, false)]
    public void Track_Step_FoundBetweenMinAndMaxStep(double stepMetres, bool found)
    {
        Assert.Equal(found, IsTrack(Chain(3, stepMetres, gapMinutes: 10)));
    }

    [Theory]
    [InlineData(60, true)]
    [InlineData(61, false)]
    public void Track_GapAfterWindow_FoundUpToMaxGap(int gapMinutes, bool found)
    {
        Assert.Equal(found, IsTrack(Chain(3, stepMetres: 600, gapMinutes)));
    }

    [Theory]
    [InlineData(6.05, true)]
    [InlineData(5.95, false)]
    public void Track_Speed_FoundUpToMaxSpeed(double minutesBetweenStarts, bool found)
    {
        // 1 km every 6 minutes is 10 km/h, the limit set here.
        var policy = DetectionPolicies.Default("track: { maxSpeedKmh: 10 }");
        var chain = Chain(3, stepMetres: 1000, gapMinutes: 0, windowMinutes: minutesBetweenStarts);

        Assert.Equal(found, Detectors.Run(policy, chain).Any(f => f.Kind == FindingKind.Track));
    }

    [Fact]
    public void Track_StartsCloserThanFiveMinutes_SpeedUsesFiveMinutes()
    {
        var policy = DetectionPolicies.Default("track: { maxSpeedKmh: 12.1 }");
        var chain = Chain(3, stepMetres: 1000, gapMinutes: 0, windowMinutes: 1);

        var finding = Assert.Single(Detectors.Run(policy, chain), f => f.Kind == FindingKind.Track);
        Assert.Equal(12, finding.Metric("maxSpeedKmh")!.Value, 1);
    }

    /// <summary>Requests along a line, each window starting <paramref name="gapMinutes"/> after the previous one ends.</summary>
    private static List<FootageRequest> Chain(int links, double stepMetres, int gapMinutes, double windowMinutes = 40)
    {
        var start = Scenario.At(30, 1);
        var chain = new List<FootageRequest>();
        for (var k = 0; k < links; k++)
        {
            var (lon, lat) = Scenario.Place(k * stepMetres, 90);
            chain.Add(RequestBuilder.At(Scenario.At(31, 12)).Id($"t-{k}").Requester($"badge-{k}")
                .Window(start, start.AddMinutes(windowMinutes)).Circle(lat, lon, 50).Build());
            start = start.AddMinutes(windowMinutes + gapMinutes);
        }

        return chain;
    }

    private static bool IsTrack(List<FootageRequest> chain) =>
        SplitBoundaryTests.Kinds([.. chain]).Contains(FindingKind.Track);
}
