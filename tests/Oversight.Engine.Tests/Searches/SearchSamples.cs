using Oversight.Searches;
using Oversight.Searches.Flock;

namespace Oversight.Tests.Searches;

/// <summary>The Eugene, OR portal export (CC0) copied next to the tests, and small exports written in the tests.</summary>
internal static class SearchSamples
{
    public const string EugeneFile = "EPDSearchAuditLogs-2025-06-18-to-08-31.csv";

    public static string EugenePath => Path.Combine(AppContext.BaseDirectory, "samples", "eugene-or-flock", EugeneFile);

    /// <summary>One fixed key, so that hashes are the same in every run.</summary>
    public static readonly PlateKey Key = PlateKey.Parse(new string('a', 64), out _)!;

    private static readonly Lazy<IReadOnlyList<AlprSearch>> Eugene = new(() => [.. Read(File.ReadAllText(EugenePath), "eugene-or-pd").Select(r => r.Result.Value!)]);

    /// <summary>Every search of the Eugene sample, in file order.</summary>
    public static IReadOnlyList<AlprSearch> EugeneSearches => Eugene.Value;

    /// <summary>The records of a CSV export read as Flock's.</summary>
    public static List<SearchRecord> Read(string csv, string? agency = "test-pd")
    {
        var input = FlockCsv.Open(new StringReader(csv), new FlockOptions(agency, Key));
        Assert.True(input.Problems.Count == 0, string.Join("; ", input.Problems));
        return [.. input.Records];
    }

    /// <summary>A search with the fields tests care about.</summary>
    public static AlprSearch Search(
        string id = "s-1",
        string? requester = "officer-1",
        string? reason = "stolen vehicle, case 25-01234",
        int? cameras = 100,
        DateTimeOffset? at = null,
        string? caseNumber = null,
        string? offenseType = null,
        string agency = "test-pd",
        SearchTimeFrame? frame = null,
        string? plate = null) =>
        new()
        {
            Id = id,
            Agency = agency,
            Requester = requester,
            SearchedAt = at ?? new DateTimeOffset(2025, 7, 1, 12, 0, 0, TimeSpan.Zero),
            Reason = reason,
            CaseNumber = caseNumber,
            OffenseType = offenseType,
            CamerasSearched = cameras,
            TimeFrame = frame,
            PlateHash = plate is null ? null : Key.Hash(plate),
        };
}
