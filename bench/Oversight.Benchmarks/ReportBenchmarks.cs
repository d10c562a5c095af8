using BenchmarkDotNet.Attributes;
using Oversight.Detection;
using Oversight.Gate;
using Oversight.History;
using Oversight.Policies;
using Oversight.Reports;
using Oversight.Reports.Pdf;
using Oversight.Reports.Xlsx;
using Oversight.Synthetic;

namespace Oversight.Benchmarks;

/// <summary>
/// The transparency report for a quarter of 100,000 gated requests: model, PDF, XLSX and HTML
/// (target ≤ 10 s together); the model with and without disclosure control, and disclosure
/// control on a sparse quarter of 400 requests, where most cells are small.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class ReportBenchmarks
{
    private Policy policy = null!;
    private ReportingPeriod period = null!;
    private ReportGeography geography = null!;
    private List<ReportRequest> rows = null!;
    private List<ReportFinding> findings = null!;
    private TransparencyReport report = null!;
    private List<ReportRequest> sparse = null!;

    [GlobalSetup]
    public void Setup()
    {
        policy = Fixtures.Shipped("rochester-mn.yaml");
        ReportingPeriod.TryParse("2026Q3", policy.TimeZone, out period, out _);
        geography = GeographyFile.Load(Path.Combine(AppContext.BaseDirectory, "samples", "olmsted-tracts-2020.geojson"), out _)!;
        var requests = Replay.InOrder(SyntheticHistory.Generate(new SyntheticOptions(100_000, 5, new DateOnly(2026, 7, 1), 92)));
        var decisions = Replay.Run(policy, requests, new RequestHistory()).ToList();
        rows = [.. decisions.Select(ReportRequest.From)];
        findings = [.. Detectors.Run(policy, [.. decisions.Where(d => d.Counts).Select(d => d.Request)]).Select(ReportFinding.From)];
        report = Model();
        var few = Replay.InOrder(SyntheticHistory.Generate(new SyntheticOptions(400, 7, new DateOnly(2026, 7, 1), 92)));
        sparse = [.. Replay.Run(policy, few, new RequestHistory()).Select(ReportRequest.From)];
    }

    [Benchmark(Description = "model without disclosure control (internal), 100,000 requests")]
    public TransparencyReport ModelInternal() =>
        ReportBuilder.Build(new ReportInput(policy, rows, findings, period, new string('0', 64), new DateTimeOffset(2026, 10, 1, 9, 0, 0, TimeSpan.Zero), true, geography));

    [Benchmark(Description = "model, sparse quarter of 400 requests")]
    public TransparencyReport ModelSparse() =>
        ReportBuilder.Build(new ReportInput(policy, sparse, [], period, new string('0', 64), new DateTimeOffset(2026, 10, 1, 9, 0, 0, TimeSpan.Zero), false, geography));

    [Benchmark(Description = "model without disclosure control, sparse quarter")]
    public TransparencyReport ModelSparseInternal() =>
        ReportBuilder.Build(new ReportInput(policy, sparse, [], period, new string('0', 64), new DateTimeOffset(2026, 10, 1, 9, 0, 0, TimeSpan.Zero), true, geography));

    [Benchmark(Description = "HTML")]
    public long Html()
    {
        using var output = new MemoryStream();
        Oversight.Reports.Html.ReportHtml.Write(report, output);
        return output.Length;
    }

    [Benchmark(Description = "model, 100,000 requests")]
    public TransparencyReport Model() =>
        ReportBuilder.Build(new ReportInput(policy, rows, findings, period, new string('0', 64), new DateTimeOffset(2026, 10, 1, 9, 0, 0, TimeSpan.Zero), false, geography));

    [Benchmark(Description = "PDF")]
    public long Pdf()
    {
        using var output = new MemoryStream();
        ReportPdf.Write(report, output);
        return output.Length;
    }

    [Benchmark(Description = "XLSX")]
    public long Xlsx()
    {
        using var output = new MemoryStream();
        ReportWorkbook.Write(report, output);
        return output.Length;
    }

    [Benchmark(Description = "model + PDF + XLSX + HTML")]
    public long All()
    {
        report = Model();
        return Pdf() + Xlsx() + Html();
    }
}
