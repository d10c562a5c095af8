using Oversight.Requests;

namespace Oversight.Tests.Requests;

/// <summary>The CSV header is a contract, checked whole before any row is read (docs/INPUT.md).</summary>
public sealed class CsvLayoutTests
{
    private const string Row = "rpd,b-1,2026-08-01T14:00:00Z,2026-08-01T01:00:00Z,2026-08-01T05:00:00Z,44.02,-92.46,300";

    private static RequestInput Open(string text, string? columns = null)
    {
        var (map, problems) = RequestCsv.Layout.ParseMap(columns);
        Assert.Empty(problems);
        return RequestCsv.Open(new StringReader(text), map);
    }

    [Fact]
    public void Open_UnknownAndMissingColumns_EveryProblemBeforeAnyRow()
    {
        var input = Open("agency,officerName,submittedAt,notes\nrpd,Smith,2026-08-01T14:00:00Z,x\n");

        Assert.Empty(input.Records);
        var messages = input.Problems.Select(p => p.ToString()).ToList();
        Assert.Contains("line 1, column 2: unknown column 'officerName'", messages);
        Assert.Contains("line 1, column 4: unknown column 'notes'", messages);
        Assert.Contains("line 1: missing required column 'requester'", messages);
        Assert.Contains("line 1: missing required column 'windowStart'", messages);
        Assert.Contains("line 1: missing required column 'windowEnd'", messages);
        Assert.Contains("line 1: no column for the area: expected areaWkt, or areaGeoJson, or lat + lon + radiusMeters", messages);
        Assert.Contains(messages, m => m.Contains("--columns 'officerName=FIELD'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("agency,requester,submittedAt,windowStart,windowEnd,lat,lon,radiusMeters")]
    [InlineData("Agency,Requester,Submitted At,window.start,window.end,area.center.lat,area.center.lon,area.radiusMeters")]
    [InlineData("agency,officer,submitted_at,WINDOW_START,window-end,latitude,longitude,radius_m")]
    public void Open_NamesAndAliases_ReadTheSameRequest(string header)
    {
        var record = Assert.Single(Open(header + "\n" + Row + "\n").Records);

        Assert.True(record.Result.Succeeded, string.Join("; ", record.Result.Problems));
        Assert.Equal(300, record.Result.Value!.Area.Circle!.RadiusMetres);
    }

    [Fact]
    public void Open_ColumnMap_ReadsAnotherExport()
    {
        var text = "Dept,Badge,Filed,From,To,Lat,Lon,Radius (m),Notes\n" + Row + ",ignored\n";

        var record = Assert.Single(Open(text, "Dept=agency, Badge=requester, Filed=submittedAt, From=window.start, To=windowEnd, Radius (m)=radiusMeters, Notes=-").Records);

        Assert.True(record.Result.Succeeded, string.Join("; ", record.Result.Problems));
        Assert.Equal("b-1", record.Result.Value!.Requester);
    }

    [Fact]
    public void Open_RowProblem_NamesTheFilesOwnHeader()
    {
        var text = "Dept,Badge,Filed,From,To,Lat,Lon,Radius (m)\nrpd,b-1,2026-08-01T14:00:00Z,yesterday,2026-08-01T05:00:00Z,44.02,-92.46,300\n";

        var record = Assert.Single(Open(text, "Dept=agency,Badge=requester,Filed=submittedAt,From=windowStart,To=windowEnd,Radius (m)=radiusMeters").Records);

        var problem = Assert.Single(record.Result.Problems);
        Assert.Equal("line 2, column 4: From (windowStart): 'yesterday' is not an RFC 3339 timestamp with an offset (e.g. 2026-08-01T14:00:00Z)", problem.ToString());
    }

    [Theory]
    [InlineData("Badge=requestr", "unknown field 'requestr'")]
    [InlineData("Badge", "is not HEADER=FIELD")]
    [InlineData("Badge=requester,badge=agency", "mapped more than once")]
    public void ParseMap_Mistakes_AreProblems(string map, string expected)
    {
        var (_, problems) = RequestCsv.Layout.ParseMap(map);
        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Open_AreaTwoWays_OrHalfACircle_AreProblems()
    {
        var twice = Open("agency,requester,submittedAt,windowStart,windowEnd,areaWkt,lat,lon,radiusMeters\n");
        Assert.Contains(twice.Problems, p => p.Message.Contains("the area is given more than one way", StringComparison.Ordinal));

        var half = Open("agency,requester,submittedAt,windowStart,windowEnd,lat,lon\n");
        Assert.Contains(half.Problems, p => p.Message == "columns lat, lon, radiusMeters go together; missing radiusMeters");
    }

    [Fact]
    public void Open_SameFieldTwice_NamesBothColumns()
    {
        var input = Open("agency,requester,submittedAt,windowStart,window.start,windowEnd,lat,lon,radiusMeters\n");
        var problem = Assert.Single(input.Problems);
        Assert.Equal("line 1, column 5: column 'window.start' is the field windowStart again (first in column 4)", problem.ToString());
    }

    [Fact]
    public void Open_EmptyFileOrSemicolons_AreProblems()
    {
        Assert.Contains("the file is empty", Assert.Single(Open(string.Empty).Problems).Message, StringComparison.Ordinal);
        Assert.Contains(Open("agency;requester;submittedAt\n").Problems, p => p.Message.Contains("semicolons", StringComparison.Ordinal));
    }

    [Fact]
    public void Layout_EveryFieldAndAlias_IsOneKey()
    {
        var keys = RequestCsv.Layout.Fields.SelectMany(f => f.Aliases.Prepend(f.Name).Select(a => (Key: CsvLayout.Key(a), f.Name))).ToList();
        Assert.All(keys.GroupBy(k => k.Key), g => Assert.Single(g.Select(k => k.Name).Distinct()));
    }
}
