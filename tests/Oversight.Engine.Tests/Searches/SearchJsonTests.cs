using Oversight.Searches;

namespace Oversight.Tests.Searches;

public sealed class SearchJsonTests
{
    [Fact]
    public void Write_ThenParse_GivesTheSameSearch()
    {
        var search = SearchSamples.Search(plate: "XYZ987", frame: new SearchTimeFrame(
            new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 6, 2, 0, 0, 0, TimeSpan.Zero))) with { SearchType = "lookup", NetworksSearched = 4 };

        var json = SearchJson.ToJson(search);
        var back = SearchJson.Parse(json);

        Assert.True(back.Succeeded, string.Join("; ", back.Problems));
        Assert.Equal(search, back.Value);
        Assert.StartsWith("{\"kind\":\"alpr-search\",\"id\":\"s-1\",\"agency\":\"test-pd\",\"requester\":\"officer-1\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EveryProblem_IsNamedByItsPath()
    {
        var result = SearchJson.Parse("""{"kind":"alpr-search","agency":" ","searchedAt":"2025-06-18 00:00","camerasSearched":-1,"timeFrame":{"start":"2025-06-02T00:00:00Z","end":"2025-06-01T00:00:00Z"},"plateHash":"ABC123","window":{}}""");

        var paths = result.Problems.Select(p => p.Path).ToList();
        Assert.Contains("$.id", paths);
        Assert.Contains("$.agency", paths);
        Assert.Contains("$.searchedAt", paths);
        Assert.Contains("$.camerasSearched", paths);
        Assert.Contains("$.timeFrame.end", paths);
        Assert.Contains("$.plateHash", paths);
        Assert.Contains("$.window", paths);
    }

    [Fact]
    public void Parse_MaskedRequesterAndZeroCount_AreNotPublished()
    {
        var search = SearchJson.Parse("""{"kind":"alpr-search","id":"1","agency":"a","requester":"***","searchedAt":"2025-06-18T00:00:00Z","camerasSearched":0,"reason":"REDACTED"}""").Value!;

        Assert.Null(search.Requester);
        Assert.Null(search.CamerasSearched);
        Assert.Null(search.Reason);
    }

    [Fact]
    public void Parse_RepeatedKey_IsRefused()
    {
        var result = SearchJson.Parse("""{"kind":"alpr-search","id":"1","id":"2","agency":"a","searchedAt":"2025-06-18T00:00:00Z"}""");

        Assert.Equal("$.id", Assert.Single(result.Problems).Path);
    }

    [Theory]
    [InlineData("""{"kind":"alpr-search","id":"1","agency":"a","requester":null,"searchedAt":"2025-06-18T00:00:00.5Z","reason":"investigation","caseNumber":null,"offenseType":null,"camerasSearched":135,"networksSearched":null,"timeFrame":{"start":"2025-06-01T00:00:00Z","end":"2025-06-02T00:00:00Z"},"plateHash":null,"searchType":"lookup"}""")]
    [InlineData("""{"kind":"alpr-search","id":"1","agency":"a","searchedAt":"2025-06-18T02:00:00+02:00"}""")]
    [InlineData("""{"kind":"alpr-search","id":"1","id":"2","agency":"a","searchedAt":"2025-06-18T00:00:00Z"}""")]
    [InlineData("""{"kind":"alpr-search","id":"1","agency":"a","searchedAt":"2025-02-29T00:00:00Z"}""")]
    [InlineData("""{"kind":"alpr-search","id":"1","agency":"a","searchedAt":"2025-06-18T00:00:00Z","camerasSearched":"many"}""")]
    [InlineData("""{"kind":"alpr-search","id":"1","agency":"a","searchedAt":"2025-06-18T00:00:00Z","timeFrame":{"start":"2025-06-02T00:00:00Z","end":"2025-06-01T00:00:00Z"}}""")]
    [InlineData("""{"kind":"alpr-search","id":"1","agency":"a","searchedAt":"2025-06-18T00:00:00Z"} trailing""")]
    [InlineData("""{"id":"1","agency":"a","searchedAt":"2025-06-18T00:00:00Z"}""")]
    [InlineData("""{"kind":"alpr-search","id":"1","agency":"a","searchedAt":"2025-06-18T00:00:00Z","reason":"REDACTED","requester":"***","camerasSearched":0}""")]
    public void ParseLine_GivesWhatParseGives(string line)
    {
        var fast = SearchJson.ParseLine(line);
        var slow = SearchJson.Parse(line);

        Assert.Equal(slow.Value, fast.Value);
        Assert.Equal(slow.Problems.Select(p => p.ToString()), fast.Problems.Select(p => p.ToString()));
    }
}
