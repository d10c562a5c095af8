using System.Text.Json;
using Oversight.Requests;
using Oversight.Searches.Flock;

namespace Oversight.Searches;

/// <summary>What kind of records a file holds.</summary>
public enum RecordKind
{
    /// <summary>Footage requests (request JSON, JSONL or CSV).</summary>
    FootageRequests,

    /// <summary>ALPR searches: search JSON/JSONL (<c>"kind":"alpr-search"</c>) or a Flock export CSV.</summary>
    AlprSearches,
}

/// <summary>
/// Reads ALPR search files by extension: <c>.jsonl</c> (one search a line), <c>.json</c> (one object
/// or an array), and <c>.csv</c> (a Flock export, <see cref="FlockCsv"/>); and tells a search file from
/// a request file without reading it all.
/// </summary>
public static class SearchFile
{
    /// <summary>
    /// What a file holds, judged from its start: a JSON file whose first record has <c>"kind":"alpr-search"</c>,
    /// or a CSV whose header has any column only Flock exports have, holds searches.
    /// </summary>
    /// <param name="path">The file's name, for its format.</param>
    /// <param name="start">The file's first lines (the first record or header; up to a few kilobytes).</param>
    public static RecordKind Sniff(string path, string start)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(start);
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension == ".csv")
        {
            using var reader = new StringReader(start);
            var header = CsvRows.Read(reader).FirstOrDefault();
            return header.Fields is { } fields && fields.Any(FlockLayout.IsFlockHeader) ? RecordKind.AlprSearches : RecordKind.FootageRequests;
        }

        var first = start.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? string.Empty;
        if (first.Contains("\"kind\"", StringComparison.Ordinal) && first.Contains("\"" + SearchJson.Kind + "\"", StringComparison.Ordinal))
        {
            return RecordKind.AlprSearches;
        }

        return RecordKind.FootageRequests;
    }

    /// <summary>Opens a search file: the header of a CSV is read now; records as they are enumerated.</summary>
    /// <exception cref="NotSupportedException">The extension is none of .jsonl, .ndjson, .json, .csv.</exception>
    public static SearchInput Open(string path, TextReader reader, FlockOptions options)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(reader);
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".jsonl" or ".ndjson" => SearchInput.Of(JsonLines(reader)),
            ".json" => Json(reader),
            ".csv" => FlockCsv.Open(reader, options),
            _ => throw new NotSupportedException($"'{path}': unknown input format; use .jsonl, .json or .csv"),
        };
    }

    private static IEnumerable<PendingSearch> JsonLines(TextReader reader)
    {
        var line = 0;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            var at = line;
            yield return new PendingSearch(at, () =>
            {
                var result = SearchJson.ParseLine(text);
                return result.Succeeded ? result : ParseResult<AlprSearch>.Failure([.. result.Problems.Select(p => p with { Line = at })]);
            });
        }
    }

    private static SearchInput Json(TextReader reader)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(reader.ReadToEnd());
        }
        catch (JsonException e)
        {
            return SearchInput.Failed([RequestJson.Malformed(e)]);
        }

        using (document)
        {
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Array
                ? SearchInput.Of([.. root.EnumerateArray().Select((element, i) => new SearchRecord(i + 1, SearchJson.Read(element, $"$[{i}]")))])
                : SearchInput.Of([new SearchRecord(1, SearchJson.Read(root, "$"))]);
        }
    }
}
