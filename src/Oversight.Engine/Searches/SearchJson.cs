using System.Globalization;
using System.Text.Json;
using Oversight.Requests;

namespace Oversight.Searches;

/// <summary>
/// Reads and writes an ALPR search in its JSON form (docs/ALPR.md):
/// <c>{"kind":"alpr-search","id","agency","requester","searchedAt","reason","caseNumber","offenseType",
/// "camerasSearched","networksSearched","timeFrame":{"start","end"},"plateHash","searchType"}</c>.
/// A field that is null or absent is one the export does not publish. Every problem is named with its JSON path.
/// </summary>
public static partial class SearchJson
{
    /// <summary>The value of <c>kind</c> that marks a search record.</summary>
    public const string Kind = "alpr-search";

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 16 };

    private static readonly HashSet<string> Fields =
    [
        "kind", "id", "agency", "requester", "searchedAt", "reason", "caseNumber", "offenseType",
        "camerasSearched", "networksSearched", "timeFrame", "plateHash", "searchType",
    ];

    /// <summary>The longest text field a search may carry, in UTF-16 code units.</summary>
    public const int MaxText = 4_096;

    /// <summary>Parses one JSON document holding one search object.</summary>
    public static ParseResult<AlprSearch> Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json, DocumentOptions);
            return Read(document.RootElement, "$");
        }
        catch (JsonException e)
        {
            return ParseResult<AlprSearch>.Failure([RequestJson.Malformed(e)]);
        }
    }

    /// <summary>True when a JSON text is a search record (its <c>kind</c> is <see cref="Kind"/>), judged without reading it all.</summary>
    public static bool LooksLikeSearch(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json, DocumentOptions);
            var root = document.RootElement.ValueKind == JsonValueKind.Array && document.RootElement.GetArrayLength() > 0
                ? document.RootElement[0]
                : document.RootElement;
            return root.ValueKind == JsonValueKind.Object && root.TryGetProperty("kind", out var kind) && kind.ValueKind == JsonValueKind.String && kind.GetString() == Kind;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Reads a search from a JSON element; <paramref name="path"/> prefixes every problem.</summary>
    public static ParseResult<AlprSearch> Read(JsonElement element, string path)
    {
        try
        {
            return ReadObject(element, path);
        }
        catch (InvalidOperationException)
        {
            return ParseResult<AlprSearch>.Failure([new InputProblem(path, "a text holds an unpaired UTF-16 surrogate escape (such as \\ud800); texts must be valid Unicode")]);
        }
    }

    private static ParseResult<AlprSearch> ReadObject(JsonElement element, string path)
    {
        var draft = new SearchDraft(name => $"{path}.{name}");
        if (element.ValueKind != JsonValueKind.Object)
        {
            draft.Problem(path, $"expected a search object, found {RequestJson.Kind(element)}");
            return ParseResult<AlprSearch>.Failure(draft.Problems);
        }

        // A repeated key would leave it to the parser which value counts: refuse it instead.
        if (RequestJson.RepeatedKeys(element, path, draft.Problem) > 0)
        {
            return ParseResult<AlprSearch>.Failure(draft.Problems);
        }

        var sawKind = false;
        foreach (var property in element.EnumerateObject())
        {
            var at = $"{path}.{property.Name}";
            var value = property.Value;
            if (!Fields.Contains(property.Name))
            {
                draft.Problem(at, $"unknown field '{property.Name}'");
                continue;
            }

            switch (property.Name)
            {
                case "kind":
                    sawKind = true;
                    if (value.ValueKind != JsonValueKind.String || value.GetString() != Kind)
                    {
                        draft.Problem(at, $"expected \"{Kind}\", found {RequestJson.Kind(value)}");
                    }

                    break;
                case "camerasSearched":
                case "networksSearched":
                    draft.Count(property.Name, Count(draft, value, at));
                    break;
                case "timeFrame":
                    ReadTimeFrame(draft, value, at);
                    break;
                case "searchedAt":
                    if (Text(draft, value, at) is { } time)
                    {
                        draft.SearchedAt(time, at);
                    }
                    else
                    {
                        draft.SearchedAtFailed();
                    }

                    break;
                default:
                    draft.Text(property.Name, value.ValueKind == JsonValueKind.Null ? null : Text(draft, value, at), at);
                    break;
            }
        }

        if (!sawKind)
        {
            draft.Problem($"{path}.kind", $"required field is missing (\"{Kind}\")");
        }

        return draft.Build();
    }

    private static string? Text(SearchDraft draft, JsonElement value, string at)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            draft.Problem(at, $"expected a string, found {RequestJson.Kind(value)}");
            return null;
        }

        return value.GetString();
    }

    private static long? Count(SearchDraft draft, JsonElement value, string at)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var count))
        {
            draft.Problem(at, $"expected a whole number or null, found {RequestJson.Kind(value)}");
            return null;
        }

        return count;
    }

    private static void ReadTimeFrame(SearchDraft draft, JsonElement value, string at)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            draft.Problem(at, $"expected an object with start and end, or null, found {RequestJson.Kind(value)}");
            return;
        }

        foreach (var property in value.EnumerateObject().Where(p => p.Name is not ("start" or "end")))
        {
            draft.Problem($"{at}.{property.Name}", $"unknown field '{property.Name}'");
        }

        DateTimeOffset? Bound(string name)
        {
            var where = $"{at}.{name}";
            if (!value.TryGetProperty(name, out var bound))
            {
                draft.Problem(where, "required field is missing");
                return null;
            }

            if (Text(draft, bound, where) is not { } text)
            {
                return null;
            }

            if (Timestamps.TryParse(text, out var time, out var error))
            {
                return time;
            }

            draft.Problem(where, error);
            return null;
        }

        var start = Bound("start");
        var end = Bound("end");
        if (start is { } s && end is { } e)
        {
            draft.Frame(s, e, $"{at}.end");
        }
    }

    /// <summary>Writes the search's JSON form; every field is written, null where not published.</summary>
    public static void Write(Utf8JsonWriter writer, AlprSearch search)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(search);
        writer.WriteStartObject();
        writer.WriteString("kind", Kind);
        writer.WriteString("id", search.Id);
        writer.WriteString("agency", search.Agency);
        Optional(writer, "requester", search.Requester);
        writer.WriteString("searchedAt", RequestJsonWriter.Time(search.SearchedAt));
        Optional(writer, "reason", search.Reason);
        Optional(writer, "caseNumber", search.CaseNumber);
        Optional(writer, "offenseType", search.OffenseType);
        Optional(writer, "camerasSearched", search.CamerasSearched);
        Optional(writer, "networksSearched", search.NetworksSearched);
        if (search.TimeFrame is { } frame)
        {
            writer.WriteStartObject("timeFrame");
            writer.WriteString("start", RequestJsonWriter.Time(frame.Start));
            writer.WriteString("end", RequestJsonWriter.Time(frame.End));
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull("timeFrame");
        }

        Optional(writer, "plateHash", search.PlateHash);
        Optional(writer, "searchType", search.SearchType);
        writer.WriteEndObject();
    }

    /// <summary>The search as one line of JSON.</summary>
    public static string ToJson(AlprSearch search) => JsonText.Write(w => Write(w, search), plain: true);

    private static void Optional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    private static void Optional(Utf8JsonWriter writer, string name, int? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, v);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    internal static string Show(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
