using Oversight.Detection;
using Oversight.Requests;
using Oversight.Tests.Support;

namespace Oversight.Tests.Detection;

public sealed class PlaceAndCaseBoundaryTests
{
    [Theory]
    [InlineData(7, 1, true)]
    [InlineData(6, 1, false)]
    [InlineData(7, 4, true)]
    [InlineData(7, 5, false)]
    public void PersistentLocation_DistinctDays_FoundFromMinDaysWithinPeriod(int days, int spacing, bool found)
    {
        // Days 0, s, 2s, … : with s = 4 the seventh is day 24 (inside 30 days); with s = 5 it is day 30 (outside).
        var requests = Enumerable.Range(0, days).Select(k =>
            RequestBuilder.At(Scenario.At(10 + (k * spacing), 14)).Id($"p-{k}").Requester($"badge-{k}").Case($"C-{k}")
                .Window(Scenario.At(10 + (k * spacing), 2), Scenario.At(10 + (k * spacing), 3))
                .Circle(Scenario.CentreLat, Scenario.CentreLon, 60).Build()).ToArray();

        Assert.Equal(found, SplitBoundaryTests.Kinds(requests).Contains(FindingKind.PersistentLocation));
    }

    [Theory]
    [InlineData(6, true)]
    [InlineData(5, false)]
    public void CaseFanout_Requests_FoundFromMinRequests(int count, bool found)
    {
        var requests = Enumerable.Range(0, count).Select(k => OfCase($"f-{k}", k, 3000, 100)).ToArray();

        Assert.Equal(found, SplitBoundaryTests.Kinds(requests).Contains(FindingKind.CaseFanout));
    }

    [Theory]
    [InlineData(2.02, true)]
    [InlineData(1.98, false)]
    public void CaseFanout_UnionArea_FoundFromMinArea(double totalSqMi, bool found)
    {
        // Two equal, far-apart circles.
        var radius = Math.Sqrt(totalSqMi / 2 * 2_589_988.110336 / Math.PI);
        var requests = new[] { OfCase("f-0", 0, 5000, radius), OfCase("f-1", 1, 5000, radius) };

        Assert.Equal(found, SplitBoundaryTests.Kinds(requests).Contains(FindingKind.CaseFanout));
    }

    [Theory]
    [InlineData(8, true)]
    [InlineData(7, false)]
    public void RateAnomaly_BurstAfterOneAWeek_FoundFromZScore(int burst, bool found)
    {
        // Twelve weeks of one request, then a burst: on the 2√n scale the usual week is 2, so 8 requests (5.66) reach z 3.5 and 7 (5.29) do not.
        var requests = new List<FootageRequest>();
        for (var week = 0; week < 12; week++)
        {
            requests.Add(OfRequester($"w-{week}", Scenario.At(6 + (7 * week), 12), week));
        }

        for (var k = 0; k < burst; k++)
        {
            requests.Add(OfRequester($"b-{k}", Scenario.At(90, 1 + k), 20 + k));
        }

        var findings = Detectors.Run(DetectionPolicies.Default(), requests);

        Assert.Equal(found, findings.Any(f => f.Kind == FindingKind.RateAnomaly && f.Requester == "badge-r"));
    }

    private static FootageRequest OfCase(string id, int k, double metres, double radius)
    {
        var (lon, lat) = Scenario.Place(metres, k * 90);
        return RequestBuilder.At(Scenario.At(20 + (2 * k), 12)).Id(id).Case("C-ONE").Requester($"badge-{k}")
            .Window(Scenario.At(20 + (2 * k), 1), Scenario.At(20 + (2 * k), 2)).Circle(lat, lon, radius).Build();
    }

    private static FootageRequest OfRequester(string id, DateTimeOffset submitted, int k)
    {
        var (lon, lat) = Scenario.Place(2000 + (k * 400), k * 47);
        return RequestBuilder.At(submitted).Id(id).Requester("badge-r").Case($"C-{id}")
            .Window(submitted.AddHours(-50 - (k * 5)), submitted.AddHours(-49 - (k * 5))).Circle(lat, lon, 80).Build();
    }
}
