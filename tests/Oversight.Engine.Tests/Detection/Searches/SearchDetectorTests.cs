using Oversight.Detection;
using Oversight.Detection.Searches;
using Oversight.Policies;
using Oversight.Searches;
using Oversight.Searches.Audit;
using Oversight.Tests.Searches;
using Oversight.Tests.Support;

namespace Oversight.Tests.Detection.Searches;

/// <summary>Each search detector on a planted pattern over a quiet background, and the ways an agency could hide one.</summary>
public sealed class SearchDetectorTests
{
    private static readonly Policy Policy = TestPolicies.Load("""
        policy: test-alpr
        version: "1"
        subject: alpr-searches
        timeZone: America/Los_Angeles
        rules:
          - { id: vague, kind: vague-reason, phrases: [investigation], action: warn }
          - { id: officer-day, kind: max-requests, per: requester, limit: 5, period: 24h }
          - { id: national, kind: max-breadth, of: cameras, limit: 10000 }
        """);

    /// <summary>Twelve weeks of a quiet agency: ten officers, each searching about once a week at midday, over ~100 cameras, with specific reasons.</summary>
    private static List<AlprSearch> Background()
    {
        var random = new Random(5);
        var start = new DateTimeOffset(2025, 6, 2, 19, 0, 0, TimeSpan.Zero);
        var searches = new List<AlprSearch>();
        for (var week = 0; week < 12; week++)
        {
            for (var officer = 0; officer < 10; officer++)
            {
                var at = start.AddDays((7 * week) + random.Next(0, 5)).AddMinutes(random.Next(0, 120));
                searches.Add(SearchSamples.Search(id: $"bg-{week}-{officer}", requester: $"officer-{officer}", at: at, cameras: 90 + random.Next(0, 40), reason: $"stolen vehicle {week}-{officer}"));
            }
        }

        return searches;
    }

    private static IReadOnlyList<Finding> Run(IEnumerable<AlprSearch> planted) => SearchDetectors.Run(Policy, [.. Background(), .. planted]);

    [Fact]
    public void Run_QuietBackground_FindsNothing() => Assert.Empty(SearchDetectors.Run(Policy, Background()));

    [Fact]
    public void Run_WideSearchSplitIntoNarrowOnes_IsCaughtByCountAndRate()
    {
        // One 75,000-camera search run instead as 30 searches of 2,500 in one evening: each stays under max-breadth.
        var evening = new DateTimeOffset(2025, 7, 16, 3, 0, 0, TimeSpan.Zero);
        var split = Enumerable.Range(0, 30).Select(i => SearchSamples.Search(id: $"split-{i}", requester: "officer-3", at: evening.AddMinutes(2 * i), cameras: 2500, reason: "stolen vehicle case 25-00777")).ToList();
        var all = SearchAudit.InOrder([.. Background(), .. split]);

        var decisions = SearchAudit.Run(Policy, all, new SearchHistory()).Where(d => d.Search.Id.StartsWith("split-", StringComparison.Ordinal)).ToList();
        var findings = Run(split);

        Assert.All(decisions, d => Assert.DoesNotContain("national", d.Violated));
        Assert.Equal(25, decisions.Count(d => d.Violated.Contains("officer-day")));
        var rate = Assert.Single(findings, f => f.Kind == FindingKind.RateAnomaly && f.Requester == "officer-3");
        Assert.All(split, s => Assert.Contains(s.Id, rate.RequestIds));
        Assert.Contains(findings, f => f.Kind == FindingKind.CaseFanout && f.RequestIds.Count >= 30);
    }

    [Fact]
    public void Run_BurstHiddenBehindMaskedOfficers_IsStillTheAgencysBurst()
    {
        var week = new DateTimeOffset(2025, 7, 22, 18, 0, 0, TimeSpan.Zero);
        var masked = Enumerable.Range(0, 40).Select(i => SearchSamples.Search(id: $"masked-{i}", requester: null, at: week.AddHours(3 * i))).ToList();

        var findings = Run(masked);

        var agency = Assert.Single(findings, f => f.Kind == FindingKind.RateAnomaly && f.Requester is null);
        Assert.All(masked, s => Assert.Contains(s.Id, agency.RequestIds));
        Assert.DoesNotContain(findings, f => f.Requester is null && f.Kind is FindingKind.Streak or FindingKind.OffHours);
    }

