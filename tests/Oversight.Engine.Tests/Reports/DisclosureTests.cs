using Oversight.Gate;
using Oversight.History;
using Oversight.Policies;
using Oversight.Reports;
using Oversight.Reports.Disclosure;
using Oversight.Requests;
using Oversight.Tests.Support;

namespace Oversight.Tests.Reports;

/// <summary>The intruder's integer program over published reports: no withheld count may be pinned to one value.</summary>
public sealed class DisclosureTests
{
    private static readonly Policy Strict = TestPolicies.Load("""
        policy: town
        version: "7"
        title: Town of Example
        timeZone: America/Chicago
        rules:
          - { id: area-limit, kind: max-area, limit: 0.5 sq mi }
          - { id: area-floor, kind: min-area, limit: 0.025 sq mi }
          - { id: window-limit, kind: max-window, limit: 12h }
          - { id: case-number, kind: required, field: caseNumber }
        reporting:
          suppressBelow: 5
        """);

    private static void AssertNothingPinned(TransparencyReport report, Policy policy)
    {
        var bounds = Intruder.Attack(report, policy);
        var pinned = bounds.Where(b => b.Min == b.Max).Select(b => $"{b.Where} = {b.Min}").ToList();
        Assert.True(pinned.Count == 0, "pinned: " + string.Join(", ", pinned));
    }

