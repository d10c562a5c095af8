using Oversight.Detection;
using Oversight.Requests;
using Oversight.Tests.Support;

namespace Oversight.Tests.Detection;

/// <summary>Each detector finds exactly the pattern planted in a quarter of noise, and nothing else.</summary>
public sealed class PlantedPatternTests
{
    [Fact]
    public void Run_SplitAreaPlanted_FindsItsRequests()
    {
        // Three adjacent 0.3 sq mi squares, asked for within three hours for the same evening.
        var side = Math.Sqrt(0.3) * 1609.344;
        var planted = Enumerable.Range(0, 3).Select(k =>
        {
            var (lon, lat) = Scenario.Place(2000 + (k * side), 90);
            return RequestBuilder.At(Scenario.At(40, 9 + k)).Id($"p-{k}").Case("C-SPLIT")
                .Window(Scenario.At(39, 20), Scenario.At(39, 23))
                .Area(Shapes.Square(lon, lat, side)).Build();
        }).ToList();

        var finding = Assert.Single(Find(planted), f => f.Kind == FindingKind.SplitArea);

        Assert.Equal(["p-0", "p-1", "p-2"], finding.RequestIds);
        Assert.InRange(finding.Metric("unionSqMiles")!.Value, 0.89, 0.91);
        Assert.Equal(0.5, finding.Metric("limitSqMiles"));
        Assert.Equal(1, finding.Metric("cases"));
        Assert.Equal(Severity.Medium, finding.Severity);
    }

    [Fact]
    public void Run_SplitWindowPlanted_FindsItsRequests()
    {
        var (lon, lat) = Scenario.Place(3000, 200);
        var planted = new[] { (0.0, 8.0), (8.25, 16.0), (16.5, 23.5) }.Select((w, k) =>
            RequestBuilder.At(Scenario.At(51, 10 + k)).Id($"p-{k}")
                .Window(Scenario.At(50, w.Item1), Scenario.At(50, w.Item2))
                .Circle(lat, lon, 150 + (10 * k)).Build()).ToList();

        var finding = Assert.Single(Find(planted), f => f.Kind == FindingKind.SplitWindow);

        Assert.Equal(["p-0", "p-1", "p-2"], finding.RequestIds);
        Assert.Equal(22.75, finding.Metric("unionHours")!.Value, 3);
        Assert.Equal(12, finding.Metric("limitHours"));
    }

    [Fact]
    public void Run_TrackPlanted_FindsTheChainInOrder()
    {
        var planted = Enumerable.Range(0, 4).Select(k =>
        {
            var (lon, lat) = Scenario.Place(1000 + (600 * k), 300);
            return RequestBuilder.At(Scenario.At(63, 12)).Id($"p-{k}").Requester($"badge-t{k}")
                .Window(Scenario.At(63, 1 + (0.85 * k)), Scenario.At(63, 1.75 + (0.85 * k)))
                .Circle(lat, lon, 100).Build();
        }).Reverse().ToList();

        var finding = Assert.Single(Find(planted), f => f.Kind == FindingKind.Track);

        Assert.Equal(["p-0", "p-1", "p-2", "p-3"], finding.RequestIds);
        Assert.Equal(4, finding.Metric("links"));
        Assert.InRange(finding.Metric("pathMeters")!.Value, 1795, 1805);
        Assert.Equal(Severity.High, finding.Severity);
    }

    [Fact]
    public void Run_PersistentLocationPlanted_FindsOnePlace()
    {
        var (lon, lat) = Scenario.Place(4000, 120);
        var planted = Enumerable.Range(0, 8).Select(k =>
            RequestBuilder.At(Scenario.At(20 + (3 * k), 14)).Id($"p-{k}").Requester($"badge-p{k}").Case($"C-P{k}")
                .Window(Scenario.At(20 + (3 * k), 2), Scenario.At(20 + (3 * k), 4))
                .Circle(lat, lon, 90).Build()).ToList();

        var finding = Assert.Single(Find(planted), f => f.Kind == FindingKind.PersistentLocation);

        Assert.Equal(planted.Select(r => r.Id), finding.RequestIds);
        Assert.Equal(8, finding.Metric("days"));
        Assert.Equal(16, finding.Metric("hoursCovered"));
    }

    [Fact]
    public void Run_CaseFanoutPlanted_FindsTheCaseWithoutNamingIt()
    {
        var planted = Enumerable.Range(0, 7).Select(k =>
        {
            var (lon, lat) = Scenario.Place(5000, k * 51);
            return RequestBuilder.At(Scenario.At(70 + k, 11)).Id($"p-{k}").Case("C-FANOUT").Requester($"badge-f{k}")
                .Window(Scenario.At(70 + k, 1 + k), Scenario.At(70 + k, 2 + k))
                .Circle(lat, lon, 120).Build();
        }).ToList();

        var finding = Assert.Single(Find(planted), f => f.Kind == FindingKind.CaseFanout);

        Assert.Equal(7, finding.RequestIds.Count);
        Assert.Equal(7, finding.Metric("requesters"));
        Assert.DoesNotContain("C-FANOUT", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_RequesterBurstPlanted_FindsTheRequesterAndWhatDroveIt()
    {
        // One requester who never appears in the noise: one request a week, then 20 in the week of 17 August, all at night.
        var weekly = Enumerable.Range(0, 13).Select(week => Burst($"w-{week}", Scenario.At(2 + (7 * week), 14), 0));
        var burst = Enumerable.Range(0, 20).Select(k => Burst($"b-{k:00}", Scenario.At(47 + (k % 6), 2 + (k / 6 * 0.5)), k));

        var findings = Find([.. weekly, .. burst]).Where(f => f.Kind == FindingKind.RateAnomaly).ToList();

        var finding = Assert.Single(findings, f => f.Requester == "badge-burst");
        Assert.Equal(21, finding.RequestIds.Count);
        Assert.Equal(21, finding.Metric("requests"));
        Assert.Equal("request count", finding.Drivers![0]);
        Assert.Contains("share submitted 01:00-05:00", finding.Drivers);
        Assert.DoesNotContain("badge-burst", finding.Explanation, StringComparison.Ordinal);
        Assert.StartsWith("One requester at rochester-mn-pd made 21 requests in the week of 17 Aug 2026", finding.Explanation, StringComparison.Ordinal);
    }

    private static FootageRequest Burst(string id, DateTimeOffset submitted, int k)
    {
        var (lon, lat) = Scenario.Place(3000 + (k * 230), k * 37);
        return RequestBuilder.At(submitted).Id(id).Requester("badge-burst").Case($"C-{id}")
            .Window(submitted.AddHours(-30 - (k * 7)), submitted.AddHours(-29 - (k * 7)))
            .Circle(lat, lon, 80).Build();
    }

    private static IReadOnlyList<Finding> Find(IEnumerable<FootageRequest> planted)
    {
        var findings = Detectors.Run(DetectionPolicies.Default(), [.. Scenario.Noise(1), .. planted]);
        var strays = findings.Where(f => !f.RequestIds.Any(id => !id.StartsWith("n-", StringComparison.Ordinal))).ToList();
        Assert.True(strays.Count == 0, string.Join(Environment.NewLine, strays.Select(f => f.Explanation)));
        return findings;
    }
}
