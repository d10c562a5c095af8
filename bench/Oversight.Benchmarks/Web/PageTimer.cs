using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text.RegularExpressions;

namespace Oversight.Benchmarks.Web;

/// <summary>
/// <c>web-pages --url U --auditor K --agency K --admin K [--runs N] [--pages FILE]</c>: signs in
/// as each role the way a browser does (the sign-in form with its antiforgery token, then the
/// session cookie) and times each page of the console and the portal on loopback: N requests after
/// five warm-ups, median and 90th percentile of the time to the last byte. Then the portal's
/// weight: its HTML and everything it loads (styles, scripts, the map library and the map layers),
/// as sent and gzip-compressed.
/// </summary>
internal static partial class PageTimer
{
    public static async Task<int> RunAsync(string[] args)
    {
        string? Arg(string name) => Array.IndexOf(args, "--" + name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        var url = Arg("url") ?? "http://127.0.0.1:5098";
        var runs = int.Parse(Arg("runs") ?? "30", CultureInfo.InvariantCulture);
        var pages = Arg("pages") is { } file ? await File.ReadAllLinesAsync(file) : [];
        Console.WriteLine("| role | page | median | p90 | bytes |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var line in pages.Where(l => !string.IsNullOrWhiteSpace(l) && !l.StartsWith('#')))
        {
            var parts = line.Split(' ', 2, StringSplitOptions.TrimEntries);
            var (role, path) = (parts[0], parts[1]);
            using var client = await ClientAsync(url, role == "anyone" ? null : Arg(role) ?? throw new ArgumentException($"--{role} KEY is needed"));
            var (median, p90, bytes) = await TimeAsync(client, path, runs);
            Console.WriteLine($"| {role} | `{path}` | {median:0.0} ms | {p90:0.0} ms | {bytes:N0} |");
        }

        using var visitor = await ClientAsync(url, null);
        await WeighAsync(visitor);
        return 0;
    }

    private static async Task<(double Median, double P90, int Bytes)> TimeAsync(HttpClient client, string path, int runs)
    {
        var times = new List<double>(runs);
        var bytes = 0;
        for (var i = 0; i < runs + 5; i++)
        {
            var clock = Stopwatch.StartNew();
            using var response = await client.GetAsync(path);
            var body = await response.Content.ReadAsByteArrayAsync();
            clock.Stop();
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{path}: {(int)response.StatusCode}");
            }

            bytes = body.Length;
            if (i >= 5)
            {
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        times.Sort();
        return (times[times.Count / 2], times[(int)Math.Ceiling(times.Count * 0.9) - 1], bytes);
    }

    private static async Task WeighAsync(HttpClient client)
    {
        var html = await client.GetStringAsync("/");
        var files = new List<(string Path, byte[] Bytes)> { ("/", System.Text.Encoding.UTF8.GetBytes(html)) };
        foreach (var path in Linked().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).Distinct())
        {
            files.Add((path, await client.GetByteArrayAsync(path)));
        }

        if (html.Contains("data-layers=\"/map/layers.json\"", StringComparison.Ordinal))
        {
            files.Add(("/map/layers.json", await client.GetByteArrayAsync("/map/layers.json")));
        }

        Console.WriteLine();
        Console.WriteLine("| portal file | bytes | gzip |");
        Console.WriteLine("|---|---|---|");
        foreach (var (path, bytes) in files)
        {
            Console.WriteLine($"| `{path.Split('?')[0]}` | {bytes.Length:N0} | {Gzip(bytes):N0} |");
        }

        Console.WriteLine($"| **total** | **{files.Sum(f => f.Bytes.Length):N0}** | **{files.Sum(f => Gzip(f.Bytes)):N0}** |");
    }

    private static int Gzip(byte[] bytes)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(bytes);
        }

        return (int)buffer.Length;
    }

    /// <summary>A client with its own cookies, signed in with the key (none: a visitor).</summary>
    private static async Task<HttpClient> ClientAsync(string url, string? key)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = true }) { BaseAddress = new Uri(url) };
        if (key is null)
        {
            return client;
        }

        var form = await client.GetStringAsync("/signin");
        var token = Token().Match(form).Groups[1].Value;
        using var response = await client.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signin",
            ["__RequestVerificationToken"] = token,
            ["Input.Key"] = key,
            ["Input.ReturnUrl"] = "/",
        }));
        if (!response.IsSuccessStatusCode || response.RequestMessage?.RequestUri?.AbsolutePath == "/signin")
        {
            throw new InvalidOperationException("sign-in failed: " + response.StatusCode);
        }

        return client;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    /// <summary>What the page loads: its style sheets and scripts (not what it merely links to).</summary>
    [GeneratedRegex("<(?:link rel=\"stylesheet\" href|script[^>]* src)=\"(/assets/[^\"]+)\"")]
    private static partial Regex Linked();
}
