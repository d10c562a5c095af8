using BenchmarkDotNet.Attributes;
using Oversight.Gate;
using Oversight.History;
using Oversight.Policies;
using Oversight.Requests;
using Oversight.Synthetic;

namespace Oversight.Benchmarks;

/// <summary>One decision: static rules with no history, and every rule kind over a 1,000,000-request history.</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 15)]
public class GateBenchmarks
{
    private Policy staticPolicy = null!;
    private Policy fullPolicy = null!;
    private FootageRequest request = null!;
    private FootageRequest probe = null!;
    private FootageRequest concaveProbe = null!;
    private RequestHistory empty = null!;
    private RequestHistory million = null!;

    [GlobalSetup]
    public void Setup()
    {
        staticPolicy = Fixtures.LoadYaml(Fixtures.StaticRulesYaml);
        fullPolicy = Fixtures.Shipped("rochester-mn.yaml");
        request = Fixtures.SixteenVertexRequest(Fixtures.Submitted);
        empty = new RequestHistory();

        // Five years of requests, 1,000,000 of them, all counted; the probe comes at the end and
        // shares a case with the last of them, so every counting rule has history to read.
        million = new RequestHistory();
        FootageRequest? last = null;
        foreach (var prior in SyntheticHistory.Generate(new SyntheticOptions(1_000_000, 11, new DateOnly(2021, 8, 1), 1826)))
        {
            million.Add(prior);
            last = prior;
        }

        probe = Fixtures.SixteenVertexRequest(last!.SubmittedAt.AddMinutes(5), last.CaseNumber ?? "RPD-2026-01234") with { Agency = last.Agency };
        concaveProbe = Fixtures.SixteenVertexRequest(last.SubmittedAt.AddMinutes(5), last.CaseNumber ?? "RPD-2026-01234", concave: true) with { Agency = last.Agency };
    }

    [Benchmark(Description = "one decision, static rules, 16-vertex polygon")]
    public Decision StaticRules() => Gatekeeper.Evaluate(staticPolicy, request, empty);

    [Benchmark(Description = "one decision, all rule kinds, 1,000,000-request history")]
    public Decision AllRuleKinds() => Gatekeeper.Evaluate(fullPolicy, probe, million);

    [Benchmark(Description = "one decision, all rule kinds, 1,000,000-request history, concave 16-gon")]
    public Decision AllRuleKindsConcave() => Gatekeeper.Evaluate(fullPolicy, concaveProbe, million);
}
