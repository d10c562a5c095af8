using Oversight.Policies;
using Oversight.Tests.Support;

namespace Oversight.Tests.Policies;

public sealed class PolicyLoaderTests
{
    private const string Minimal = """
        policy: test
        version: "1"
        rules:
          - { id: area-limit, kind: max-area, limit: 0.5 sq mi }
        """;

    private static IReadOnlyList<PolicyProblem> Problems(string yaml)
    {
        var result = TestPolicies.TryLoad(yaml);
        Assert.False(result.Succeeded, "expected the policy to be refused");
        return result.Problems;
    }

    [Fact]
    public void LoadFile_ShippedPolicies_AreValid()
    {
        var rochester = TestPolicies.Shipped("rochester-mn.yaml");
        Assert.Equal("rochester-mn", rochester.Id);
        Assert.Equal("2026.3", rochester.Version);
        Assert.Equal("America/Chicago", rochester.TimeZone.Id);
        Assert.Equal(14, rochester.Rules.Select(r => r.Kind).Distinct().Count());
        var strict = TestPolicies.Shipped("ccops-strict.yaml");
        Assert.Contains(strict.Rules, r => r.Action == RuleAction.Warn);
        Assert.Equal(10, strict.Reporting.SuppressBelow);
    }

    [Fact]
    public void Load_DefaultsWhenOptionalSectionsAreAbsent()
    {
        var policy = TestPolicies.Load(Minimal);
        Assert.Equal(TimeZoneInfo.Utc, policy.TimeZone);
        Assert.Equal(RuleAction.Deny, policy.Rules[0].Action);
        Assert.Equal(5, policy.Reporting.SuppressBelow);
        Assert.Equal(24, policy.Detection.SplitWithinHours);
        Assert.Equal(3.5, policy.Detection.RateZScore);
    }

    [Fact]
    public void Load_AgencyNames_AreUsedForReportsAndBadOnesNamed()
    {
        var policy = TestPolicies.Load(Minimal + "\nagencies:\n  north-pd: North Police Department\n");
        Assert.Equal("North Police Department", policy.AgencyName("north-pd"));
        Assert.Equal("south-so", policy.AgencyName("south-so"));
        var problem = Assert.Single(Problems(Minimal + "\nagencies:\n  north-pd: [a, b]\n"));
        Assert.Equal((6, 13), (problem.Line, problem.Column));
        Assert.Contains("the name of agency 'north-pd' must be a non-empty text value", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownTopLevelKey_NamesLineAndColumn()
    {
        var problem = Assert.Single(Problems(Minimal + "\nowner: council\n"));
        Assert.Equal((5, 1), (problem.Line, problem.Column));
        Assert.Contains("unknown key 'owner'", problem.Message, StringComparison.Ordinal);
        Assert.Equal("test.yaml:5:1: " + problem.Message, problem.ToString());
    }

    [Fact]
    public void Load_EveryProblemAtOnce_WithPositions()
    {
        var problems = Problems("""
            policy: Test Policy
            version: "1"
            timeZone: Mars/Olympus
            rules:
              - { id: a, kind: max-area, limit: 0.5 sq furlongs }
              - { id: b, kind: max-windows, limit: 12h }
              - { id: c, kind: max-window, limit: -3h }
              - { id: a, kind: min-window, limit: 15m }
              - { id: d, kind: max-requests, per: officer, limit: 5, period: 7d }
              - { id: e, kind: required, field: badge }
              - { id: f, kind: max-area, limit: 1 sq mi, period: 7d }
              - { id: g, kind: min-length, field: description }
            exemptions:
              - { id: w, when: { legalBasis: subpoena }, waive: [a, zz] }
            """);
        string[] expected =
        [
            "1:9 policy id 'Test Policy'",
            "3:11 unknown time zone 'Mars/Olympus'",
            "5:37 unknown area unit 'sq furlongs'",
            "6:20 unknown rule kind 'max-windows'",
            "7:39 negative",
            "8:5 rule id 'a' is already used on line 5",
            "9:39 unknown per 'officer'",
            "10:37 unknown request field 'badge'",
            "11:46 unknown key 'period' in a max-area rule",
            "12:5 needs 'limit'",
            "14:34 'subpoena' is not a legalBasis",
            "14:53 waive names rule 'zz'",
        ];
        foreach (var entry in expected)
        {
            var position = entry[..entry.IndexOf(' ', StringComparison.Ordinal)];
            var fragment = entry[(position.Length + 1)..];
            Assert.Contains(problems, p => $"{p.Line}:{p.Column}" == position && p.Message.Contains(fragment, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Load_MissingRequiredKeys_AreErrors()
    {
        var problems = Problems("title: nothing else\n");
        Assert.Contains(problems, p => p.Message.Contains("missing key 'policy'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Message.Contains("missing key 'version'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Message.Contains("missing key 'rules'", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_InvalidYaml_NamesWhere()
    {
        var problem = Assert.Single(Problems("policy: test\nrules: [ { id: a\n"));
        Assert.Contains("not valid YAML", problem.Message, StringComparison.Ordinal);
        Assert.True(problem.Line >= 2);
    }

    [Fact]
    public void Load_BoundaryFileMissing_IsAnError()
    {
        var problems = Problems(Minimal + "\n  - { id: inside, kind: within-boundary, boundary: boundaries/nowhere.geojson }\n");
        Assert.Contains(problems, p => p.Message.Contains("boundary file 'boundaries/nowhere.geojson' is not in the policy folder", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_UnknownDetectionKey_IsAnError()
    {
        var problems = Problems(Minimal + "\ndetection:\n  track: { minLinks: 3, maxHops: 4 }\n");
        Assert.Contains(problems, p => p.Message.Contains("unknown key 'maxHops' in detection.track", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_ExemptionDoingNothing_IsAnError()
    {
        var problems = Problems(Minimal + "\nexemptions:\n  - { id: x, when: { legalBasis: warrant } }\n");
        Assert.Contains(problems, p => p.Message.Contains("exemption does nothing", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_FloorAboveCeiling_IsAWarningNotAnError()
    {
        var result = TestPolicies.TryLoad(Minimal + "\n  - { id: floor, kind: min-area, limit: 1 sq mi }\n");
        Assert.True(result.Succeeded);
        Assert.Contains(result.Warnings, w => w.Message.Contains("floor above the ceiling", StringComparison.Ordinal));
    }

    [Fact]
    public void Sha256_IgnoresCommentsLayoutAndKeyOrder()
    {
        var reformatted = """
            # a comment
            rules:
              - kind: max-area
                limit: "0.5 sq mi"
                id: area-limit
            version: '1'
            policy: test
            """;
        Assert.Equal(TestPolicies.Load(Minimal).Sha256, TestPolicies.Load(reformatted).Sha256);
    }

    [Fact]
    public void Sha256_ChangesWhenALimitChanges()
    {
        var changed = Minimal.Replace("0.5 sq mi", "0.6 sq mi", StringComparison.Ordinal);
        Assert.NotEqual(TestPolicies.Load(Minimal).Sha256, TestPolicies.Load(changed).Sha256);
    }
}
