using System.Text.Json;
using Oversight.Detection;
using Oversight.Requests;
using Oversight.Tests.Support;

namespace Oversight.Tests.Detection;

public sealed class DeterminismTests
{
    [Fact]
    public void Run_SameRequestsInAnotherOrder_SameFindingsAndIds()
    {
        var requests = WithPatterns();
        var shuffled = requests.OrderBy(r => r.Id.GetHashCode(StringComparison.Ordinal) ^ 0x5bd1e995).ToList();

        var first = FindingsJson.ToJson(Detectors.Run(DetectionPolicies.Default(), requests));
        var second = FindingsJson.ToJson(Detectors.Run(DetectionPolicies.Default(), shuffled));

        Assert.Contains("\"kind\":\"track\"", first, StringComparison.Ordinal);
        Assert.Equal(first, second);
    }

    [Fact]
    public void FindingsJson_WrittenThenRead_RoundTrips()
    {
        var findings = Detectors.Run(DetectionPolicies.Default(), WithPatterns());
        Assert.NotEmpty(findings);

        foreach (var finding in findings)
        {
            var json = FindingsJson.ToJson(finding);
            var back = FindingsJson.Read(JsonDocument.Parse(json).RootElement);
            Assert.Equal(json, FindingsJson.ToJson(back));
        }
    }

    [Fact]
    public void Run_ChainGrowsLater_KeepsItsId()
    {
        var chain = Chain(4);
        var before = Assert.Single(Detectors.Run(DetectionPolicies.Default(), chain[..3]), f => f.Kind == FindingKind.Track);
        var after = Assert.Single(Detectors.Run(DetectionPolicies.Default(), chain), f => f.Kind == FindingKind.Track);

        Assert.Equal(before.Id, after.Id);
        Assert.Equal(4, after.RequestIds.Count);
    }

    private static List<FootageRequest> WithPatterns() => [.. Scenario.Noise(3), .. Chain(4)];

    private static FootageRequest[] Chain(int links) => Enumerable.Range(0, links).Select(k =>
    {
        var (lon, lat) = Scenario.Place(1000 + (700 * k), 10);
        return RequestBuilder.At(Scenario.At(44, 12)).Id($"c-{k}")
            .Window(Scenario.At(44, 1 + k), Scenario.At(44, 1.8 + k)).Circle(lat, lon, 100).Build();
    }).ToArray();
}
