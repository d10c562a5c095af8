using Oversight.Detection;
using Oversight.Detection.Searches;
using Oversight.Searches;
using Oversight.Tests.Searches;
using Oversight.Tests.Support;

namespace Oversight.Tests.Detection.Searches;

/// <summary>
/// The rate test on the real Eugene, OR export: with each officer's searches spread uniformly at
/// random over the period (each officer keeps their total: a null with no bursts), at most 1% of
/// officers may be flagged; a planted burst must be found.
/// </summary>
public sealed class SearchCalibrationTests
{
    private static readonly Oversight.Policies.Policy Policy = TestPolicies.Shipped("eugene-or-alpr.yaml");

    private static IReadOnlyList<AlprSearch> Uniform(int seed)
    {
        var real = SearchSamples.EugeneSearches;
        var from = real.Min(s => s.SearchedAt).UtcTicks;
        var to = real.Max(s => s.SearchedAt).UtcTicks;
        var random = new Random(seed);
        return [.. real.Select(s => s with { SearchedAt = new DateTimeOffset(from + (long)(random.NextDouble() * (to - from)), TimeSpan.Zero) })];
    }

    private static HashSet<string> FlaggedOfficers(IReadOnlyList<AlprSearch> searches) =>
        [.. SearchDetectors.Run(Policy, searches).Where(f => f.Kind == FindingKind.RateAnomaly && f.Requester is not null).Select(f => f.Requester!)];

    [Fact]
    public void RateAnomaly_UniformNull_FlagsAtMostOnePercentOfOfficers()
    {
        var officers = SearchSamples.EugeneSearches.Select(s => s.Requester).Distinct().Count();
        var flagged = Enumerable.Range(1, 10).Select(seed => FlaggedOfficers(Uniform(seed)).Count).ToList();

        Assert.Equal(136, officers);
        Assert.All(flagged, count => Assert.True(count <= officers / 100.0, $"{count} of {officers} officers flagged under the uniform null (seeds 1–10: {string.Join(", ", flagged)})"));
    }

    [Fact]
    public void RateAnomaly_UniformNull_FlagsNoAgencyWeek()
    {
        var findings = SearchDetectors.Run(Policy, Uniform(7));

        Assert.DoesNotContain(findings, f => f.Kind == FindingKind.RateAnomaly && f.Requester is null);
    }

    [Fact]
    public void RateAnomaly_PlantedBurstOfASparseOfficer_IsFound()
    {
        var searches = Uniform(3).ToList();
        var weeks = (searches.Max(s => s.SearchedAt) - searches.Min(s => s.SearchedAt)).TotalDays / 7;
        var sparse = searches.GroupBy(s => s.Requester).Where(g => g.Count() / weeks < 2 && g.Count() >= 8).OrderBy(g => g.Key, StringComparer.Ordinal).First();
        var monday = new DateTimeOffset(2025, 7, 21, 17, 0, 0, TimeSpan.Zero);
        var burst = Enumerable.Range(0, 15).Select(i => sparse.First() with { Id = $"planted-{i}", SearchedAt = monday.AddHours(7 * i) }).ToList();

        var findings = SearchDetectors.Run(Policy, [.. searches, .. burst]);

        var found = Assert.Single(findings, f => f.Kind == FindingKind.RateAnomaly && f.Requester == sparse.Key);
        Assert.All(burst, b => Assert.Contains(b.Id, found.RequestIds));
        Assert.Contains("in the week of 21 Jul 2025", found.Explanation, StringComparison.Ordinal);
        Assert.StartsWith("One officer at Eugene Police Department ran", found.Explanation, StringComparison.Ordinal);
    }
}
