using System.Buffers;
using System.Text;
using System.Text.Json;
using Oversight.Requests;

namespace Oversight.Searches;

public static partial class SearchJson
{
    private static readonly byte[][] Names =
    [
        "kind"u8.ToArray(), "id"u8.ToArray(), "agency"u8.ToArray(), "requester"u8.ToArray(), "searchedAt"u8.ToArray(), "reason"u8.ToArray(),
        "caseNumber"u8.ToArray(), "offenseType"u8.ToArray(), "camerasSearched"u8.ToArray(), "networksSearched"u8.ToArray(),
        "timeFrame"u8.ToArray(), "plateHash"u8.ToArray(), "searchType"u8.ToArray(),
    ];

    /// <summary>
    /// Parses one line of search JSONL. A well-formed record — what <see cref="Write"/> writes — is
    /// read in one pass over its UTF-8 bytes; anything else (a malformed line, a wrong type, an
    /// unknown or repeated field) is read again by <see cref="Parse(string)"/>, which names every problem.
    /// </summary>
    public static ParseResult<AlprSearch> ParseLine(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(line.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(line, rented);
            return TryFast(rented.AsSpan(0, length)) ?? Parse(line);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static ParseResult<AlprSearch>? TryFast(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 4 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            var draft = new SearchDraft(Path);
            var seen = 0;
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.EndObject)
                {
                    // Trailing text after the object goes to the slow path, which reports it.
                    return reader.Read() || (seen & 1) == 0 ? null : draft.Build();
                }

                var field = Field(ref reader);
                if (field < 0 || (seen & (1 << field)) != 0 || !reader.Read())
                {
                    return null;
                }

                seen |= 1 << field;
                if (!Value(ref reader, field, draft))
                {
                    return null;
                }
            }

            return null;
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static string Path(string name) => "$." + name;

    private static int Field(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.PropertyName)
        {
            return -1;
        }

        for (var i = 0; i < Names.Length; i++)
        {
            if (reader.ValueTextEquals(Names[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static readonly string[] FieldNames = [.. Names.Select(n => Encoding.UTF8.GetString(n))];

    private static readonly string[] FieldPaths = [.. FieldNames.Select(n => "$." + n)];

    private static bool Value(ref Utf8JsonReader reader, int field, SearchDraft draft)
    {
        var name = FieldNames[field];
        switch (field)
        {
            case 0:
                return reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("alpr-search"u8);
            case 4:
                if (reader.TokenType != JsonTokenType.String || reader.GetString() is not { } text || !Timestamps.TryDigits(text, 'T', zulu: true, out var time))
                {
                    return false;
                }

                draft.SearchedAt(time);
                return true;
            case 8 or 9:
                if (reader.TokenType == JsonTokenType.Null)
                {
                    return true;
                }

                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var count))
                {
                    return false;
                }

                draft.Count(name, count);
                return true;
            case 10:
                return reader.TokenType == JsonTokenType.Null || Frame(ref reader, draft);
            default:
                if (reader.TokenType == JsonTokenType.Null)
                {
                    draft.Text(name, null, FieldPaths[field]);
                    return true;
                }

                if (reader.TokenType != JsonTokenType.String)
                {
                    return false;
                }

                draft.Text(name, reader.GetString(), FieldPaths[field]);
                return true;
        }
    }

    private static bool Frame(ref Utf8JsonReader reader, SearchDraft draft)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        DateTimeOffset? start = null, end = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isStart = reader.ValueTextEquals("start"u8);
            if ((!isStart && !reader.ValueTextEquals("end"u8)) || (isStart ? start : end) is not null || !reader.Read()
                || reader.TokenType != JsonTokenType.String || reader.GetString() is not { } text || !Timestamps.TryDigits(text, 'T', zulu: true, out var time))
            {
                return false;
            }

            if (isStart)
            {
                start = time;
            }
            else
            {
                end = time;
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject || start is not { } s || end is not { } e || e < s)
        {
            return false;
        }

        draft.Frame(s, e, "$.timeFrame.end");
        return true;
    }
}
