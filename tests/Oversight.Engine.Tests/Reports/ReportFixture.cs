using Oversight.Gate;
using Oversight.Policies;
using Oversight.Reports;
using Oversight.Requests;
using Oversight.Tests.Support;

namespace Oversight.Tests.Reports;

/// <summary>A small, hand-built quarter whose every number is known: 12 requests in 2026Q3 and 4 in 2026Q2.</summary>
internal static class ReportFixture
{
    public static readonly DateTimeOffset GeneratedAt = new(2026, 10, 2, 9, 0, 0, TimeSpan.Zero);

    public const string Secret = "SECRET";

    public static Policy Policy { get; } = TestPolicies.Load("""
        policy: town
        version: "7"
        title: Town of Example
        timeZone: America/Chicago
        rules:
          - { id: area-limit, kind: max-area, limit: 0.5 sq mi }
          - { id: window-limit, kind: max-window, limit: 12h }
        reporting:
          suppressBelow: 5
        """);

    public static ReportingPeriod Q3 { get; } = Period("2026Q3");

    public static ReportingPeriod Period(string name)
    {
        Assert.True(ReportingPeriod.TryParse(name, Policy.TimeZone, out var period, out var error), error);
        return period;
    }

    /// <summary>
    /// Q3: agency "north-pd" 7 allowed + 2 denied (area-limit, one also window-limit); agency
    /// "south-so" 2 allowed + 1 review. Q2: 4 allowed. Areas 0.1 × 10, 0.8 × 2; windows 2 h × 11, 20 h × 1.
    /// </summary>
    public static List<ReportRequest> Requests()
    {
        var rows = new List<ReportRequest>();
        var july = new DateTimeOffset(2026, 7, 6, 15, 0, 0, TimeSpan.Zero); // a Monday, 10:00 in Chicago
        for (var i = 0; i < 7; i++)
        {
            rows.Add(Row($"north-{i}", "north-pd", july.AddDays(i), DecisionOutcome.Allow, area: 0.1, window: 2, caseNumber: i < 6 ? $"CASE-{Secret}-{i}" : null));
        }

        rows.Add(Row("north-7", "north-pd", july.AddDays(14), DecisionOutcome.Deny, area: 0.8, window: 2, violated: ["area-limit"]));
        rows.Add(Row("north-8", "north-pd", july.AddDays(15), DecisionOutcome.Deny, area: 0.8, window: 20, violated: ["area-limit", "window-limit"], basis: LegalBasis.Exigent));
        rows.Add(Row("south-0", "south-so", july.AddDays(30), DecisionOutcome.Allow, area: 0.1, window: 2, basis: LegalBasis.Warrant));
        rows.Add(Row("south-1", "south-so", july.AddDays(31), DecisionOutcome.Allow, area: 0.1, window: 2, basis: LegalBasis.Warrant));
        rows.Add(Row("south-2", "south-so", july.AddDays(32), DecisionOutcome.Review, area: 0.1, window: 2));
        for (var i = 0; i < 4; i++)
        {
            rows.Add(Row($"old-{i}", "north-pd", new DateTimeOffset(2026, 5, 1 + i, 12, 0, 0, TimeSpan.Zero), DecisionOutcome.Allow, area: 0.1, window: 2));
        }

        return rows;
    }

    public static List<ReportFinding> Findings() =>
    [
        new("f-1", "track", "high", "north-pd", "4 requests by north-pd between 01:10 and 04:40 follow a 2.3 km path", new DateTimeOffset(2026, 7, 6, 15, 0, 0, TimeSpan.Zero), ["north-0", "north-1", "north-2", "north-3"]),
        new("f-0", "split-area", "low", "south-so", "2 requests by south-so within 24 h cover 0.6 sq mi together", new DateTimeOffset(2026, 8, 5, 15, 0, 0, TimeSpan.Zero), ["south-0", "south-1"]),
        new("f-old", "track", "high", "north-pd", "from the previous quarter", new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero), ["old-0"]),
    ];

    public static TransparencyReport Build(bool isInternal = false, ReportGeography? geography = null) =>
        ReportBuilder.Build(new ReportInput(Policy, Requests(), Findings(), Q3, new string('a', 64), GeneratedAt, isInternal, geography));

    public static ReportGeography Geography() =>
        GeographyFile.Load(Path.Combine(AppContext.BaseDirectory, "samples", "olmsted-tracts-2020.geojson"), out _)!;

    private static ReportRequest Row(string id, string agency, DateTimeOffset submitted, DecisionOutcome outcome, double area, double window, IReadOnlyList<string>? violated = null, string? caseNumber = "CASE-" + Secret, LegalBasis basis = LegalBasis.Consent) =>
        new($"REQ-{Secret}-{id}", agency, $"badge-{Secret}", caseNumber, basis, submitted, window, area, -92.466, 44.022, outcome, violated ?? [], "town", "7", new string('b', 64));
}
