using System.Text.Json;
using NetTopologySuite.Geometries;
using Oversight.Requests;
using Oversight.Synthetic;
using Oversight.Tests.Support;

namespace Oversight.Tests.Requests;

/// <summary>Shapes and values that would make the gate's work unbounded are refused as invalid input, naming the limit.</summary>
public sealed class RequestLimitsTests
{
    private static readonly string Valid = RequestJsonWriter.ToJson(RequestBuilder.Default().Id("r-1").Build());

    private static string WithArea(Geometry geometry) => RequestJsonWriter.ToJson(RequestBuilder.Default().Id("r-1").Area(geometry).Build());

    private static string WithArea(string areaJson)
    {
        var document = System.Text.Json.Nodes.JsonNode.Parse(Valid)!.AsObject();
        document["area"] = System.Text.Json.Nodes.JsonNode.Parse(areaJson);
        return document.ToJsonString();
    }

    private static InputProblem Refused(string json, string path, string fragment, RequestLimits? limits = null)
    {
        var result = RequestJson.Parse(json, limits);
        Assert.False(result.Succeeded, "expected the request to be refused");
        return Assert.Single(result.Problems, p => p.Path == path && p.Message.Contains(fragment, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(90)]
    [InlineData(-90)]
    [InlineData(84.998)]
    public void Circle_ReachingBeyondLatitude85_IsRefused(double lat) =>
        Refused(WithArea($$"""{"center":{"lat":{{lat}},"lon":0},"radiusMeters":400}"""), "$.area.center.lat", "areas must lie between 85°S and 85°N");

    [Fact]
    public void Polygon_NearThePole_IsRefused() =>
        Refused(WithArea(AdversarialAreas.Square(10, 86, 300)), "$.area", "areas must lie between 85°S and 85°N");

    [Fact]
    public void MultiPolygon_PartsFarApart_IsRefusedNamingTheExtentLimit() =>
        Refused(WithArea(AdversarialAreas.FarApart(-92.47, 44.02, 60)), "$.area", "more than the 25 km allowed (limits.maxExtentKm)");

    [Fact]
    public void MultiPolygon_PartsWithinTheExtent_IsAccepted() =>
        Assert.True(RequestJson.Parse(WithArea(AdversarialAreas.FarApart(-92.47, 44.02, 0.05))).Succeeded);

    [Fact]
    public void MultiPolygon_AcrossTheAntimeridian_IsRefusedSayingSo() =>
        Refused(WithArea(AdversarialAreas.AcrossAntimeridian(52)), "$.area", "crossing the antimeridian (180°) is not supported");

    [Fact]
    public void Polygon_OverTheVertexLimit_IsRefusedBeforeItIsBuilt() =>
        Refused(WithArea(AdversarialAreas.Comb(-92.47, 44.02, 1_004, upward: true)), "$.area", "1,004 vertices, more than the 1,000 allowed (limits.maxVertices)");

    [Fact]
    public void Polygon_AtTheVertexLimit_IsAccepted() =>
        Assert.True(RequestJson.Parse(WithArea(AdversarialAreas.Comb(-92.47, 44.02, 1_000, upward: true))).Succeeded);

    [Fact]
    public void MultiPolygon_OverThePartLimit_IsRefused()
    {
        var parts = Enumerable.Range(0, 21).Select(i => AdversarialAreas.Square(-92.47 + (i * 0.002), 44.02, 50)).ToArray();
        Refused(WithArea(Oversight.Geo.Geometries.Factory.CreateMultiPolygon(parts)), "$.area", "21 parts, more than the 20 allowed (limits.maxParts)");
    }

    [Fact]
    public void Circle_WiderThanTheExtent_IsRefused() =>
        Refused(WithArea("""{"center":{"lat":44.02,"lon":-92.46},"radiusMeters":15000}"""), "$.area.radiusMeters", "30 km across, more than the 25 km an area may span");

    [Fact]
    public void Limits_FromThePolicy_ApplyInsteadOfTheDefaults()
    {
        var strict = new RequestLimits { MaxVertices = 8, MaxParts = 1, MaxExtentKm = 1 };
        Refused(Valid.Replace("\"id\":\"r-1\"", "\"id\":\"r-2\"", StringComparison.Ordinal), "$.area", "more than the 0.1 km allowed", strict with { MaxExtentKm = 0.1 });
        Refused(WithArea(AdversarialAreas.Comb(-92.47, 44.02, 12, upward: true)), "$.area", "more than the 8 allowed", strict);
    }

    [Fact]
    public void Stored_EntriesAreReadWhateverTheLimits() =>
        Assert.True(RequestJson.Parse(WithArea(AdversarialAreas.FarApart(-92.47, 44.02, 60)), RequestLimits.Stored).Succeeded);

    [Theory]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("1999-12-31T23:59:59Z")]
    [InlineData("2101-01-01T00:00:00Z")]
    public void Timestamp_OutsideTheYears2000To2100_IsRefused(string time)
    {
        var json = Valid.Replace(RequestJsonWriter.Time(RequestBuilder.Noon), time, StringComparison.Ordinal);
        Refused(json, "$.submittedAt", "outside the years 2000–2100");
    }

    [Theory]
    [InlineData("""{"start":"2026-08-01T01:00:00Z","start":"2026-07-01T01:00:00Z","end":"2026-08-01T05:00:00Z"}""", "$.window.start")]
    public void Window_KeyTwice_IsRefused(string window, string path)
    {
        var json = Valid[..Valid.IndexOf("\"window\":", StringComparison.Ordinal)] + "\"window\":" + window + Valid[Valid.IndexOf(",\"area\"", StringComparison.Ordinal)..];
        Refused(json, path, "field appears more than once");
    }

    [Fact]
    public void Area_KeysTwiceAtAnyDepth_AreEachRefused()
    {
        var json = Valid[..Valid.IndexOf("\"area\":", StringComparison.Ordinal)]
            + "\"area\":{\"center\":{\"lat\":44.02,\"lat\":80.0,\"lon\":-92.46},\"radiusMeters\":200,\"radiusMeters\":20}}";
        var problems = RequestJson.Parse(json).Problems;
        Assert.Contains(problems, p => p.Path == "$.area.center.lat" && p.Message == "field appears more than once");
        Assert.Contains(problems, p => p.Path == "$.area.radiusMeters" && p.Message == "field appears more than once");
    }

    [Fact]
    public void Text_WithAnUnpairedSurrogateEscape_IsRefusedNotThrown()
    {
        var json = Valid.Replace("\"requester\":\"badge-1\"", "\"requester\":\"badge\\ud800\"", StringComparison.Ordinal);
        Refused(json, "$", "unpaired UTF-16 surrogate");
    }

    [Theory]
    [InlineData("\u200B")]
    [InlineData("\u00AD\u2060 ")]
    public void Requester_OnlyInvisibleCharacters_IsBlank(string requester)
    {
        var json = Valid.Replace("\"requester\":\"badge-1\"", $"\"requester\":{JsonSerializer.Serialize(requester)}", StringComparison.Ordinal);
        Refused(json, "$.requester", "required field is blank");
    }
}
