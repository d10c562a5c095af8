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
