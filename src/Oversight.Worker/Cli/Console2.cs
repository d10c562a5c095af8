using System.Text;

namespace Oversight.Worker.Cli;

/// <summary>The process's standard streams, buffered for output-heavy verbs.</summary>
internal sealed class Console2 : IDisposable
{
    public Console2()
        : this(Console.In, new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16), new StreamWriter(Console.OpenStandardError(), new UTF8Encoding(false)) { AutoFlush = true })
    {
        InputIsTerminal = !Console.IsInputRedirected;
    }

    /// <summary>For tests: the streams to use instead of the process's.</summary>
    public Console2(TextReader input, Stream output, TextWriter error)
        : this(input, new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true), error)
    {
        outputStream = output;
    }

    private readonly Stream? outputStream;

    public Console2(TextReader input, TextWriter output, TextWriter error)
    {
        In = input;
        Out = output;
        Error = error;
    }

    public TextReader In { get; }

    /// <summary>True when standard input is a terminal (nothing was piped in), so reading it would wait for typing.</summary>
    public bool InputIsTerminal { get; }

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    /// <summary>Standard output as a buffered byte stream, for verbs that write a lot of JSON; <see cref="Out"/> is flushed first.</summary>
    public Stream OpenOutput()
    {
        Out.Flush();
        return outputStream is null ? new BufferedStream(Console.OpenStandardOutput(), 1 << 16) : new NonClosingStream(outputStream);
    }

    public void Dispose()
    {
        Out.Flush();
        Error.Flush();
    }
}

/// <summary>A stream that leaves the stream it wraps open when it is disposed.</summary>
internal sealed class NonClosingStream(Stream inner) : Stream
{
    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => inner.Length;
    public override long Position { get => inner.Position; set => throw new NotSupportedException(); }
    public override void Flush() => inner.Flush();
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    protected override void Dispose(bool disposing) => inner.Flush();
}
