using Oversight.Requests;

namespace Oversight.Tests.Requests;

public sealed class RequestFileTests
{
    private const string Header = "id,agency,requester,caseNumber,incidentType,description,legalBasis,submittedAt,windowStart,windowEnd,lat,lon,radiusMeters";

    private static List<RequestRecord> ReadCsv(string text) => RequestCsv.Read(new StringReader(text)).ToList();

    [Fact]
    public void ReadCsv_CircleColumns_ReadsRequests()
    {
        var records = ReadCsv(Header + "\nr-1,rpd,b-1,C-1,theft,\"Porch theft, suspect in a sedan\",consent,2026-08-01T14:00:00Z,2026-08-01T01:00:00Z,2026-08-01T05:00:00Z,44.02,-92.46,300\n");
        var request = Assert.Single(records).Result.Value!;
        Assert.Equal("Porch theft, suspect in a sedan", request.Description);
        Assert.Equal(300, request.Area.Circle!.RadiusMetres);
    }

    [Fact]
    public void ReadCsv_HeaderIsCaseInsensitive_AndWktWorks()
    {
        var text = "AGENCY,Requester,SUBMITTEDAT,windowstart,WindowEnd,AreaWkt\n" +
                   "rpd,b-1,2026-08-01T14:00:00Z,2026-08-01T01:00:00Z,2026-08-01T05:00:00Z,\"POLYGON ((-92.47 44.02, -92.46 44.02, -92.46 44.03, -92.47 44.03, -92.47 44.02))\"\n";
        var record = Assert.Single(ReadCsv(text));
        Assert.True(record.Result.Succeeded, string.Join("; ", record.Result.Problems));
    }

    [Fact]
    public void ReadCsv_BadCells_NameLineAndColumn()
    {
        var text = Header + "\n" +
                   "r-1,rpd,b-1,C-1,theft,ok,consent,2026-08-01T14:00:00Z,2026-08-01T01:00:00Z,2026-08-01T05:00:00Z,44.02,-92.46,300\n" +
                   "r-2,rpd,b-1,C-1,theft,ok,subpoena,2026-08-01T14:00:00Z,2026-08-01T05:00:00Z,2026-08-01T01:00:00Z,44.02,-92.46,-3\n";
        var records = ReadCsv(text);
        Assert.True(records[0].Result.Succeeded);
        var problems = records[1].Result.Problems;
        Assert.Equal(3, records[1].Line);
        Assert.Contains(problems, p => p is { Line: 3, Column: 7, Path: "legalBasis" });
        Assert.Contains(problems, p => p is { Line: 3, Column: 10, Path: "windowEnd" });
        Assert.Contains(problems, p => p is { Line: 3, Column: 13, Path: "radiusMeters" });
    }

    [Fact]
    public void ReadCsv_QuotedLineBreak_KeepsLineNumbersOfLaterRows()
    {
        var text = Header + "\n" +
                   "r-1,rpd,b-1,C-1,theft,\"two\nlines\",consent,2026-08-01T14:00:00Z,2026-08-01T01:00:00Z,2026-08-01T05:00:00Z,44.02,-92.46,300\n" +
                   "r-2,rpd,,C-1,theft,ok,consent,2026-08-01T14:00:00Z,2026-08-01T01:00:00Z,2026-08-01T05:00:00Z,44.02,-92.46,300\n";
        var records = ReadCsv(text);
        Assert.Equal("two\nlines", records[0].Result.Value!.Description);
        Assert.Equal(4, records[1].Line);
        Assert.Contains(records[1].Result.Problems, p => p is { Line: 4, Column: 3, Path: "requester" });
    }

    [Fact]
    public void ReadCsv_UnknownColumn_IsAHeaderError()
    {
        var record = Assert.Single(ReadCsv("agency,requester,officerName\nrpd,b-1,Smith\n"));
        Assert.Contains(record.Result.Problems, p => p is { Line: 1, Column: 3 } && p.Message.Contains("unknown column 'officerName'", StringComparison.Ordinal));
    }

    [Fact]
    public void ReadCsv_WrongFieldCount_IsAnError()
    {
        var records = ReadCsv(Header + "\nr-1,rpd,b-1\n");
        Assert.Contains(records[0].Result.Problems, p => p.Message.Contains("3 fields; the header has 13", StringComparison.Ordinal));
    }

    [Fact]
    public void ReadCsv_UnclosedWkt_SaysRingNotClosed()
    {
        var text = "agency,requester,submittedAt,windowStart,windowEnd,areaWkt\n" +
                   "rpd,b-1,2026-08-01T14:00:00Z,2026-08-01T01:00:00Z,2026-08-01T05:00:00Z,\"POLYGON ((-92.47 44.02, -92.46 44.02, -92.46 44.03, -92.47 44.03))\"\n";
        var problem = Assert.Single(Assert.Single(ReadCsv(text)).Result.Problems);
        Assert.Equal((2, 6), (problem.Line, problem.Column));
        Assert.Contains("not closed", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadJsonLines_ReportsLineNumbersAndSkipsBlankLines()
    {
        var good = """{"agency":"a","requester":"b","submittedAt":"2026-08-01T14:00:00Z","window":{"start":"2026-08-01T01:00:00Z","end":"2026-08-01T05:00:00Z"},"area":{"center":{"lat":44,"lon":-92},"radiusMeters":100}}""";
        var text = good + "\n\n{not json\n" + good.Replace("\"b\"", "\"\"", StringComparison.Ordinal) + "\n";
        var records = RequestFile.ReadJsonLines(new StringReader(text)).ToList();
        Assert.Equal([1, 3, 4], records.Select(r => r.Line));
        Assert.True(records[0].Result.Succeeded);
        Assert.All(records[1].Result.Problems, p => Assert.Equal(3, p.Line));
        Assert.Contains(records[2].Result.Problems, p => p.Line == 4 && p.Path == "$.requester");
    }

    [Fact]
    public void Read_JsonArray_NamesElementIndex()
    {
        var records = RequestFile.Read("x.json", new StringReader("[{\"agency\":\"a\"}]")).ToList();
        Assert.Contains(records[0].Result.Problems, p => p.Path == "$[0].requester");
    }
}
