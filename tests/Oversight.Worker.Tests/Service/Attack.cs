using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using NetTopologySuite.Geometries;
using Oversight.Worker.Service.Auth;

namespace Oversight.Worker.Tests.Service;

/// <summary>What the attack tests share: hostile requests, and the check that everyone else is still served.</summary>
internal static class Attack
{
    /// <summary>
    /// How long an ordinary request may take while the service is under attack before the test calls
    /// it stalled: far above the gate's own deadlines (250 ms a decision, 5 s waiting for the gate),
    /// so that a slow machine does not fail it, and far below what an unbounded attack would take.
    /// </summary>
    public static readonly TimeSpan Promptly = TimeSpan.FromSeconds(15);

    /// <summary>
    /// A request like <see cref="TestService.Request"/> with its fields changed: <paramref name="edit"/>
    /// gets the JSON object; <paramref name="area"/> replaces the area (a geometry or a JSON text).
    /// </summary>
    public static string Request(string id, string agency = "rochester-mn-pd", Action<JsonObject>? edit = null, object? area = null)
    {
        var json = JsonNode.Parse(TestService.Request(id, agency))!.AsObject();
        if (area is Geometry geometry)
        {
            json["area"] = JsonNode.Parse(GeoJson(geometry));
        }
        else if (area is string text)
        {
            json["area"] = JsonNode.Parse(text);
        }

        edit?.Invoke(json);
        return json.ToJsonString();
    }

    /// <summary>A request at another place (a 200 m circle), so that place-based limits do not decide it.</summary>
    public static Action<JsonObject> At(double lat, double lon) => json =>
        json["area"] = JsonNode.Parse(string.Create(CultureInfo.InvariantCulture, $"{{\"center\":{{\"lat\":{lat},\"lon\":{lon}}},\"radiusMeters\":200}}"));

    public static string GeoJson(Geometry geometry)
    {
        var polygons = geometry is MultiPolygon multi ? Enumerable.Range(0, multi.NumGeometries).Select(i => (Polygon)multi.GetGeometryN(i)).ToList() : [(Polygon)geometry];
        string Ring(LineString ring) => "[" + string.Join(',', ring.Coordinates.Select(c => string.Create(CultureInfo.InvariantCulture, $"[{c.X:R},{c.Y:R}]"))) + "]";
        string Polygon(Polygon p) => "[" + string.Join(',', new[] { Ring(p.ExteriorRing) }.Concat(p.InteriorRings.Select(Ring))) + "]";
        return geometry is MultiPolygon
            ? "{\"type\":\"MultiPolygon\",\"coordinates\":[" + string.Join(',', polygons.Select(Polygon)) + "]}"
            : "{\"type\":\"Polygon\",\"coordinates\":" + Polygon(polygons[0]) + "}";
    }

    /// <summary>Asserts that another agency's ordinary dry run is answered, with a decision, within <see cref="Promptly"/>.</summary>
    public static async Task OthersAreStillServedAsync(TestService service)
    {
        var other = await service.ClientAsync(Roles.Agency, "olmsted-county-so");
        var clock = Stopwatch.StartNew();
        var response = await other.PostAsync("/v1/requests/check", TestService.Json(TestService.Request("bystander", "olmsted-county-so"))).WaitAsync(Promptly);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"decision\":", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(clock.Elapsed < Promptly, $"another agency waited {clock.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>The problem details' "errors" messages, or its "detail" when it has none.</summary>
    public static async Task<string> ProblemTextAsync(HttpResponseMessage response) => await response.Content.ReadAsStringAsync();
}
