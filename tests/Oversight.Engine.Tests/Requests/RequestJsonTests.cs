using Oversight.Requests;

namespace Oversight.Tests.Requests;

public sealed class RequestJsonTests
{
    private const string Valid = """
        {"id":"r-1","agency":"rochester-mn-pd","requester":"badge-4411","caseNumber":"RPD-2026-01234",
         "incidentType":"burglary","description":"Residential burglary","legalBasis":"warrant",
         "submittedAt":"2026-08-01T14:00:00Z","window":{"start":"2026-08-01T01:00:00Z","end":"2026-08-01T05:00:00-05:00"},
         "area":{"type":"Polygon","coordinates":[[[-92.466,44.020],[-92.458,44.020],[-92.458,44.026],[-92.466,44.026],[-92.466,44.020]]]}}
        """;

    private static string With(string field, string json)
    {
        var document = System.Text.Json.Nodes.JsonNode.Parse(Valid)!.AsObject();
        document[field] = json == "<absent>" ? null : System.Text.Json.Nodes.JsonNode.Parse(json);
        if (json == "<absent>")
        {
            document.Remove(field);
        }

        return document.ToJsonString();
    }

    private static IReadOnlyList<InputProblem> Problems(string json)
    {
        var result = RequestJson.Parse(json);
        Assert.False(result.Succeeded, "expected the request to be rejected");
        return result.Problems;
    }

