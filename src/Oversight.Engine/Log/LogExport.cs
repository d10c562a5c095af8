using System.Text;
using System.Text.Json;

namespace Oversight.Log;

/// <summary>
/// The decision log as a file anyone can check without the service (JSON Lines): a header
/// <c>{"kind":"log","origin","size"}</c>, then each entry <c>{"kind":"entry","index","leafHash","entry":{…}}</c>
/// with its bytes exactly as hashed, then each signed checkpoint <c>{"kind":"checkpoint","note":"…"}</c>
/// with its witnesses' cosignatures.
/// </summary>
public static class LogExport
{
    public static void WriteHeader(Utf8JsonWriter writer, string origin, long size)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("kind", "log");
        writer.WriteString("origin", origin);
        writer.WriteNumber("size", size);
        writer.WriteEndObject();
    }

    public static void WriteEntry(Utf8JsonWriter writer, long index, byte[] entry, byte[] leafHash)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("kind", "entry");
        writer.WriteNumber("index", index);
        writer.WriteString("leafHash", Convert.ToBase64String(leafHash));
        writer.WritePropertyName("entry");
        writer.WriteRawValue(entry, skipInputValidation: true);
        writer.WriteEndObject();
    }

    public static void WriteCheckpoint(Utf8JsonWriter writer, SignedNote note)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(note);
        writer.WriteStartObject();
        writer.WriteString("kind", "checkpoint");
        writer.WriteString("note", note.ToString());
        writer.WriteEndObject();
    }

    /// <summary>One line of an export, read back.</summary>
    public sealed record Line(string Kind, long Index, byte[]? Entry, byte[]? LeafHash, SignedNote? Note, string? Origin);

    /// <summary>Reads an export line by line; a line that does not read is an exception naming the line.</summary>
    /// <exception cref="FormatException">A line is not part of an export; the message names it.</exception>
    public static IEnumerable<Line> Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var number = 0;
        while (reader.ReadLine() is { } text)
        {
            number++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            Line line;
            try
            {
                using var document = JsonDocument.Parse(text);
                var root = document.RootElement;
                var kind = root.GetProperty("kind").GetString();
                line = kind switch
                {
                    "log" => new Line("log", 0, null, null, null, root.GetProperty("origin").GetString()),
                    "entry" => new Line("entry", root.GetProperty("index").GetInt64(), Encoding.UTF8.GetBytes(root.GetProperty("entry").GetRawText()), Convert.FromBase64String(root.GetProperty("leafHash").GetString()!), null, null),
                    "checkpoint" => SignedNote.TryParse(root.GetProperty("note").GetString()!, out var note, out var error)
                        ? new Line("checkpoint", 0, null, null, note, null)
                        : throw new FormatException(error),
                    _ => throw new FormatException($"unknown kind '{kind}'"),
                };
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw new FormatException($"line {number}: not a line of a log export: {e.Message}", e);
            }

            yield return line;
        }
    }
}
