using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.IO.Converters;
using Oversight.Geo;
using YamlDotNet.RepresentationModel;

namespace Oversight.Policies;

/// <summary>Reads a boundary GeoJSON (FeatureCollection, Feature or bare geometry) for a within-boundary rule.</summary>
internal static partial class BoundaryFile
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { new GeoJsonConverterFactory(Geometries.Factory) } };

    /// <summary>Largest boundary file read; a county's tracts are well under 1 MiB.</summary>
    public const int MaxBytes = 16 << 20;

    public static WithinBoundaryRule? Load(string id, RuleAction action, string path, string baseDirectory, YamlNode node, YamlNodes nodes)
    {
        if (Resolve(path, baseDirectory) is not { } full)
        {
            // One answer whatever exists on the machine: the message must not tell a caller what is there.
            nodes.Problem(node, $"boundary '{path}' must name a .geojson or .json file inside the policy folder, as a relative path of letters, digits, '.', '_', '-' and '/' without '..'");
            return null;
        }

        byte[] bytes;
        try
        {
            bytes = ReadCapped(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            nodes.Problem(node, File.Exists(full)
                ? $"boundary file '{path}' cannot be read, or is larger than {MaxBytes >> 20} MiB"
                : $"boundary file '{path}' is not in the policy folder");
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

    /// <summary>
    /// The full path of a boundary named in a policy, or null unless it is a plain relative path
    /// that stays inside <paramref name="baseDirectory"/> once every link is followed.
    /// </summary>
    internal static string? Resolve(string path, string baseDirectory)
    {
        if (path.Length is 0 or > 200 || Path.IsPathRooted(path) || !SafePath().IsMatch(path)
            || path.Split('/').Any(segment => segment.Length == 0 || segment.StartsWith('.')))
        {
            return null;
        }

        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is not (".geojson" or ".json"))
        {
            return null;
        }

        var root = RealPath(Path.GetFullPath(baseDirectory));
        var full = Path.GetFullPath(Path.Combine(root, path));
        var real = RealPath(full);
        var inside = root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar;
        return real.StartsWith(inside, StringComparison.Ordinal) ? real : null;
    }

    /// <summary>The path with every symbolic link along it followed (as far as the path exists).</summary>
    private static string RealPath(string path)
    {
        var parts = path.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        var current = Path.GetPathRoot(path) ?? "/";
        foreach (var part in parts)
        {
            current = Path.Combine(current, part);
            FileSystemInfo info = Directory.Exists(current) ? new DirectoryInfo(current) : new FileInfo(current);
            if (info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is { } target)
            {
                current = target.FullName;
            }
        }

        return current;
    }

    /// <summary>Reads at most <see cref="MaxBytes"/>; a longer file (or an endless one) is refused.</summary>
    private static byte[] ReadCapped(string full)
    {
        using var stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.None);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                throw new IOException("too large");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    [GeneratedRegex("^[A-Za-z0-9._/-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex SafePath();

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
