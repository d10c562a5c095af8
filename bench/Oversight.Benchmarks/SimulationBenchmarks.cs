using BenchmarkDotNet.Attributes;
using Oversight.Gate;
using Oversight.History;
using Oversight.Policies;
using Oversight.Requests;
using Oversight.Simulation;
using Oversight.Synthetic;

namespace Oversight.Benchmarks;

/// <summary>Simulation against one replay of the same 1,000,000 requests (target: about twice the replay).</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 0, iterationCount: 3)]
public class SimulationBenchmarks
{
    private Policy baseline = null!;
    private Policy candidate = null!;
    private List<FootageRequest> requests = null!;

    [GlobalSetup]
    public void Setup()
    {
        baseline = Fixtures.Shipped("rochester-mn.yaml");
        candidate = Fixtures.Shipped("ccops-strict.yaml");
        requests = Replay.InOrder(SyntheticHistory.Generate(new SyntheticOptions(1_000_000, 5, new DateOnly(2021, 8, 1), 1826)));
    }

    [Benchmark(Baseline = true, Description = "replay 1,000,000 (rochester-mn)")]
    public int ReplayMillion()
    {
        var denied = 0;
        foreach (var decision in Replay.Run(baseline, requests, new RequestHistory()))
        {
            denied += decision.Outcome == DecisionOutcome.Deny ? 1 : 0;
        }

        return denied;
    }

    [Benchmark(Description = "simulate 1,000,000 (rochester-mn vs ccops-strict)")]
    public int SimulateMillion() => Simulator.Run(baseline, candidate, requests).Changed.Count;
}
