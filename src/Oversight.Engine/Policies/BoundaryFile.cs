using System.Security.Cryptography;
using System.Text.Json;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.IO.Converters;
using Oversight.Geo;
using YamlDotNet.RepresentationModel;

namespace Oversight.Policies;

/// <summary>Reads a boundary GeoJSON (FeatureCollection, Feature or bare geometry) for a within-boundary rule.</summary>
internal static class BoundaryFile
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { new GeoJsonConverterFactory(Geometries.Factory) } };

    public static WithinBoundaryRule? Load(string id, RuleAction action, string path, string baseDirectory, YamlNode node, YamlNodes nodes)
    {
        var full = Path.IsPathRooted(path) ? path : Path.Combine(baseDirectory, path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            nodes.Problem(node, $"cannot read boundary file '{path}' (looked in {full}): {e.Message}");
            return null;
        }

        Geometry? geometry;
        try
        {
            geometry = Read(bytes);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or ArgumentException or InvalidOperationException)
        {
            nodes.Problem(node, $"boundary file '{path}' is not GeoJSON: {e.Message}");
            return null;
        }

        if (geometry is null || geometry.IsEmpty || geometry.Dimension != NetTopologySuite.Geometries.Dimension.Surface)
        {
            nodes.Problem(node, $"boundary file '{path}' holds no Polygon or MultiPolygon");
            return null;
        }

        if (!geometry.IsValid)
        {
            geometry = geometry.Buffer(0);
        }

        return new WithinBoundaryRule(id, action, path, PreparedGeometryFactory.Prepare(geometry), Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    /// <summary>The union of every polygon in a GeoJSON document.</summary>
    public static Geometry? Read(byte[] bytes)
    {
        using var document = JsonDocument.Parse(bytes);
        var type = document.RootElement.TryGetProperty("type", out var t) ? t.GetString() : null;
        IEnumerable<Geometry?> geometries = type switch
        {
            "FeatureCollection" => (JsonSerializer.Deserialize<FeatureCollection>(bytes, Options) ?? []).Select(f => (Geometry?)f.Geometry),
            "Feature" => [JsonSerializer.Deserialize<IFeature>(bytes, Options)?.Geometry],
            _ => [JsonSerializer.Deserialize<Geometry>(bytes, Options)],
        };
        var polygons = geometries.OfType<Geometry>().Where(g => g.Dimension == NetTopologySuite.Geometries.Dimension.Surface).ToList();
        return polygons.Count switch
        {
            0 => null,
            1 => polygons[0],
            _ => NetTopologySuite.Operation.Union.UnaryUnionOp.Union(polygons),
        };
    }
}
