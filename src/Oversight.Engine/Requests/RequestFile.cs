using System.Text.Json;

namespace Oversight.Requests;

/// <summary>Reads request files by extension: <c>.jsonl</c> (one request a line), <c>.json</c> (one object or an array) and <c>.csv</c>.</summary>
public static class RequestFile
{
    /// <summary>True when the file name has an extension this reader knows.</summary>
    public static bool IsSupported(string path) => Format(path) is not null;

    /// <summary>Reads every record of a file, lazily for JSONL and CSV.</summary>
    /// <exception cref="NotSupportedException">The extension is none of .jsonl, .json, .csv.</exception>
    /// <param name="path">The file's name, for its format.</param>
    /// <param name="reader">Its text.</param>
    /// <param name="limits">How large areas may be (a policy's <c>limits:</c>); default <see cref="RequestLimits.Default"/>.</param>
    public static IEnumerable<RequestRecord> Read(string path, TextReader reader, RequestLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(reader);
        return Format(path) switch
        {
            ".jsonl" => ReadJsonLines(reader, limits),
            ".json" => ReadJson(reader, limits),
            ".csv" => RequestCsv.Read(reader, limits),
            _ => throw new NotSupportedException($"'{path}': unknown input format; use .jsonl, .json or .csv"),
        };
    }

    private static string? Format(string path)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        return extension is ".jsonl" or ".ndjson" ? ".jsonl" : extension is ".json" or ".csv" ? extension : null;
    }

    /// <summary>One request per line; blank lines are skipped.</summary>
    public static IEnumerable<RequestRecord> ReadJsonLines(TextReader reader, RequestLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var line = 0;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            var result = RequestJson.Parse(text, limits);
            yield return new RequestRecord(line, result.Succeeded ? result : Relocate(result, line));
        }
    }

    private static ParseResult<FootageRequest> Relocate(ParseResult<FootageRequest> result, int line) =>
        ParseResult<FootageRequest>.Failure(result.Problems.Select(p => p with { Line = line }).ToList());

    private static IEnumerable<RequestRecord> ReadJson(TextReader reader, RequestLimits? limits)
    {
        var text = reader.ReadToEnd();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            return [new RequestRecord(RequestJson.Malformed(e).Line ?? 1, ParseResult<FootageRequest>.Failure([RequestJson.Malformed(e)]))];
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Array)
            {
                return [new RequestRecord(1, RequestJson.Read(root, "$", limits))];
            }

            return root.EnumerateArray().Select((element, i) => new RequestRecord(i + 1, RequestJson.Read(element, $"$[{i}]", limits))).ToList();
        }
    }
}
