using BenchmarkDotNet.Attributes;
using NetTopologySuite.Geometries;
using Oversight.Gate;
using Oversight.History;
using Oversight.Policies;
using Oversight.Requests;
using Oversight.Synthetic;

namespace Oversight.Benchmarks;

/// <summary>
/// The worst a single dry run can be made to cost: reading the request (so that refused shapes
/// are measured too) and judging it under every rule kind of rochester-mn against a history that
/// holds the hostile shapes a caller can store. The largest accepted input is a comb of
/// <see cref="RequestLimits.Default"/> vertices, against a stored comb that interleaves with it.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 15)]
public class AdversarialBenchmarks
{
    private const double Lon = -92.470;
    private const double Lat = 44.015;

    private Policy policy = null!;
    private RequestHistory storedComb = null!;
    private RequestHistory tenStoredCombs = null!;
    private string combJson = null!;
    private string otherAgencyCombJson = null!;
    private readonly CancellationTokenSource deadline = new();
    private string circleJson = null!;
    private string sixteenGonJson = null!;
    private string poleJson = null!;
    private string farApartJson = null!;
    private string antimeridianJson = null!;
    private string overLimitCombJson = null!;

    [GlobalSetup]
    public void Setup()
    {
        policy = Fixtures.Shipped("rochester-mn.yaml");
        var vertices = RequestLimits.Default.MaxVertices;
        var stored = Request("stored", AdversarialAreas.Comb(Lon, Lat, vertices, upward: true), Fixtures.Submitted.AddHours(-1));
        storedComb = new RequestHistory();
        storedComb.Add(stored);
        tenStoredCombs = new RequestHistory();
        for (var i = 0; i < 10; i++)
        {
            // Teeth of slightly different pitch, so that the stored combs do not overlap one another's interiors less than the probe's.
            tenStoredCombs.Add(Request($"stored-{i}", AdversarialAreas.Comb(Lon, Lat, vertices - (4 * i), upward: true), Fixtures.Submitted.AddMinutes(-10 * (i + 1))));
        }

        combJson = Json(Request("probe", AdversarialAreas.Comb(Lon, Lat, vertices, upward: false), Fixtures.Submitted));
        otherAgencyCombJson = Json(Request("probe", AdversarialAreas.Comb(Lon, Lat, vertices, upward: false), Fixtures.Submitted) with { Agency = "olmsted-county-so" });
        sixteenGonJson = RequestJsonWriter.ToJson(Fixtures.SixteenVertexRequest(Fixtures.Submitted) with { Agency = "olmsted-county-so" });
        circleJson = """{"agency":"olmsted-county-so","requester":"badge-2","caseNumber":"SO-2026-1","incidentType":"burglary","description":"Residential burglary, suspect fled on foot","submittedAt":"2026-08-01T14:00:00Z","window":{"start":"2026-08-01T01:00:00Z","end":"2026-08-01T05:00:00Z"},"area":{"center":{"lat":44.0165,"lon":-92.466},"radiusMeters":300}}""";
        poleJson = circleJson.Replace("\"lat\":44.0165,\"lon\":-92.466", "\"lat\":90,\"lon\":0", StringComparison.Ordinal);
        farApartJson = Json(Request("far", AdversarialAreas.FarApart(Lon, Lat, 60), Fixtures.Submitted));
        antimeridianJson = Json(Request("anti", AdversarialAreas.AcrossAntimeridian(52), Fixtures.Submitted));
        overLimitCombJson = Json(Request("over", AdversarialAreas.Comb(Lon, Lat, 48_000, upward: false), Fixtures.Submitted));
    }

    [Benchmark(Description = "max-vertex comb against a stored interleaving comb (same case)")]
    public object? CombAgainstComb() => DryRun(combJson, storedComb);

    [Benchmark(Description = "max-vertex comb against ten stored interleaving combs (same case)")]
    public object? CombAgainstTenCombs() => DryRun(combJson, tenStoredCombs);

    [Benchmark(Description = "max-vertex comb of another agency against ten stored combs")]
    public object? OtherAgencyCombAgainstTenCombs() => DryRun(otherAgencyCombJson, tenStoredCombs);

    [Benchmark(Description = "300 m circle of another agency against ten stored combs")]
    public object? CircleAgainstTenCombs() => DryRun(circleJson, tenStoredCombs);

    [Benchmark(Description = "16-gon of another agency against ten stored combs")]
    public object? SixteenGonAgainstTenCombs() => DryRun(sixteenGonJson, tenStoredCombs);

    [Benchmark(Description = "circle at the pole (refused)")]
    public object? Pole() => DryRun(poleJson, storedComb);

    [Benchmark(Description = "two squares 60 degrees apart (refused)")]
    public object? FarApart() => DryRun(farApartJson, storedComb);

    [Benchmark(Description = "across the antimeridian (refused)")]
    public object? Antimeridian() => DryRun(antimeridianJson, storedComb);

    [Benchmark(Description = "48,000-vertex comb (refused)")]
    public object? OverLimitComb() => DryRun(overLimitCombJson, storedComb);

    private object? DryRun(string json, RequestHistory history) =>
        RequestJson.Parse(json, policy.Limits).Value is { } request
            ? Gatekeeper.Evaluate(policy, request, history, new EvaluationOptions { Cancellation = deadline.Token })
            : null;

    private static string Json(FootageRequest request) => RequestJsonWriter.ToJson(request);

    private static FootageRequest Request(string id, Geometry area, DateTimeOffset submitted) => new()
    {
        Id = id,
        Agency = "rochester-mn-pd",
        Requester = "badge-1",
        CaseNumber = "RPD-2026-01234",
        IncidentType = "burglary",
        Description = "Residential burglary, suspect fled on foot",
        SubmittedAt = submitted,
        Window = new TimeWindow(submitted.AddHours(-9), submitted.AddHours(-6)),
        Area = RequestArea.FromGeometry(area),
    };
}
