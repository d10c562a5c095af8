using System.Buffers;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Oversight.Gate;
using Oversight.History;
using Oversight.Synthetic;

namespace Oversight.Benchmarks;

/// <summary>
/// Writing one decision of rochester-mn (17 rules, each with its sentence) as a JSON line, the way
/// <c>replay --out</c> does; against the same JSON with each sentence made as a string first, as
/// the writer did before the sentences were written straight into UTF-8.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 15)]
public class DecisionJsonBenchmarks
{
    private const int Count = 1_000;

    private readonly ArrayBufferWriter<byte> buffer = new(1 << 16);
    private Decision[] decisions = null!;
    private Utf8JsonWriter writer = null!;

    [GlobalSetup]
    public void Setup()
    {
        var policy = Fixtures.Shipped("rochester-mn.yaml");
        var requests = Replay.InOrder(SyntheticHistory.Generate(new SyntheticOptions(Count, 3, new DateOnly(2025, 8, 1), 30)));
        decisions = [.. Replay.Run(policy, requests, new RequestHistory())];
        writer = new Utf8JsonWriter(buffer);
    }

    [GlobalCleanup]
    public void Cleanup() => writer.Dispose();

    [Benchmark(Baseline = true, Description = "decision JSON, sentences made as strings", OperationsPerInvoke = Count)]
    public long Strings()
    {
        long bytes = 0;
        foreach (var decision in decisions)
        {
            buffer.ResetWrittenCount();
            writer.Reset();
            WriteWithStrings(writer, decision);
            writer.Flush();
            bytes += buffer.WrittenCount;
        }

        return bytes;
    }

    [Benchmark(Description = "decision JSON, sentences written as UTF-8", OperationsPerInvoke = Count)]
    public long Utf8()
    {
        long bytes = 0;
        foreach (var decision in decisions)
        {
            buffer.ResetWrittenCount();
            writer.Reset();
            DecisionJson.Write(writer, decision);
            writer.Flush();
            bytes += buffer.WrittenCount;
        }

        return bytes;
    }

    /// <summary>The decision JSON as the writer made it before: string property names, a string per sentence.</summary>
    private static void WriteWithStrings(Utf8JsonWriter w, Decision decision)
    {
        w.WriteStartObject();
        w.WriteString("requestId", decision.RequestId);
        w.WriteString("decision", decision.Outcome.Name());
        w.WriteStartObject("policy");
        w.WriteString("id", decision.Policy.Id);
        w.WriteString("version", decision.Policy.Version);
        w.WriteString("sha256", decision.Policy.Sha256);
        w.WriteEndObject();
        w.WriteStartObject("measures");
        w.WriteNumber("areaSqMiles", Math.Round(decision.Measures.AreaSqMiles, 6));
        w.WriteNumber("windowHours", Math.Round(decision.Measures.WindowHours, 6));
        w.WriteNumber("lookbackHours", Math.Round(decision.Measures.LookbackHours, 6));
        w.WriteEndObject();
        w.WriteStartArray("rules");
        foreach (var result in decision.Rules)
        {
            w.WriteStartObject();
            w.WriteString("id", result.Rule.Id);
            w.WriteString("kind", result.Rule.Kind);
            w.WriteString("outcome", result.Outcome.Name());
            w.WriteString("action", result.Rule.Action.Name());
            if (result.Actual is { } actual)
            {
                w.WriteNumber("actual", Math.Round(actual, 6));
            }

            if (result.Limit is { } limit)
            {
                w.WriteNumber("limit", limit);
            }

            if (result.Unit is { } unit)
            {
                w.WriteString("unit", unit);
            }

            w.WriteString("message", Explanations.Message(result, decision.Request));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }
}
