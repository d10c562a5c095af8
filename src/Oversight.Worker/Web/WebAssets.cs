using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace Oversight.Worker.Web;

/// <summary>
/// The console's scripts, styles, images and vendored map libraries, embedded in the executable
/// (Web/Assets) and served under <c>/assets/</c>, so that the pages work offline and from any
/// folder. Each file is served with a strong ETag; pages link to it with its hash (<see cref="Url"/>)
/// so that browsers may keep it for a year.
/// </summary>
public sealed class WebAssets
{
    private readonly FrozenDictionary<string, Asset> assets;

    public WebAssets()
    {
        var assembly = typeof(WebAssets).Assembly;
        var found = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("assets/", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var bytes = buffer.ToArray();
            var hash = Convert.ToHexStringLower(SHA256.HashData(bytes))[..16];
            found[name["assets/".Length..]] = new Asset(bytes, ContentType(name), hash);
        }

        assets = found.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>Every asset's path (under <c>/assets/</c>) and size in bytes.</summary>
    public IReadOnlyDictionary<string, int> Sizes => assets.ToDictionary(a => a.Key, a => a.Value.Bytes.Length, StringComparer.Ordinal);

    /// <summary>The asset's address with its content hash, e.g. <c>/assets/site.css?v=1a2b…</c>.</summary>
    public string Url(string path) =>
        assets.TryGetValue(path, out var asset) ? $"/assets/{path}?v={asset.Hash}" : throw new ArgumentException($"No asset {path}.", nameof(path));

    /// <summary>Serves <c>/assets/{path}</c>.</summary>
    public IResult Serve(string path, HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (!assets.TryGetValue(path, out var asset))
        {
            return TypedResults.NotFound();
        }

        var etag = new EntityTagHeaderValue($"\"{asset.Hash}\"");
        http.Response.Headers.CacheControl = http.Request.Query.ContainsKey("v") ? "public, max-age=31536000, immutable" : "public, max-age=300";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.Bytes(asset.Bytes, asset.ContentType, entityTag: etag);
    }

    private static string ContentType(string name) => Path.GetExtension(name) switch
    {
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".png" => "image/png",
        ".svg" => "image/svg+xml",
        ".json" => "application/json",
        _ => "text/plain; charset=utf-8",
    };

    private sealed record Asset(byte[] Bytes, string ContentType, string Hash);
}
