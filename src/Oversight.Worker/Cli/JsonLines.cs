using System.Buffers;
using System.Text.Json;

namespace Oversight.Worker.Cli;

/// <summary>
/// JSON Lines written through one buffer: each record is serialised into memory and the buffer goes
/// to the stream 64 KiB at a time, so a million records do not cost a million writes.
/// </summary>
internal sealed class JsonLines : IDisposable
{
    private const int Chunk = 1 << 16;

    private readonly Stream target;
    private readonly ArrayBufferWriter<byte> buffer = new(Chunk * 2);
    private readonly Utf8JsonWriter writer;

    /// <param name="target">Where the lines go; not closed here.</param>
    /// <param name="relaxed">Leave non-ASCII text and '+' unescaped (search records), as readers of the file expect them.</param>
    public JsonLines(Stream target, bool relaxed = false)
    {
        this.target = target;
        writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = relaxed ? System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping : null });
    }

    /// <summary>Writes one record and its newline.</summary>
    public void Write(Action<Utf8JsonWriter> record)
    {
        ArgumentNullException.ThrowIfNull(record);
        record(writer);
        writer.Flush();
        writer.Reset();
        buffer.GetSpan(1)[0] = (byte)'\n';
        buffer.Advance(1);
        if (buffer.WrittenCount >= Chunk)
        {
            Drain();
        }
    }

    /// <summary>Writes what is buffered to the stream.</summary>
    public void Drain()
    {
        target.Write(buffer.WrittenSpan);
        buffer.ResetWrittenCount();
    }

    public void Dispose()
    {
        Drain();
        target.Flush();
        writer.Dispose();
    }
}
