using Oversight.Searches;
using Oversight.Searches.Flock;

namespace Oversight.Tests.Searches.Flock;

public sealed class FlockCsvTests
{
    [Fact]
    public void Open_EugenePortalExport_ReadsEverySearchAsUtc()
    {
        var records = SearchSamples.Read(File.ReadAllText(SearchSamples.EugenePath), "eugene-or-pd");

        Assert.Equal(2973, records.Count);
        Assert.All(records, r => Assert.True(r.Result.Succeeded, string.Join("; ", r.Result.Problems)));
        var first = records[0].Result.Value!;
        Assert.Equal("5869ce7e-98f2-47e7-a3c2-5e6bff4def4a", first.Id);
        Assert.Equal("eugene-or-pd", first.Agency);
        Assert.Equal("587e52c3-e5b1-494d-bc15-943a853a26f5", first.Requester);
        Assert.Equal(new DateTimeOffset(2025, 6, 18, 0, 2, 4, 789, TimeSpan.Zero), first.SearchedAt);
        Assert.Equal(2510, first.CamerasSearched);
        Assert.Null(first.NetworksSearched);
        Assert.Null(first.CaseNumber);
        Assert.Null(first.OffenseType);
        Assert.Null(first.TimeFrame);
        Assert.Equal(2, records[0].Line);
        Assert.Equal(136, records.Select(r => r.Result.Value!.Requester).Distinct().Count());
    }

    [Fact]
    public void Open_PortalPlus_IsReadAsASpace()
    {
        var search = Assert.Single(SearchSamples.Read("id,userId,searchDate,cameraCount,reason\n\"a\",\"u\",\"2025-06-18 00:09:13.397\",2510,\"Person+Crime+\"\n")).Result.Value!;

        Assert.Equal("Person Crime", search.Reason);
    }

    [Fact]
    public void Open_PortalVariantWithNetworksCaseAndOffense_ReadsEveryColumn()
    {
        const string csv = """
            id,userId,searchDate,networkCount,reason,caseNumber,offenseType
            s1,***,2025-07-01T10:00:00-07:00,12,Stolen+vehicle,25-001,Theft
            s2,,2025-07-01 18:00:00,3,Burglary,,
            """;

        var searches = SearchSamples.Read(csv).Select(r => r.Result.Value!).ToList();

        Assert.Null(searches[0].Requester);
        Assert.Null(searches[1].Requester);
        Assert.Equal(12, searches[0].NetworksSearched);
        Assert.Null(searches[0].CamerasSearched);
        Assert.Equal("25-001", searches[0].CaseNumber);
        Assert.Equal("Theft", searches[0].OffenseType);
        Assert.Equal(new DateTimeOffset(2025, 7, 1, 17, 0, 0, TimeSpan.Zero), searches[0].SearchedAt.ToUniversalTime());
        Assert.Equal(string.Empty, searches[1].CaseNumber);
    }

    [Fact]
    public void Open_NetworkAudit_ReadsTimeFrameOrgAndHashesThePlate()
    {
        const string csv = """
            ID,Name,Org Name,Total Networks Searched,Total Devices Searched,Time Frame,License Plate,Reason,Case #,Filters,Search Time,Search Type,Text Prompt,Moderation
            ,***,Springfield OR PD,631,"15,737","06/01/2025, 09:00:00 AM UTC
            06/08/2025, 09:00:00 AM UTC",ABC 123,Stolen vehicle,SPD25-9,california,"6/8/2025, 9:11:16 AM UTC",lookup,,
            u-2,Officer 7,Eugene OR PD,0,0,06/01/2025 09:00:00 AM UTC to 06/02/2025 09:00:00 AM UTC,***,REDACTED,,***,06/08/2025 10:00:00 PM UTC,search,,
            """;

        var records = SearchSamples.Read(csv, agency: null);

        var first = records[0].Result.Value!;
        Assert.Equal(2, records[0].Line);
        Assert.Equal("springfield-or-pd", first.Agency);
        Assert.Null(first.Requester);
        Assert.StartsWith("srch-", first.Id, StringComparison.Ordinal);
        Assert.Equal(631, first.NetworksSearched);
        Assert.Equal(15737, first.CamerasSearched);
        Assert.Equal(168, first.TimeFrame!.Hours);
        Assert.Equal(new DateTimeOffset(2025, 6, 8, 9, 11, 16, TimeSpan.Zero), first.SearchedAt);
        Assert.Equal(SearchSamples.Key.Hash("abc-123"), first.PlateHash);
        Assert.DoesNotContain("ABC", SearchJson.ToJson(first), StringComparison.Ordinal);
        Assert.Equal("lookup", first.SearchType);
        var second = records[1].Result.Value!;
        Assert.Equal(4, records[1].Line);
        Assert.Equal("eugene-or-pd", second.Agency);
        Assert.Null(second.Reason);
        Assert.Null(second.PlateHash);
        Assert.Null(second.NetworksSearched);
        Assert.Null(second.CamerasSearched);
        Assert.Equal(24, second.TimeFrame!.Hours);
    }