    [Fact]
    public void Run_OfficerOnMostDaysInARow_IsAStreak()
    {
        var first = new DateTimeOffset(2025, 7, 1, 20, 0, 0, TimeSpan.Zero);
        var streak = Enumerable.Range(0, 9).Select(i => SearchSamples.Search(id: $"streak-{i}", requester: "officer-7", at: first.AddDays(i))).ToList();

        var finding = Assert.Single(Run(streak), f => f.Kind == FindingKind.Streak);

        Assert.Equal("officer-7", finding.Requester);
        Assert.True(finding.Metric("days") >= 9);
        Assert.Contains("days in a row", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_OfficerSearchingAtNight_IsOffHours()
    {
        var night = new DateTimeOffset(2025, 7, 1, 10, 0, 0, TimeSpan.Zero); // 03:00 in Eugene
        var searches = Enumerable.Range(0, 12).Select(i => SearchSamples.Search(id: $"night-{i}", requester: "officer-night", at: night.AddDays(3 * i))).ToList();

        var finding = Assert.Single(Run(searches), f => f.Kind == FindingKind.OffHours);

        Assert.Equal("officer-night", finding.Requester);
        Assert.Equal(12, finding.Metric("offHours"));
    }

    [Fact]
    public void Run_WeekOfVagueReasons_IsFound()
    {
        var week = new DateTimeOffset(2025, 8, 4, 18, 0, 0, TimeSpan.Zero);
        var vague = Enumerable.Range(0, 15).Select(i => SearchSamples.Search(id: $"vague-{i}", requester: $"officer-{i % 10}", at: week.AddHours(6 * i), reason: i % 2 == 0 ? "investigation" : "INVESTIGATION....")).ToList();

        var finding = Assert.Single(Run(vague), f => f.Kind == FindingKind.VagueReasons);

        Assert.Equal(15, finding.Metric("vague"));
    }

    [Fact]
    public void Run_CaseNumberTypedIntoReasonsOnManyDays_FansOut()
    {
        var first = new DateTimeOffset(2025, 7, 1, 18, 0, 0, TimeSpan.Zero);
        var searches = Enumerable.Range(0, 5).Select(i => SearchSamples.Search(id: $"case-{i}", requester: $"officer-{i}", at: first.AddDays(4 * i), reason: "Investigation, 2510494")).ToList();

        var finding = Assert.Single(Run(searches), f => f.Kind == FindingKind.CaseFanout);

        Assert.Equal(5, finding.Metric("days"));
    }

    [Fact]
    public void Run_NationwideSearches_AreBreadthOutliers()
    {
        var at = new DateTimeOffset(2025, 7, 9, 18, 0, 0, TimeSpan.Zero);
        var wide = Enumerable.Range(0, 3).Select(i => SearchSamples.Search(id: $"wide-{i}", at: at.AddHours(i), cameras: 85_000 + i)).ToList();

        var finding = Assert.Single(Run(wide), f => f.Kind == FindingKind.BreadthOutlier);

        Assert.Equal(["wide-0", "wide-1", "wide-2"], finding.RequestIds);
    }

    [Fact]
    public void Run_OnePlateOnManyDays_IsRepeatedPlateAndTheFindingHoldsNoPlate()
    {
        var first = new DateTimeOffset(2025, 7, 1, 18, 0, 0, TimeSpan.Zero);
        var plate = Enumerable.Range(0, 4).Select(i => SearchSamples.Search(id: $"plate-{i}", requester: $"officer-{i}", at: first.AddDays(2 * i), plate: i % 2 == 0 ? "ABC 123" : "abc-123")).ToList();

        var finding = Assert.Single(Run(plate), f => f.Kind == FindingKind.RepeatedPlate);

        Assert.Equal(4, finding.Metric("days"));
        Assert.DoesNotContain("ABC", FindingsJson.ToJson(finding), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Run_SameSearchesTwice_SameFindingsAndIds()
    {
        var first = SearchDetectors.Run(Policy, SearchSamples.EugeneSearches);
        var second = SearchDetectors.Run(Policy, [.. SearchSamples.EugeneSearches.Reverse()]);

        Assert.Equal(first.Select(FindingsJson.ToJson), second.Select(FindingsJson.ToJson));
    }
}
