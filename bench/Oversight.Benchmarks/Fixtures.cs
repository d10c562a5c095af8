using NetTopologySuite.Geometries;
using Oversight.Geo;
using Oversight.Policies;
using Oversight.Requests;

namespace Oversight.Benchmarks;

/// <summary>Requests and policies the benchmarks share.</summary>
internal static class Fixtures
{
    public static readonly DateTimeOffset Submitted = new(2026, 8, 1, 14, 0, 0, TimeSpan.Zero);

    /// <summary>The per-request ("static") rules of rochester-mn: no history, no boundary.</summary>
    public const string StaticRulesYaml = """
        policy: static
        version: "1"
        rules:
          - { id: area-limit,    kind: max-area,   limit: 0.5 sq mi }
          - { id: area-floor,    kind: min-area,   limit: 0.025 sq mi }
          - { id: window-limit,  kind: max-window, limit: 12h }
          - { id: window-floor,  kind: min-window, limit: 15m }
          - { id: lookback,      kind: max-lookback, limit: 30d }
          - { id: no-future,     kind: no-future-window }
          - { id: case-number,   kind: required,   field: caseNumber }
          - { id: incident-type, kind: required,   field: incidentType }
          - { id: description,   kind: min-length, field: description, limit: 20 }
          - { id: basis,         kind: allowed-values, field: legalBasis, values: [consent, warrant, exigent] }
          - { id: no-protests,   kind: forbidden-terms, field: description, terms: [protest, demonstration, rally, march, vigil] }
        """;

    public static Policy LoadYaml(string yaml) =>
        PolicyLoader.Load(yaml, "bench.yaml", Path.Combine(AppContext.BaseDirectory, "policies")).Policy
        ?? throw new InvalidOperationException("benchmark policy is invalid");

    public static Policy Shipped(string name) =>
        PolicyLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "policies", name)).Policy
        ?? throw new InvalidOperationException($"{name} is invalid");

    /// <summary>
    /// A request whose area is a 16-vertex polygon of about 0.15 sq mi in downtown Rochester:
    /// convex (a regular 16-gon), or concave (a 16-point star) to exercise the general overlap test.
    /// </summary>
    public static FootageRequest SixteenVertexRequest(DateTimeOffset submitted, string caseNumber = "RPD-2026-01234", bool concave = false)
    {
        var ring = new Coordinate[17];
        for (var i = 0; i < 16; i++)
        {
            var radius = concave ? (i % 2 == 0 ? 380 : 330) : 355;
            var (lon, lat) = GeodesicMeasure.Destination(-92.4630, 44.0234, i * 22.5, radius);
            ring[i] = new Coordinate(lon, lat);
        }

        ring[16] = ring[0].Copy();
        return new FootageRequest
        {
            Id = "bench-1",
            Agency = "rochester-mn-pd",
            Requester = "badge-1001",
            CaseNumber = caseNumber,
            IncidentType = "burglary",
            Description = "Residential burglary, suspect fled on foot northbound on 3rd Ave SE",
            LegalBasis = LegalBasis.Consent,
            SubmittedAt = submitted,
            Window = new TimeWindow(submitted.AddHours(-13), submitted.AddHours(-9)),
            Area = RequestArea.FromGeometry(Geometries.Factory.CreatePolygon(ring)),
        };
    }
}
