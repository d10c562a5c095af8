using System.Text.Json;
using Microsoft.Extensions.Options;
using NetTopologySuite.Geometries;
using Oversight.Policies;
using Oversight.Reports;
using Oversight.Worker.Service;

namespace Oversight.Worker.Web;

/// <summary>
/// What every map of the console and the portal is drawn on, so that they work offline: the active
/// policy's permitted boundaries (its <c>within-boundary</c> rules) and the census tracts of
/// <c>--geography</c>, as one GeoJSON FeatureCollection at <c>/map/layers.json</c>; plus the tile
/// server of <c>--map-tiles</c> when a deployment has one.
/// </summary>
public sealed class MapLayers(PolicyStore policies, IOptions<ServiceOptions> options)
{
    private readonly Lazy<ReportGeography?> geography = new(() =>
        options.Value.Geography is { } path ? GeographyFile.Load(path, out _) : null);

    private (string Sha256, byte[] Json)? cached;

    /// <summary>The census tracts of <c>--geography</c>; null without it.</summary>
    public ReportGeography? Geography => geography.Value;

    /// <summary>The tile server's URL template, or null (offline maps).</summary>
    public string? Tiles => options.Value.MapTiles;

    /// <summary>The layers as GeoJSON: boundaries (<c>layer: boundary</c>) and tracts (<c>layer: tract</c>, with id and name).</summary>
    public byte[] Json()
    {
        var policy = policies.Active;
        if (cached is { } c && c.Sha256 == policy.Sha256)
        {
            return c.Json;
        }

        var json = Write(policy);
        cached = (policy.Sha256, json);
        return json;
    }

    private byte[] Write(Policy policy)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "FeatureCollection");
            writer.WriteStartArray("features");
            foreach (var rule in policy.Rules.OfType<WithinBoundaryRule>())
            {
                GeoJsonText.Feature(writer, rule.Boundary.Geometry, w =>
                {
                    w.WriteString("layer", "boundary");
                    w.WriteString("name", $"Permitted boundary ({Path.GetFileNameWithoutExtension(rule.BoundaryPath)})");
                });
            }

            foreach (var area in Geography?.Areas ?? [])
            {
                GeoJsonText.Feature(writer, area.Shape, w =>
                {
                    w.WriteString("layer", "tract");
                    w.WriteString("id", area.Id);
                    w.WriteString("name", area.Name);
                });
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}

/// <summary>Polygons as GeoJSON, coordinates to six decimals (about 10 cm), for the maps.</summary>
public static class GeoJsonText
{
    public static void Feature(Utf8JsonWriter writer, Geometry geometry, Action<Utf8JsonWriter> properties)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(geometry);
        ArgumentNullException.ThrowIfNull(properties);
        writer.WriteStartObject();
        writer.WriteString("type", "Feature");
        writer.WriteStartObject("properties");
        properties(writer);
        writer.WriteEndObject();
        writer.WritePropertyName("geometry");
        Geometry(writer, geometry);
        writer.WriteEndObject();
    }

    public static void Geometry(Utf8JsonWriter writer, Geometry geometry)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(geometry);
        var polygons = Enumerable.Range(0, geometry.NumGeometries).Select(geometry.GetGeometryN).OfType<Polygon>().ToList();
        writer.WriteStartObject();
        writer.WriteString("type", polygons.Count == 1 ? "Polygon" : "MultiPolygon");
        writer.WriteStartArray("coordinates");
        foreach (var polygon in polygons)
        {
            if (polygons.Count > 1)
            {
                writer.WriteStartArray();
            }

            Ring(writer, polygon.ExteriorRing);
            foreach (var hole in polygon.InteriorRings)
            {
                Ring(writer, hole);
            }

            if (polygons.Count > 1)
            {
                writer.WriteEndArray();
            }
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void Ring(Utf8JsonWriter writer, LineString ring)
    {
        writer.WriteStartArray();
        foreach (var c in ring.Coordinates)
        {
            writer.WriteStartArray();
            writer.WriteNumberValue(Math.Round(c.X, 6));
            writer.WriteNumberValue(Math.Round(c.Y, 6));
            writer.WriteEndArray();
        }

        writer.WriteEndArray();
    }
}
