using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using Oversight.Gate;

namespace Oversight.Worker.Cli;

/// <summary>
/// Writes decisions (footage decisions, search audits) as JSON lines while the caller goes on
/// gating: decisions are handed over in batches, serialised into pooled UTF-8 buffers on the cores
/// the caller leaves free, and written in order. A failure to write (a full disk) surfaces on the
/// caller's next <see cref="Add"/> or at <see cref="Complete"/>.
/// </summary>
/// <typeparam name="T">What one line is written from.</typeparam>
internal sealed class DecisionStream<T> : IDisposable
{
    private const int BatchSize = 256;

    private readonly Stream target;
    private readonly Action<Utf8JsonWriter, T> line;
    private readonly JsonWriterOptions options;
    private readonly BlockingCollection<Batch> work;
    private readonly BlockingCollection<Batch> written;
    private readonly ConcurrentBag<ArrayBufferWriter<byte>> buffers = [];
    private readonly Thread[] serializers;
    private readonly Thread writer;
    private T[] current = new T[BatchSize];
    private int count;
    private readonly bool alone;
    private volatile Exception? failure;
    private volatile bool abandoned;

    /// <param name="target">Where the lines go; flushed, not closed, at <see cref="Complete"/>.</param>
    /// <param name="line">Writes one decision's JSON object (the newline is added here).</param>
    /// <param name="options">How the JSON is written (default: the writer's defaults).</param>
    public DecisionStream(Stream target, Action<Utf8JsonWriter, T> line, JsonWriterOptions options = default)
    {
        this.target = target;
        this.line = line;
        this.options = options;
        // One core is the caller's; the others serialise. One serialiser also writes, in order.
        var threads = Math.Max(1, Environment.ProcessorCount - 1);
        work = new BlockingCollection<Batch>(boundedCapacity: 4 * threads);
        written = new BlockingCollection<Batch>(boundedCapacity: 8 * threads);
        serializers = [.. Enumerable.Range(0, threads).Select(i => new Thread(Serialize) { IsBackground = true, Name = $"decision serializer {i}" })];
        writer = new Thread(Write) { IsBackground = true, Name = "decision writer" };
        alone = threads == 1;
        foreach (var thread in serializers)
        {
            thread.Start();
        }

        if (!alone)
        {
            writer.Start();
        }
    }

    public void Add(T decision)
    {
        current[count++] = decision;
        if (count == BatchSize)
        {
            Hand();
        }
    }

    /// <summary>Writes what is left and waits for the writer; throws what writing failed with.</summary>
    public void Complete()
    {
        if (count > 0)
        {
            Hand();
        }

        Stop();
        if (failure is { } e)
        {
            throw new IOException(e.Message, e);
        }

        target.Flush();
    }

    /// <summary>Stops without writing what is still queued; the caller then empties the target and starts again.</summary>
    public void Abandon()
    {
        abandoned = true;
        Stop();
    }

    public void Dispose()
    {
        Stop();
        work.Dispose();
        written.Dispose();
    }

    private void Stop()
    {
        if (work.IsAddingCompleted)
        {
            return;
        }

        work.CompleteAdding();
        foreach (var thread in serializers)
        {
            thread.Join();
        }

        written.CompleteAdding();
        if (!alone)
        {
            writer.Join();
        }
    }

    private void Hand()
    {
        if (failure is { } e)
        {
            throw new IOException(e.Message, e);
        }

        var batch = new Batch(current, count);
        current = new T[BatchSize];
        count = 0;
        batch.Done = new ManualResetEventSlim(false);
        work.Add(batch);
        if (!alone)
        {
            written.Add(batch);
        }
    }

    /// <summary>Turns batches into UTF-8 JSON lines, any batch on any serializer thread.</summary>
    private void Serialize()
    {
        Utf8JsonWriter? json = null;
        foreach (var batch in work.GetConsumingEnumerable())
        {
            var buffer = buffers.TryTake(out var pooled) ? pooled : new ArrayBufferWriter<byte>(BatchSize * 4096);
            buffer.ResetWrittenCount();
            if (json is null)
            {
                json = new Utf8JsonWriter(buffer, options);
            }
            else
            {
                json.Reset(buffer);
            }

            for (var i = 0; i < batch.Count && !abandoned; i++)
            {
                line(json, batch.Decisions[i]);
                json.Flush();
                json.Reset();
                buffer.GetSpan(1)[0] = (byte)'\n';
                buffer.Advance(1);
            }

            batch.Buffer = buffer;
            batch.Decisions = [];
            if (alone)
            {
                Output(batch);
            }
            else
            {
                batch.Done!.Set();
            }
        }

        json?.Dispose();
    }

    /// <summary>Writes serialised batches in the order they were handed over.</summary>
    private void Write()
    {
        foreach (var batch in written.GetConsumingEnumerable())
        {
            batch.Done!.Wait();
            Output(batch);
        }
    }

    private void Output(Batch batch)
    {
        batch.Done!.Dispose();
        if (failure is null && !abandoned)
        {
            try
            {
                target.Write(batch.Buffer!.WrittenSpan);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
            {
                failure = e;
            }
        }

        buffers.Add(batch.Buffer!);
    }

    private sealed class Batch(T[] decisions, int count)
    {
        public T[] Decisions { get; set; } = decisions;

        public int Count { get; } = count;

        public ArrayBufferWriter<byte>? Buffer { get; set; }

        public ManualResetEventSlim? Done { get; set; }
    }
}
