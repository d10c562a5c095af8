using Oversight.Requests;
using Oversight.Detection;

namespace Oversight.Tests.Detection;

public sealed class NoiseTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    public void Run_CityWideNoiseAlone_FindsNothing(int seed)
    {
        var findings = Detectors.Run(DetectionPolicies.Default(), Scenario.Noise(seed));

        Assert.True(findings.Count == 0, string.Join(Environment.NewLine, findings.Select(f => $"{f.Kind.Name()}: {f.Explanation}")));
    }
}

/// <summary>The detectors' work per request stays bounded whatever shapes the log holds.</summary>
public sealed class HostileShapeTests
{
    [Fact]
    public async Task Run_LogHoldsShapesFromBeforeTheLimits_FinishesAndStillFindsTheRest()
    {
        // Parts 30 degrees apart both ways, and a circle at the pole: filed cell by cell (a billion
        // cells of 100 m), either would never end.
        var requests = Scenario.Noise(seed: 3, perDay: 2, days: 20);
        var spread = Oversight.Geo.Geometries.Factory.CreateMultiPolygon(
        [
            Oversight.Synthetic.AdversarialAreas.Square(Scenario.CentreLon, Scenario.CentreLat, 100),
            Oversight.Synthetic.AdversarialAreas.Square(Scenario.CentreLon + 30, Scenario.CentreLat - 30, 100),
        ]);
        var far = requests[0] with { Id = "far", Area = RequestArea.FromGeometry(spread) };
        var pole = requests[1] with { Id = "pole", Area = RequestArea.FromCircle(90, 0, 400) };
        var all = requests.Append(far).Append(pole).ToList();

        var findings = await Task.Run(() => Detectors.Run(DetectionPolicies.Default(), all)).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.DoesNotContain(findings, f => f.RequestIds.Contains("pole") && f.Kind != FindingKind.RateAnomaly);
    }
}
