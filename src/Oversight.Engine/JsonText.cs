using System.Text;
using System.Text.Json;

namespace Oversight;

/// <summary>JSON written with a <see cref="Utf8JsonWriter"/>, returned as a string.</summary>
public static class JsonText
{
    /// <summary>
    /// Writes with the default escaping (every non-ASCII character and '+' escaped), unless
    /// <paramref name="plain"/>: then only what JSON itself requires is escaped, so that base64
    /// and signed-note text read as they are (for the transparency log's proofs and receipts).
    /// </summary>
    public static string Write(Action<Utf8JsonWriter> write, bool indented = false, bool plain = false)
    {
        ArgumentNullException.ThrowIfNull(write);
        using var buffer = new MemoryStream();
        var options = new JsonWriterOptions { Indented = indented, Encoder = plain ? System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping : null };
        using (var writer = new Utf8JsonWriter(buffer, options))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
