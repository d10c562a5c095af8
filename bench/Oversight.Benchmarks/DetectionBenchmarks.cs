using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Oversight.Detection;
using Oversight.Policies;
using Oversight.Requests;
using Oversight.Synthetic;

namespace Oversight.Benchmarks;

/// <summary>
/// Every detector over N counted requests at one density (2,740 a day around Rochester, so that
/// 1,000,000 is a year and 100,000 is 37 days). Targets: 1,000,000 in ≤ 60 s and ≤ 2 GiB;
/// ten times the input at most twelve times the time.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class DetectionBenchmarks
{
    private const double PerDay = 2_740;

    private Policy policy = null!;
    private List<FootageRequest> requests = null!;

    [Params(100_000, 1_000_000)]
    public int Requests { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        policy = Fixtures.LoadYaml("""
            policy: detection-bench
            version: "1"
            timeZone: America/Chicago
            rules:
              - { id: area-limit, kind: max-area, limit: 0.5 sq mi, action: warn }
              - { id: window-limit, kind: max-window, limit: 12h, action: warn }
            """);
        var days = (int)Math.Ceiling(Requests / PerDay);
        requests = [.. SyntheticHistory.Generate(new SyntheticOptions(Requests, 11, new DateOnly(2026, 1, 1), days))];
    }

    [Benchmark(Description = "all detectors")]
    public int Detect() => Detectors.Run(policy, requests).Count;

    [GlobalCleanup]
    public void Cleanup()
    {
        using var process = Process.GetCurrentProcess();
        Console.WriteLine($"// detection {Requests:N0}: peak working set {process.PeakWorkingSet64 / (1024.0 * 1024 * 1024):0.00} GiB (requests held in memory included)");
    }
}
