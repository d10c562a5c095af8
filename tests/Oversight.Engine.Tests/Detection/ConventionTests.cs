using System.Reflection;
using Oversight.Detection;

namespace Oversight.Tests.Detection;

public sealed class ConventionTests
{
    [Fact]
    public void Finding_EveryProperty_HasNoPublicSetter()
    {
        var settable = typeof(Finding).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true } setter && !setter.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.Name == "IsExternalInit"))
            .Select(p => p.Name)
            .ToList();

        Assert.Empty(settable);
    }

    [Fact]
    public void Detectors_EveryKind_HasANameAndParsesBack()
    {
        foreach (var kind in Enum.GetValues<FindingKind>())
        {
            Assert.True(FindingNames.TryParseKind(kind.Name(), out var back));
            Assert.Equal(kind, back);
        }
    }

    [Fact]
    public void Findings_EveryKind_NeverNameARequesterOrCaseInTheSentence()
    {
        var findings = Detectors.Run(DetectionPolicies.Default(), [.. Scenario.Noise(3), .. PlantedAll()]);

        Assert.Equal(Detectors.Kinds.Count, findings.Select(f => f.Kind).Distinct().Count());
        Assert.Equal(Enum.GetValues<FindingKind>().Length, Detectors.Kinds.Union(Oversight.Detection.Searches.SearchDetectors.Kinds).Count());
        foreach (var finding in findings)
        {
            Assert.DoesNotMatch(@"badge-|C-\d|SECRET", finding.Explanation);
        }
    }

    [Fact]
    public void SearchFindings_EveryKind_NeverNameAnOfficerCaseOrPlateInTheSentence()
    {
        var findings = Oversight.Detection.Searches.SearchDetectors.Run(
            Support.TestPolicies.Shipped("eugene-or-alpr.yaml"), [.. Oversight.Tests.Searches.SearchSamples.EugeneSearches, .. SearchesOfEveryKind()]);

        Assert.Equal(Oversight.Detection.Searches.SearchDetectors.Kinds.Count, findings.Select(f => f.Kind).Distinct().Count());
        foreach (var finding in findings)
        {
            Assert.DoesNotMatch(@"officer-secret|2510494|25-77777|[0-9a-f]{8}-[0-9a-f]{4}-|hmac|ABC ?123", finding.Explanation);
        }
    }

    /// <summary>A streak, a case fanout and a repeated plate, by an officer, a case and a plate that would show if a sentence named them.</summary>
    private static IEnumerable<Oversight.Searches.AlprSearch> SearchesOfEveryKind()
    {
        var first = new DateTimeOffset(2025, 8, 1, 18, 0, 0, TimeSpan.Zero);
        for (var k = 0; k < 6; k++)
        {
            yield return Oversight.Tests.Searches.SearchSamples.Search(id: $"fan-{k}", requester: "officer-secret", at: first.AddDays(k), reason: "burglary case 25-77777", plate: "ABC 123", agency: "eugene-or-pd");
        }
    }

    /// <summary>One pattern of every kind, with requesters and cases that would show if a sentence named them.</summary>
    private static IEnumerable<Oversight.Requests.FootageRequest> PlantedAll()
    {
        var side = Math.Sqrt(0.3) * 1609.344;
        for (var k = 0; k < 3; k++)
        {
            var (lon, lat) = Scenario.Place(2000 + (k * side), 90);
            yield return Support.RequestBuilder.At(Scenario.At(40, 9 + k)).Id($"sa-{k}").Case("SECRET-1").Requester("badge-secret")
                .Window(Scenario.At(39, 20), Scenario.At(39, 23)).Area(Shapes.Square(lon, lat, side)).Build();
        }

        for (var k = 0; k < 3; k++)
        {
            var (lon, lat) = Scenario.Place(3000, 200);
            yield return Support.RequestBuilder.At(Scenario.At(51, 10 + k)).Id($"sw-{k}").Case("SECRET-2").Requester("badge-secret")
                .Window(Scenario.At(50, 8 * k), Scenario.At(50, (8 * k) + 7.9)).Circle(lat, lon, 150).Build();
        }

        for (var k = 0; k < 4; k++)
        {
            var (lon, lat) = Scenario.Place(1000 + (600 * k), 300);
            yield return Support.RequestBuilder.At(Scenario.At(63, 12)).Id($"tr-{k}").Case("SECRET-3").Requester("badge-secret")
                .Window(Scenario.At(63, 1 + (0.85 * k)), Scenario.At(63, 1.75 + (0.85 * k))).Circle(lat, lon, 100).Build();
        }

        var (plon, plat) = Scenario.Place(4000, 120);
        for (var k = 0; k < 8; k++)
        {
            yield return Support.RequestBuilder.At(Scenario.At(20 + (3 * k), 14)).Id($"pl-{k}").Case($"SECRET-P{k}").Requester("badge-secret")
                .Window(Scenario.At(20 + (3 * k), 2), Scenario.At(20 + (3 * k), 4)).Circle(plat, plon, 90).Build();
        }

        for (var k = 0; k < 7; k++)
        {
            var (lon, lat) = Scenario.Place(5000, k * 51);
            yield return Support.RequestBuilder.At(Scenario.At(70 + k, 11)).Id($"cf-{k}").Case("SECRET-4").Requester("badge-secret")
                .Window(Scenario.At(70 + k, 1 + k), Scenario.At(70 + k, 2 + k)).Circle(lat, lon, 120).Build();
        }

        for (var k = 0; k < 20; k++)
        {
            var (lon, lat) = Scenario.Place(3000 + (k * 230), k * 37);
            var at = Scenario.At(47 + (k % 6), 2 + (k / 6 * 0.5));
            yield return Support.RequestBuilder.At(at).Id($"ra-{k}").Case($"SECRET-R{k}").Requester("badge-secret")
                .Window(at.AddHours(-30 - (k * 7)), at.AddHours(-29 - (k * 7))).Circle(lat, lon, 80).Build();
        }
    }
}
