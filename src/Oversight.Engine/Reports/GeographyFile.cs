using System.Text.Json;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;
using Oversight.Geo;

namespace Oversight.Reports;

/// <summary>
/// Reads a GeoJSON FeatureCollection of areas (census tracts) for the geographic breakdown. Each
/// feature needs a Polygon or MultiPolygon; its id is the property geoid/GEOID (else id, else its
/// position) and its name comes from tractce/TRACTCE, NAMELSAD or name. An optional
/// <c>population</c> property (a whole number: the 2020 Census P1 total of the area) enables
/// requests per 1,000 residents; it must then be present on every feature.
/// </summary>
public static class GeographyFile
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { new GeoJsonConverterFactory(Geometries.Factory) } };

    /// <summary>The geography, or null and every problem found, each naming the file and the feature.</summary>
    public static ReportGeography? Load(string path, out IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(path);
        var found = new List<string>();
        problems = found;
        FeatureCollection? features;
        try
        {
            features = JsonSerializer.Deserialize<FeatureCollection>(File.ReadAllBytes(path), Options);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            found.Add($"{path}: cannot read: {e.Message}");
            return null;
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or ArgumentException or InvalidOperationException or FormatException)
        {
            found.Add($"{path}: not a GeoJSON FeatureCollection: {e.Message}");
            return null;
        }

        var areas = new List<GeographyArea>();
        for (var i = 0; i < (features?.Count ?? 0); i++)
        {
            var feature = features![i];
            if (feature.Geometry is not (Polygon or MultiPolygon) || feature.Geometry.IsEmpty)
            {
                found.Add($"{path}: feature {i + 1}: needs a Polygon or MultiPolygon geometry, found {feature.Geometry?.GeometryType ?? "none"}");
                continue;
            }

            var id = Text(feature, "geoid", "GEOID", "GEOID20", "id") ?? (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var name = Text(feature, "tractce", "TRACTCE", "TRACTCE20") is { } tract
                ? ReportGeography.TractName(tract)
                : Text(feature, "NAMELSAD", "namelsad", "name", "NAME") ?? id;
            var shape = feature.Geometry.IsValid ? feature.Geometry : feature.Geometry.Buffer(0);
            long? population = null;
            if (feature.Attributes is { } attributes && attributes.Exists("population"))
            {
                if (Whole(attributes["population"]) is { } people)
                {
                    population = people;
                }
                else
                {
                    found.Add($"{path}: feature {i + 1}: population must be a whole number of residents (the 2020 Census P1 total), found '{attributes["population"]}'");
                }
            }

            areas.Add(new GeographyArea(id, name, shape, population));
        }

        var counted = areas.Count(a => a.Population is not null);
        if (counted > 0 && counted < areas.Count)
        {
            found.Add($"{path}: {counted} of {areas.Count} features carry a population; give it for every feature or for none (rates per resident need all of them)");
        }

        if (areas.Count == 0 && found.Count == 0)
        {
            found.Add($"{path}: the FeatureCollection holds no features");
        }

        return found.Count > 0 ? null : new ReportGeography(Path.GetFileName(path), areas);
    }

    private static long? Whole(object? value) => value switch
    {
        long l when l >= 0 => l,
        int n when n >= 0 => n,
        decimal d when d >= 0 && d == Math.Floor(d) => (long)d,
        double d when d >= 0 && d == Math.Floor(d) && d < 1e12 => (long)d,
        string t when long.TryParse(t, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var l) => l,
        _ => null,
    };

    private static string? Text(IFeature feature, params string[] names)
    {
        if (feature.Attributes is null)
        {
            return null;
        }

        foreach (var name in names)
        {
            if (feature.Attributes.Exists(name) && feature.Attributes[name] is { } value && value.ToString() is { Length: > 0 } text)
            {
                return text;
            }
        }

        return null;
    }
}
