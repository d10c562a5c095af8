using BenchmarkDotNet.Attributes;
using Oversight.Gate;
using Oversight.History;
using Oversight.Policies;
using Oversight.Requests;
using Oversight.Synthetic;

namespace Oversight.Benchmarks;

/// <summary>
/// Replay throughput: 100,000 parsed requests gated in order under rochester-mn (every rule
/// kind), history built as it goes. One operation is one decision.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class ReplayBenchmarks
{
    private const int Count = 100_000;

    private Policy policy = null!;
    private List<FootageRequest> requests = null!;

    /// <summary>Spread over a year, the density of a large city's program.</summary>
    [GlobalSetup]
    public void Setup()
    {
        policy = Fixtures.Shipped("rochester-mn.yaml");
        requests = Replay.InOrder(SyntheticHistory.Generate(new SyntheticOptions(Count, 3, new DateOnly(2025, 8, 1), 365)));
    }

    [Benchmark(Description = "replay, decisions (all rule kinds)", OperationsPerInvoke = Count)]
    public int ReplayAll()
    {
        var denied = 0;
        foreach (var decision in Replay.Run(policy, requests, new RequestHistory()))
        {
            denied += decision.Outcome == DecisionOutcome.Deny ? 1 : 0;
        }

        return denied;
    }
}