    [Fact]
    public void Open_UnknownLayout_NamesTheColumnsFoundAndTheLayoutsKnown()
    {
        var input = FlockCsv.Open(new StringReader("searchId,officer,when,reason\n1,2,3,4\n"), new FlockOptions("x", SearchSamples.Key));

        var problem = Assert.Single(input.Problems);
        Assert.Contains("unknown export layout", problem.Message, StringComparison.Ordinal);
        Assert.Contains("'searchId', 'officer', 'when', 'reason'", problem.Message, StringComparison.Ordinal);
        Assert.Contains("flock-portal", problem.Message, StringComparison.Ordinal);
        Assert.Contains("flock-audit", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_KnownLayoutWithAnUnknownColumn_NamesItsColumn()
    {
        var input = FlockCsv.Open(new StringReader("id,userId,searchDate,cameraCount,reason,badge\n"), new FlockOptions("x", SearchSamples.Key));

        Assert.Contains(input.Problems, p => p.Column == 6 && p.Message.Contains("unknown column 'badge'", StringComparison.Ordinal));
    }

    [Fact]
    public void Open_PortalWithoutAgency_AsksForOne()
    {
        var input = FlockCsv.Open(new StringReader("id,userId,searchDate,cameraCount,reason\n"), new FlockOptions(null, SearchSamples.Key));

        Assert.Contains("--agency", Assert.Single(input.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_BadDateAndCount_NameLineAndColumnAndKeepTheOtherRows()
    {
        const string csv = """
            id,userId,searchDate,cameraCount,reason
            a,u,2025-06-31 10:00:00,100,x
            b,u,2025-06-18 10:00:00,-4,x
            c,u,2025-06-18 10:00:00,lots,x
            d,u,2025-06-18 10:00:00,0,x
            """;

        var records = SearchSamples.Read(csv);

        var date = Assert.Single(records[0].Result.Problems);
        Assert.Equal((2, 3, "searchDate"), (date.Line, date.Column, date.Path));
        Assert.Equal((3, 4), (records[1].Result.Problems[0].Line, records[1].Result.Problems[0].Column));
        Assert.Equal((4, 4), (records[2].Result.Problems[0].Line, records[2].Result.Problems[0].Column));
        Assert.Null(records[3].Result.Value!.CamerasSearched);
    }

    [Fact]
    public void Open_TimeFrameEndingBeforeItStarts_IsARowProblem()
    {
        const string csv = "Name,Reason,Search Time,Total Networks Searched,Time Frame\nx,y,\"06/08/2025, 10:00:00 PM UTC\",4,\"06/02/2025, 09:00:00 AM UTC to 06/01/2025, 09:00:00 AM UTC\"\n";

        var record = Assert.Single(SearchSamples.Read(csv));

        Assert.Contains(record.Result.Problems, p => p.Column == 5 && p.Message.Contains("ends", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Eugene OR PD", "eugene-or-pd")]
    [InlineData("  Mountain View CA PD (Santa Clara County) ", "mountain-view-ca-pd-santa-clara-county")]
    [InlineData("C\u043E\u043Es County SO", "coos-county-so")]
    public void Slug_OrgName_IsThePortalAddress(string name, string slug) => Assert.Equal(slug, FlockCsv.Slug(name));

    [Fact]
    public void Sniff_TellsSearchFilesFromRequestFiles()
    {
        Assert.Equal(RecordKind.AlprSearches, SearchFile.Sniff("x.csv", "\"id\",\"userId\",\"searchDate\",\"cameraCount\",\"reason\"\n"));
        Assert.Equal(RecordKind.FootageRequests, SearchFile.Sniff("x.csv", "id,agency,requester,submittedAt,windowStart,windowEnd,lat,lon,radiusMeters\n"));
        Assert.Equal(RecordKind.AlprSearches, SearchFile.Sniff("x.jsonl", "\n{\"kind\":\"alpr-search\",\"id\":\"1\"}\n"));
        Assert.Equal(RecordKind.FootageRequests, SearchFile.Sniff("x.jsonl", "{\"id\":\"r\",\"agency\":\"a\"}\n"));
    }
}