    [Fact]
    public void Intruder_BusySampleQuarter_PinsNoWithheldCount()
    {
        var policy = PolicyLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "policies", "rochester-mn.yaml")).Policy!;
        var requests = RequestFile.Read("history.jsonl", new StreamReader(Path.Combine(AppContext.BaseDirectory, "samples", "history.jsonl")))
            .Select(r => r.Result.Value!).ToList();
        var rows = Replay.Run(policy, Replay.InOrder(requests), new RequestHistory()).Select(ReportRequest.From).ToList();
        var report = ReportBuilder.Build(new ReportInput(policy, rows, [], ReportFixture.Period("2026Q3"), new string('a', 64), ReportFixture.GeneratedAt, Geography: ReportFixture.Geography()));

        Assert.Equal(ReportMode.Full, report.Cover.Mode);
        Assert.True(report.Disclosure.Small > 10, $"{report.Disclosure.Small} small counts");
        Assert.True(report.Disclosure.Withheld > 0);
        AssertNothingPinned(report, policy);
    }

    [Fact]
    public void Intruder_SparseMonth_PinsNoWithheldCount()
    {
        var report = Build(Scenario(seed: 3, count: 14, days: 30), "2026-08");
        Assert.Equal(ReportMode.Full, report.Cover.Mode);
        AssertNothingPinned(report, Strict);
    }

    [Fact]
    public void Intruder_ThreeRequestQuarter_FindsOnlyTheBand()
    {
        var report = Build(Scenario(seed: 4, count: 3, days: 50), "2026Q3");
        Assert.Equal(ReportMode.Band, report.Cover.Mode);
        Assert.Equal("<5", report.Summary.Submitted.Text);
        Assert.Empty(report.Weekly);
        Assert.Empty(report.ByAgency);
        Assert.Null(report.Areas);
        Assert.All(report.Policies, p => Assert.Null(p.FirstUsed));
        Assert.Empty(Intruder.Attack(report, Strict));
    }

    [Fact]
    public void Intruder_OneRequestMonth_PublishesNeitherAgencyPlaceNorTime()
    {
        var rows = Scenario(seed: 5, count: 1, days: 20);
        var report = Build(rows, "2026-08");
        Assert.Equal(ReportMode.Band, report.Cover.Mode);
        Assert.Empty(Intruder.Attack(report, Strict));
        var text = string.Join("\n", report.Highlights) + Oversight.Reports.Html.ReportHtml.Render(report);
        Assert.DoesNotContain(rows[0].Agency, text, StringComparison.Ordinal);
        Assert.DoesNotContain(rows[0].SubmittedAt.ToString("MMM d,", System.Globalization.CultureInfo.InvariantCulture), text, StringComparison.Ordinal);
        Assert.Null(report.Geography);
    }

    [Theory]
    [InlineData(11, 6)]
    [InlineData(12, 9)]
    [InlineData(13, 17)]
    [InlineData(14, 25)]
    [InlineData(15, 40)]
    [InlineData(16, 70)]
    public void Intruder_RandomSmallPeriods_PinNoWithheldCount(int seed, int count)
    {
        var report = Build(Scenario(seed, count, days: 28), "2026-08");
        AssertNothingPinned(report, Strict);
    }

    [Fact]
    public void Intruder_FindingsThatCountEveryRequestOfEachAgency_LeaveNothingPinned()
    {
        // A place watched 24 times by one agency and a 4-request track by another: the findings'
        // sizes with "<5" would give the small agency's count away, so small counts go unmarked.
        var t0 = new DateTimeOffset(2026, 8, 1, 12, 0, 0, TimeSpan.Zero);
        var rows = Enumerable.Range(0, 24).Select(i => Row($"o{i}", "county-so", t0.AddHours(12 * i), 0.048))
            .Concat(Enumerable.Range(0, 4).Select(i => Row($"t{i}", "city-pd", t0, 0.012)))
            .ToList();
        List<ReportFinding> findings =
        [
            new("f-1", "track", "high", "city-pd", "4 requests by city-pd follow a path", t0, [.. rows.Where(r => r.Agency == "city-pd").Select(r => r.Id)]),
            new("f-2", "persistent-location", "high", "county-so", "one place on 12 days", t0, [.. rows.Where(r => r.Agency == "county-so").Select(r => r.Id)]),
        ];
        var report = ReportBuilder.Build(new ReportInput(Strict, rows, findings, ReportFixture.Period("2026Q3"), new string('a', 64), ReportFixture.GeneratedAt));

        Assert.Equal(ReportMode.Full, report.Cover.Mode);
        Assert.True(!report.Disclosure.SmallMarked || report.AgenciesWithheld);
        Assert.Equal(2, report.Findings.Count);
        AssertNothingPinned(report, Strict);
    }

    private static ReportRequest Row(string id, string agency, DateTimeOffset at, double area) =>
        new(id, agency, "b", "C-1", LegalBasis.Consent, at, 4, area, -92.46, 44.02, DecisionOutcome.Allow, [], "town", "7", new string('b', 64)) { IncidentType = "burglary" };

    [Fact]
    public void Protect_LoneSmallCellInARow_WithholdsAPartnerInItsRowAndColumn()
    {
        var problem = new DisclosureProblem(5);
        var total = problem.Add(40, isFixed: true);
        var a = problem.Add(20);
        var b = problem.Add(20);
        var a1 = problem.Add(17);
        var a2 = problem.Add(3);
        var b1 = problem.Add(12);
        var b2 = problem.Add(8);
        problem.Sum(total, [a, b]);
        problem.Sum(a, [a1, a2]);
        problem.Sum(b, [b1, b2]);
        var c1 = problem.Add(29);
        var c2 = problem.Add(11);
        problem.Sum(c1, [a1, b1]);
        problem.Sum(c2, [a2, b2]);
        problem.Sum(total, [c1, c2]);

        var states = Suppression.Protect(problem)!;

        Assert.Equal(CellState.Small, states[a2]);
        Assert.Equal([CellState.Withheld, CellState.Withheld, CellState.Withheld], new[] { states[a1], states[b1], states[b2] });
        Assert.Equal(CellState.Published, states[total]);
    }

    [Fact]
    public void Protect_TwoSmallCellsThatAddUpToTwo_AreNotLeftPinned()
    {
        // a + b = 2 with both from 1 to 4 gives a = b = 1: the pair must not stand alone.
        var problem = new DisclosureProblem(5);
        var total = problem.Add(12, isFixed: true);
        var row = problem.Add(2);
        var other = problem.Add(10);
        var a = problem.Add(1);
        var b = problem.Add(1);
        var c = problem.Add(6);
        var d = problem.Add(4);
        problem.Sum(total, [row, other]);
        problem.Sum(row, [a, b]);
        problem.Sum(other, [c, d]);

        var states = Suppression.Protect(problem)!;

        Assert.Equal(CellState.Small, states[a]);
        Assert.Equal(CellState.Small, states[row]);
        var audit = new Audit(problem, states, Suppression.RelationsOf(problem));
        Assert.Null(audit.FirstPinned(smallOnly: false));
    }

    private static TransparencyReport Build(List<ReportRequest> rows, string period) =>
        ReportBuilder.Build(new ReportInput(Strict, rows, [], ReportFixture.Period(period), new string('a', 64), ReportFixture.GeneratedAt, Geography: ReportFixture.Geography()));

    /// <summary>Requests spread over <paramref name="days"/> from Aug 1 2026, with outcomes consistent with <see cref="Strict"/>.</summary>
    private static List<ReportRequest> Scenario(int seed, int count, int days)
    {
        var random = new Random(seed);
        var geography = ReportFixture.Geography();
        string[] agencies = ["north-pd", "south-so", "state-patrol"];
        string[] incidents = ["theft", "burglary", "assault", "vandalism"];
        var rows = new List<ReportRequest>();
        for (var i = 0; i < count; i++)
        {
            var area = random.NextDouble() switch { < 0.1 => 0.01, < 0.8 => 0.05 + (random.NextDouble() * 0.4), _ => 0.55 + random.NextDouble() };
            var window = random.NextDouble() < 0.85 ? 1 + (random.NextDouble() * 10) : 13 + (random.NextDouble() * 10);
            var hasCase = random.NextDouble() < 0.85;
            var violated = new List<string>();
            if (area > 0.5)
            {
                violated.Add("area-limit");
            }

            if (area < 0.025)
            {
                violated.Add("area-floor");
            }

            if (window > 12)
            {
                violated.Add("window-limit");
            }

            if (!hasCase)
            {
                violated.Add("case-number");
            }

            var basis = random.NextDouble() switch { < 0.8 => LegalBasis.Consent, < 0.92 => LegalBasis.Warrant, _ => LegalBasis.Exigent };
            var outcome = violated.Count > 0 ? DecisionOutcome.Deny : basis == LegalBasis.Exigent ? DecisionOutcome.Review : DecisionOutcome.Allow;
            var tract = geography.Areas[random.Next(geography.Areas.Count)].Shape.InteriorPoint;
            var submitted = new DateTimeOffset(2026, 8, 1, 15, 0, 0, TimeSpan.Zero).AddMinutes(random.Next(days * 24 * 60));
            rows.Add(new ReportRequest(
                $"REQ-{seed}-{i}", agencies[random.Next(agencies.Length)], "badge-1", hasCase ? "C-1" : null, basis, submitted, window, area,
                tract.X, tract.Y, outcome, violated, "town", "7", new string('b', 64))
            {
                IncidentType = incidents[random.Next(incidents.Length)],
            });
        }

        return rows;
    }
}
