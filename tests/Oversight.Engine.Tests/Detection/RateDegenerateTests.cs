using Oversight.Detection;
using Oversight.Tests.Support;

namespace Oversight.Tests.Detection;

/// <summary>
/// Requests that all look alike — one shape, one window length, no case number — leave the rate
/// model's features without variance. The detector must still run and still find a burst: an agency
/// should not be able to stop detection by sending identical requests.
/// </summary>
public sealed class RateDegenerateTests
{
    [Fact]
    public void Run_IdenticalShapesAndWindowsWithoutCases_StillFindsTheBurst()
    {
        var start = new DateTimeOffset(2026, 7, 6, 15, 0, 0, TimeSpan.Zero);
        var requests = new List<Oversight.Requests.FootageRequest>();
        for (var week = 0; week < 10; week++)
        {
            for (var requester = 0; requester < 12; requester++)
            {
                var at = start.AddDays((7 * week) + (requester % 5)).AddHours(requester);
                requests.Add(RequestBuilder.At(at).Id($"w{week}-r{requester}").Requester($"badge-{requester}").Case(null).Window(at.AddHours(-3), at.AddHours(-2)).Build());
            }
        }

        var burst = start.AddDays(7 * 6);
        requests.AddRange(Enumerable.Range(0, 25).Select(i => RequestBuilder.At(burst.AddHours(i)).Id($"burst-{i}").Requester("badge-3").Case(null).Window(burst.AddHours(i - 3), burst.AddHours(i - 2)).Build()));

        var findings = Detectors.Run(DetectionPolicies.Default(), requests);

        Assert.Contains(findings, f => f.Kind == FindingKind.RateAnomaly && f.Requester == "badge-3");
    }
}
