using System.Text.Json;

namespace Oversight.Worker.Web.Shared;

/// <summary>
/// An area drawn on a map: a request's area exactly as the request gives it (a GeoJSON Polygon or
/// MultiPolygon, or a circle's centre and radius), a label, a tone (allow, review, deny, neutral)
/// and where it links to.
/// </summary>
public sealed record MapShape(JsonElement Area, string Label, string Tone, string? Href = null)
{
    /// <summary>The area of a request's JSON.</summary>
    public static MapShape? FromRequest(string requestJson, string label, string tone, string? href = null)
    {
        ArgumentNullException.ThrowIfNull(requestJson);
        using var document = JsonDocument.Parse(requestJson);
        return document.RootElement.TryGetProperty("area", out var area) ? new MapShape(area.Clone(), label, tone, href) : null;
    }

    /// <summary>The shapes as the map script reads them (<c>data-shapes</c>).</summary>
    public static string Json(IEnumerable<MapShape> shapes) =>
        JsonSerializer.Serialize(shapes.Select(s => new { area = s.Area, label = s.Label, tone = s.Tone, href = s.Href }));
}