    private static void AssertProblem(string json, string path, string fragment)
    {
        var problems = Problems(json);
        Assert.Contains(problems, p => p.Path == path && p.Message.Contains(fragment, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_ValidRequest_ReadsEveryField()
    {
        var request = RequestJson.Parse(Valid).Value!;
        Assert.Equal("r-1", request.Id);
        Assert.Equal("badge-4411", request.Requester);
        Assert.Equal(LegalBasis.Warrant, request.LegalBasis);
        Assert.Equal(9, request.Window.Hours, 9);
        Assert.Equal(13, request.LookbackHours, 9);
        Assert.InRange(request.Area.SquareMiles, 0.16, 0.17);
    }

    [Fact]
    public void Parse_NoIdNoBasis_AssignsStableIdAndConsent()
    {
        var json = With("legalBasis", "<absent>").Replace("\"id\":\"r-1\",", string.Empty, StringComparison.Ordinal);
        var first = RequestJson.Parse(json).Value!;
        var second = RequestJson.Parse(json).Value!;
        Assert.StartsWith("req-", first.Id, StringComparison.Ordinal);
        Assert.Equal(first.Id, second.Id);
        Assert.Equal(LegalBasis.Consent, first.LegalBasis);
    }

    [Fact]
    public void Parse_Circle_UsesGeodesicCircleArea()
    {
        var request = RequestJson.Parse(With("area", """{"center":{"lat":44.02,"lon":-92.46},"radiusMeters":400}""")).Value!;
        Assert.Equal(Math.PI * 400 * 400, request.Area.SquareMetres, Math.PI * 400 * 400 * 1e-4);
        Assert.NotNull(request.Area.Circle);
    }

    [Fact]
    public void Parse_MultiPolygon_SumsParts()
    {
        var multi = """{"type":"MultiPolygon","coordinates":[[[[-92.47,44.02],[-92.46,44.02],[-92.46,44.03],[-92.47,44.02]]],[[[-92.45,44.02],[-92.44,44.02],[-92.44,44.03],[-92.45,44.02]]]]}""";
        var request = RequestJson.Parse(With("area", multi)).Value!;
        Assert.Equal("MultiPolygon", request.Area.Geometry.GeometryType);
    }

    [Fact]
    public void Parse_MalformedJson_NamesLineAndColumn()
    {
        var problem = Assert.Single(Problems("{\n  \"agency\": \"x\",\n  \"requester\" \"y\"\n}"));
        Assert.Equal(3, problem.Line);
        Assert.NotNull(problem.Column);
        Assert.Contains("malformed JSON", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("agency")]
    [InlineData("requester")]
    [InlineData("submittedAt")]
    [InlineData("window")]
    [InlineData("area")]
    public void Parse_MissingRequiredField_NamesIt(string field) =>
        AssertProblem(With(field, "<absent>"), "$." + field, "required field is missing");

    [Fact]
    public void Parse_BlankAgency_IsAnError() => AssertProblem(With("agency", "\"  \""), "$.agency", "blank");

    [Fact]
    public void Parse_UnknownField_NamesIt() => AssertProblem(With("priority", "\"high\""), "$.priority", "unknown field 'priority'");

    [Fact]
    public void Parse_UnknownLegalBasis_ListsTheAllowedOnes() =>
        AssertProblem(With("legalBasis", "\"subpoena\""), "$.legalBasis", "expected one of consent, warrant, exigent");

    [Theory]
    [InlineData("\"2026-08-01 14:00\"")]
    [InlineData("\"2026-08-01T14:00:00\"")]
    [InlineData("\"2026-13-01T14:00:00Z\"")]
    [InlineData("\"yesterday\"")]
    [InlineData("1754056800")]
    public void Parse_BadTimestamp_IsAnError(string value)
    {
        var problems = Problems(With("submittedAt", value));
        Assert.Contains(problems, p => p.Path == "$.submittedAt");
        Assert.DoesNotContain(problems, p => p.Message.Contains("missing", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_EndBeforeStart_PointsAtWindowEnd() =>
        AssertProblem(With("window", """{"start":"2026-08-01T05:00:00Z","end":"2026-08-01T01:00:00Z"}"""), "$.window.end", "at or before it starts");

    [Fact]
    public void Parse_EndEqualsStart_IsAnError() =>
        AssertProblem(With("window", """{"start":"2026-08-01T05:00:00Z","end":"2026-08-01T05:00:00Z"}"""), "$.window.end", "at or before it starts");

    [Fact]
    public void Parse_UnclosedRing_NamesTheRing() =>
        AssertProblem(With("area", """{"type":"Polygon","coordinates":[[[-92.47,44.02],[-92.46,44.02],[-92.46,44.03],[-92.47,44.03]]]}"""), "$.area.coordinates[0]", "not closed");

    [Fact]
    public void Parse_FewerThanFourPositions_NamesTheRing() =>
        AssertProblem(With("area", """{"type":"Polygon","coordinates":[[[-92.47,44.02],[-92.46,44.02],[-92.47,44.02]]]}"""), "$.area.coordinates[0]", "at least 4 positions");

    [Fact]
    public void Parse_SelfIntersection_NamesWhere() =>
        AssertProblem(With("area", """{"type":"Polygon","coordinates":[[[-92.47,44.02],[-92.46,44.03],[-92.46,44.02],[-92.47,44.03],[-92.47,44.02]]]}"""), "$.area", "self-intersection at (");

    [Theory]
    [InlineData("[-192.47,44.02]", "$.area.coordinates[0][0][0]", "longitude -192.47 is out of range")]
    [InlineData("[-92.47,94.02]", "$.area.coordinates[0][0][1]", "latitude 94.02 is out of range")]
    [InlineData("[-92.47,1e999]", "$.area.coordinates[0][0][1]", "")]
    [InlineData("[-92.47,\"44\"]", "$.area.coordinates[0][0][1]", "expected a number")]
    public void Parse_BadCoordinate_NamesThePosition(string first, string path, string fragment)
    {
        var area = $$"""{"type":"Polygon","coordinates":[[{{first}},[-92.46,44.02],[-92.46,44.03],[-92.47,44.03],{{first}}]]}""";
        AssertProblem(With("area", area), path, fragment);
    }

    [Fact]
    public void Parse_NegativeRadius_IsAnError() =>
        AssertProblem(With("area", """{"center":{"lat":44.02,"lon":-92.46},"radiusMeters":-5}"""), "$.area.radiusMeters", "positive");

    [Fact]
    public void Parse_CircleCentreOutOfRange_IsAnError() =>
        AssertProblem(With("area", """{"center":{"lat":144.02,"lon":-92.46},"radiusMeters":50}"""), "$.area.center.lat", "out of range");

    [Theory]
    [InlineData("""{"type":"Point","coordinates":[-92.46,44.02]}""")]
    [InlineData("""{"type":"LineString","coordinates":[[-92.46,44.02],[-92.45,44.02]]}""")]
    public void Parse_WrongGeometryType_IsAnError(string area) => AssertProblem(With("area", area), "$.area.type", "is not an area");

    [Fact]
    public void Parse_SeveralProblems_ReportsEveryOne()
    {
        var json = With("legalBasis", "\"subpoena\"");
        json = json.Replace("\"requester\":\"badge-4411\",", string.Empty, StringComparison.Ordinal)
            .Replace("\"2026-08-01T14:00:00Z\"", "\"soon\"", StringComparison.Ordinal);
        var problems = Problems(json);
        Assert.Contains(problems, p => p.Path == "$.legalBasis");
        Assert.Contains(problems, p => p.Path == "$.requester");
        Assert.Contains(problems, p => p.Path == "$.submittedAt");
    }

    [Fact]
    public void Parse_NotAnObject_SaysWhatItFound() => AssertProblem("[1,2]", "$", "expected a request object, found an array");
}
