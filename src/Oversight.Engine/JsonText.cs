using System.Text;
using System.Text.Json;

namespace Oversight;

/// <summary>JSON written with a <see cref="Utf8JsonWriter"/>, returned as a string.</summary>
public static class JsonText
{
    public static string Write(Action<Utf8JsonWriter> write, bool indented = false)
    {
        ArgumentNullException.ThrowIfNull(write);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented }))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
