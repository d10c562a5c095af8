using System.Text.Json;

namespace Oversight.Requests;

/// <summary>Reads request files by extension: <c>.jsonl</c> (one request a line), <c>.json</c> (one object or an array) and <c>.csv</c>.</summary>
public static class RequestFile
{
    /// <summary>True when the file name has an extension this reader knows.</summary>
    public static bool IsSupported(string path) => Format(path) is not null;

    /// <summary>Reads every record of a file, lazily for JSONL and CSV; a file-level problem comes as one failed record on line 1.</summary>
    /// <exception cref="NotSupportedException">The extension is none of .jsonl, .json, .csv.</exception>
    /// <param name="path">The file's name, for its format.</param>
    /// <param name="reader">Its text.</param>
    /// <param name="limits">How large areas may be (a policy's <c>limits:</c>); default <see cref="RequestLimits.Default"/>.</param>
    public static IEnumerable<RequestRecord> Read(string path, TextReader reader, RequestLimits? limits = null)
    {
        var input = Open(path, reader, limits: limits);
        return input.Problems.Count > 0 ? [new RequestRecord(input.Problems[0].Line ?? 1, ParseResult<FootageRequest>.Failure(input.Problems))] : input.Records;
    }

    /// <summary>
    /// Opens a request file: problems with the file as a whole (a CSV header, a .json file that is
    /// not JSON) are found now, before any record is read; records are then read lazily for JSONL
    /// and CSV. <paramref name="columns"/> renames CSV columns (see <see cref="CsvLayout.ParseMap"/>);
    /// <paramref name="limits"/> bounds areas (a policy's <c>limits:</c>; default <see cref="RequestLimits.Default"/>).
    /// </summary>
    /// <exception cref="NotSupportedException">The extension is none of .jsonl, .json, .csv.</exception>
    public static RequestInput Open(string path, TextReader reader, IReadOnlyDictionary<string, string?>? columns = null, RequestLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(reader);
        return Format(path) switch
        {
            ".jsonl" => RequestInput.Of(PendingJsonLines(reader, limits)),
            ".json" => ReadJson(reader, limits),
            ".csv" => RequestCsv.Open(reader, columns, limits),
            _ => throw new NotSupportedException($"'{path}': unknown input format; use .jsonl, .json or .csv"),
        };
    }

    private static string? Format(string path)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        return extension is ".jsonl" or ".ndjson" ? ".jsonl" : extension is ".json" or ".csv" ? extension : null;
    }

    /// <summary>One request per line; blank lines are skipped.</summary>
    public static IEnumerable<RequestRecord> ReadJsonLines(TextReader reader, RequestLimits? limits = null) => PendingJsonLines(reader, limits).Select(p => p.Parse());

    private static IEnumerable<PendingRecord> PendingJsonLines(TextReader reader, RequestLimits? limits)
    {
        ArgumentNullException.ThrowIfNull(reader);
        Func<object, int, ParseResult<FootageRequest>> parse = (text, line) =>
        {
            var result = RequestJson.Parse((string)text, limits);
            return result.Succeeded ? result : Relocate(result, line);
        };
        var line = 0;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            yield return new PendingRecord(line, text, parse);
        }
    }

    private static ParseResult<FootageRequest> Relocate(ParseResult<FootageRequest> result, int line) =>
        ParseResult<FootageRequest>.Failure(result.Problems.Select(p => p with { Line = line }).ToList());

    private static RequestInput ReadJson(TextReader reader, RequestLimits? limits)
    {
        var text = reader.ReadToEnd();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            return RequestInput.Failed([RequestJson.Malformed(e)]);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Array)
            {
                return RequestInput.Of([PendingRecord.Done(new RequestRecord(1, RequestJson.Read(root, "$", limits)))]);
            }

            return RequestInput.Of(root.EnumerateArray().Select((element, i) => PendingRecord.Done(new RequestRecord(i + 1, RequestJson.Read(element, $"$[{i}]", limits)))).ToList());
        }
    }
}

/// <summary>
/// One record read from a file but not parsed yet. Parsing is pure and needs nothing but the
/// record, so a caller with several cores may parse many records at once, in any order.
/// </summary>
public readonly struct PendingRecord
{
    private readonly object? state;
    private readonly Func<object, int, ParseResult<FootageRequest>>? parse;
    private readonly RequestRecord? done;

    internal PendingRecord(int line, object state, Func<object, int, ParseResult<FootageRequest>> parse)
    {
        Line = line;
        this.state = state;
        this.parse = parse;
    }

    private PendingRecord(RequestRecord done)
    {
        Line = done.Line;
        this.done = done;
    }

    /// <summary>1-based line where the record starts.</summary>
    public int Line { get; }

    internal static PendingRecord Done(RequestRecord record) => new(record);

    /// <summary>Parses the record; safe to call from any thread.</summary>
    public RequestRecord Parse() => done ?? new RequestRecord(Line, parse!(state!, Line));
}

/// <summary>An opened input file: the problems that make the whole file unreadable, or its records.</summary>
public sealed class RequestInput
{
    private RequestInput(IReadOnlyList<InputProblem> problems, IEnumerable<PendingRecord> pending)
    {
        Problems = problems;
        Pending = pending;
    }

    /// <summary>Problems with the file as a whole; when there are any, there are no records.</summary>
    public IReadOnlyList<InputProblem> Problems { get; }

    /// <summary>The records, read as they are enumerated (once) but not parsed: see <see cref="PendingRecord.Parse"/>.</summary>
    public IEnumerable<PendingRecord> Pending { get; }

    /// <summary>The records, read and parsed as they are enumerated (once).</summary>
    public IEnumerable<RequestRecord> Records => Pending.Select(p => p.Parse());

    public static RequestInput Failed(IReadOnlyList<InputProblem> problems) => new(problems, []);

    public static RequestInput Of(IEnumerable<PendingRecord> pending) => new([], pending);
}
