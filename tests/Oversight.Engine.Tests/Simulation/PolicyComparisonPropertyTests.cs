using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Oversight.Gate;
using Oversight.History;
using Oversight.Policies;
using Oversight.Requests;
using Oversight.Simulation;
using Oversight.Tests.Support;

namespace Oversight.Tests.Simulation;

/// <summary>
/// <c>policy compare</c> on random pairs of related policies: the verdict is antisymmetric, and a
/// claim that B is tighter, looser or equal holds on every one of many random requests (and, for
/// "equal", on random histories).
/// </summary>
public sealed class PolicyComparisonPropertyTests
{
    /// <summary>Two policies as YAML, the second derived from the first by random edits (or drawn afresh).</summary>
    public sealed record PolicyPair(int Seed, string A, string B)
    {
        public override string ToString() => $"seed {Seed}\n--- A ---\n{A}\n--- B ---\n{B}";
    }

    public static class Pairs
    {
        public static Arbitrary<PolicyPair> Static() => Gen.Choose(0, int.MaxValue).Select(seed => PolicyGenerator.Pair(seed, counting: false)).ToArbitrary();
    }

    public static class PairsWithCounting
    {
        public static Arbitrary<PolicyPair> Counting() => Gen.Choose(0, int.MaxValue).Select(seed => PolicyGenerator.Pair(seed, counting: true)).ToArbitrary();
    }

    private static Policy Load(string yaml)
    {
        var result = PolicyLoader.Load(yaml, "generated.yaml", TestPolicies.Folder);
        Assert.True(result.Succeeded, yaml + "\n" + string.Join("\n", result.Problems));
        return result.Policy!;
    }

    private static Verdict Mirror(Verdict verdict) => verdict switch
    {
        Verdict.Tighter => Verdict.Looser,
        Verdict.Looser => Verdict.Tighter,
        _ => verdict,
    };

    private static Strictness Mirror(Strictness strictness) => strictness switch
    {
        Strictness.Tighter => Strictness.Looser,
        Strictness.Looser => Strictness.Tighter,
        _ => strictness,
    };

    private static int Rank(DecisionOutcome outcome) => (int)outcome;

    [Property(Arbitrary = [typeof(Pairs)], MaxTest = 300)]
    public void Compare_SwappedPolicies_GivesTheMirroredVerdictAndLines(PolicyPair pair)
    {
        var (a, b) = (Load(pair.A), Load(pair.B));
        var forward = PolicyComparison.Compare(a, b);
        var backward = PolicyComparison.Compare(b, a);

        Assert.True(Mirror(forward.Verdict) == backward.Verdict, $"A→B {forward.Verdict} ({forward.Explanation}) but B→A {backward.Verdict} ({backward.Explanation})\n{pair}");
        foreach (var line in forward.Rules)
        {
            var other = backward.Rules.Single(l => l.Id == line.Id && (l.Kind == "exemption") == (line.Kind == "exemption"));
            Assert.True(Mirror(line.Strictness) == other.Strictness, $"{line.Id}: A→B {line.Strictness} ({line.Reason}) but B→A {other.Strictness} ({other.Reason})\n{pair}");
        }
    }

    [Property(Arbitrary = [typeof(Pairs)], MaxTest = 300)]
    public void Compare_Claim_HoldsOnRandomRequests(PolicyPair pair)
    {
        var (a, b) = (Load(pair.A), Load(pair.B));
        var result = PolicyComparison.Compare(a, b);
        var random = new Random(pair.Seed);
        for (var i = 0; i < 400; i++)
        {
            var request = PolicyGenerator.Request(random);
            var da = Gatekeeper.Evaluate(a, request, new RequestHistory()).Outcome;
            var db = Gatekeeper.Evaluate(b, request, new RequestHistory()).Outcome;
            var holds = result.Verdict switch
            {
                Verdict.Equal => da == db,
                Verdict.Tighter => Rank(db) >= Rank(da),
                Verdict.Looser => Rank(db) <= Rank(da),
                _ => true,
            };
            Assert.True(holds, $"verdict {result.Verdict} ({result.Explanation}), but request {i} is {da} under A and {db} under B: {RequestJsonWriter.ToJson(request)}\n{pair}");
        }
    }

    [Property(Arbitrary = [typeof(PairsWithCounting)], MaxTest = 150)]
    public void Compare_WithCountingRules_AntisymmetricAndEqualMeansEqualReplays(PolicyPair pair)
    {
        var (a, b) = (Load(pair.A), Load(pair.B));
        var result = PolicyComparison.Compare(a, b);
        Assert.Equal(Mirror(result.Verdict), PolicyComparison.Compare(b, a).Verdict);
        if (a.Rules.Concat(b.Rules).Any(r => PolicyComparison.IsCounting(r) && r.Action != RuleAction.Warn))
        {
            Assert.True(result.Verdict is Verdict.Equal or Verdict.CannotTell, $"{result.Verdict} claimed over counting rules\n{pair}");
        }

        if (result.Verdict != Verdict.Equal)
        {
            return;
        }

        var random = new Random(pair.Seed);
        var history = Oversight.Gate.Replay.InOrder(Enumerable.Range(0, 150).Select(_ => PolicyGenerator.Request(random)));
        var underA = Oversight.Gate.Replay.Run(a, history, new RequestHistory()).Select(d => d.Outcome).ToList();
        var underB = Oversight.Gate.Replay.Run(b, history, new RequestHistory()).Select(d => d.Outcome).ToList();
        Assert.True(underA.SequenceEqual(underB), $"verdict equal, but the replays differ\n{pair}");
    }

    /// <summary>The generator reaches every verdict often, so that the properties above test claims rather than "cannot tell".</summary>
    [Fact]
    public void Generator_ReachesEveryVerdict()
    {
        var verdicts = Enumerable.Range(0, 400)
            .Select(seed => PolicyGenerator.Pair(seed, counting: false))
            .Select(pair => PolicyComparison.Compare(Load(pair.A), Load(pair.B)).Verdict)
            .CountBy(v => v)
            .ToDictionary();
        Assert.All(Enum.GetValues<Verdict>(), v => Assert.True(verdicts.GetValueOrDefault(v) >= 20, $"{v}: {verdicts.GetValueOrDefault(v)} of 400"));
    }

    [Fact]
    public void Compare_RuleNoValidRequestCanViolate_IsNoRule()
    {
        var everyBasis = TestPolicies.WithRules("- { id: r, kind: max-area, limit: 1 sq mi }\n- { id: basis, kind: allowed-values, field: legalBasis, values: [consent, warrant, exigent] }");
        var without = TestPolicies.WithRules("- { id: r, kind: max-area, limit: 1 sq mi }");
        var requiredAgency = TestPolicies.WithRules("- { id: r, kind: max-area, limit: 1 sq mi }\n- { id: basis, kind: required, field: agency }");

        Assert.Equal(Verdict.Equal, PolicyComparison.Compare(everyBasis, without).Verdict);
        Assert.Equal(Verdict.Equal, PolicyComparison.Compare(without, everyBasis).Verdict);
        Assert.Equal(Verdict.Equal, PolicyComparison.Compare(everyBasis, requiredAgency).Verdict);
        Assert.Contains("no valid request can violate it", PolicyComparison.Compare(everyBasis, without).Rules.Single(l => l.Id == "basis").Reason, StringComparison.Ordinal);
    }
}

/// <summary>Random policies over the per-request and counting rule kinds, and random requests that exercise them.</summary>
internal static class PolicyGenerator
{
    private static readonly string[] Ids = ["r1", "r2", "r3", "r4", "r5", "r6", "r7"];
    private static readonly string[] Bases = ["consent", "warrant", "exigent"];
    private static readonly string[] Incidents = ["burglary", "robbery", "assault"];
    private static readonly string[] Terms = ["protest", "rally", "march"];

    private sealed record RuleSpec(string Id, string Kind, string Body, string Action)
    {
        public string Yaml => $"- {{ id: {Id}, kind: {Kind}{(Body.Length > 0 ? ", " + Body : string.Empty)}, action: {Action} }}";
    }

    private sealed record ExemptionSpec(string Id, string Basis, IReadOnlyList<string> Waive, string? Action);

    public static PolicyComparisonPropertyTests.PolicyPair Pair(int seed, bool counting)
    {
        var random = new Random(seed);
        var a = Policy(random, counting);
        var (rules, exemptions) = random.Next(6) == 0 ? Policy(random, counting) : Edit(random, a.Rules, a.Exemptions, counting);
        return new(seed, Yaml("a", a.Rules, a.Exemptions), Yaml("b", rules, exemptions));
    }

    public static FootageRequest Request(Random random)
    {
        var submitted = new DateTimeOffset(2026, 8, 1, 12, 0, 0, TimeSpan.Zero).AddMinutes(random.Next(0, 60 * 24 * 20));
        var lookbackHours = Pick(random, [0.5, 5, 30, 100, 200, 400, 800]);
        var hours = Pick(random, [0.05, 0.2, 0.5, 1, 3, 5, 13, 30]);
        var start = submitted.AddHours(-lookbackHours);
        var end = random.Next(8) == 0 ? submitted.AddHours(random.Next(1, 5)) : start.AddHours(Math.Min(hours, lookbackHours));
        if (end <= start)
        {
            end = start.AddMinutes(30);
        }

        var description = Pick(random, [
            null, "x", "Burglary at a home", "Residential burglary, suspect fled on foot northbound on 3rd Ave SE",
            "Window smashed during the rally downtown, suspect unknown", "Vandalism after a protest march on Broadway, two suspects",
            "Rallying point for a burglary crew near the river trail"]);
        return RequestBuilder.At(submitted)
            .Agency(Pick(random, ["rochester-mn-pd", "olmsted-county-so"])!)
            .Requester(Pick(random, ["b-1", "b-2", "b-3"])!)
            .Case(random.Next(4) == 0 ? null : $"C-{random.Next(5)}")
            .Incident(random.Next(5) == 0 ? null : Pick(random, [.. Incidents, "theft"]))
            .Description(description)
            .Basis(Pick(random, [LegalBasis.Consent, LegalBasis.Consent, LegalBasis.Warrant, LegalBasis.Exigent]))
            .Window(start, end)
            .Circle(44.02 + (random.NextDouble() * 0.01), -92.47 + (random.NextDouble() * 0.01), Pick(random, [15.0, 60, 150, 300, 450, 700, 1100, 1800]))
            .Build();
    }

    private static (List<RuleSpec> Rules, List<ExemptionSpec> Exemptions) Policy(Random random, bool counting)
    {
        var rules = Ids.Where(_ => random.Next(5) > 0).Select(id => Rule(random, id, counting)).ToList();
        var exemptions = new List<ExemptionSpec>();
        foreach (var id in new[] { "e1", "e2" }.Where(_ => random.Next(2) == 0))
        {
            exemptions.Add(Exemption(random, id, rules));
        }

        return (rules, exemptions);
    }

    private static (List<RuleSpec>, List<ExemptionSpec>) Edit(Random random, List<RuleSpec> rules, List<ExemptionSpec> exemptions, bool counting)
    {
        var edited = new List<RuleSpec>();
        foreach (var rule in rules)
        {
            switch (random.Next(10))
            {
                case 0:
                    continue;
                case 1 or 2:
                    edited.Add(Reparam(random, rule, counting));
                    break;
                case 3:
                    edited.Add(rule with { Action = Action(random) });
                    break;
                case 4:
                    edited.Add(Rule(random, rule.Id, counting));
                    break;
                default:
                    edited.Add(rule);
                    break;
            }
        }

        foreach (var id in Ids.Where(id => edited.All(r => r.Id != id) && random.Next(8) == 0))
        {
            edited.Add(Rule(random, id, counting));
        }

        var editedExemptions = exemptions
            .Where(_ => random.Next(6) > 0)
            .Select(e => random.Next(3) == 0 ? Exemption(random, e.Id, edited) with { Basis = e.Basis } : e with { Waive = [.. e.Waive.Where(w => edited.Any(r => r.Id == w))] })
            .Where(e => e.Waive.Count > 0 || e.Action is not null)
            .ToList();
        if (random.Next(6) == 0 && editedExemptions.All(e => e.Id != "e2"))
        {
            editedExemptions.Add(Exemption(random, "e2", edited));
        }

        return (edited, editedExemptions);
    }

    /// <summary>The same rule with new parameters of the same kind.</summary>
    private static RuleSpec Reparam(Random random, RuleSpec rule, bool counting)
    {
        for (var i = 0; i < 20; i++)
        {
            var other = Rule(random, rule.Id, counting);
            if (other.Kind == rule.Kind)
            {
                return other with { Action = rule.Action };
            }
        }

        return rule;
    }

    private static RuleSpec Rule(Random random, string id, bool counting)
    {
        var kinds = counting ? 12 : 10;
        var (kind, body) = random.Next(kinds) switch
        {
            0 => ("max-area", $"limit: {Pick(random, ["0.1", "0.25", "0.5", "1"])} sq mi"),
            1 => ("min-area", $"limit: {Pick(random, ["0", "0.005", "0.025", "0.05"])} sq mi"),
            2 => ("max-window", $"limit: {Pick(random, ["2h", "4h", "12h", "1d"])}"),
            3 => ("min-window", $"limit: {Pick(random, ["0m", "15m", "30m", "1h"])}"),
            4 => ("max-lookback", $"limit: {Pick(random, ["1d", "7d", "14d", "30d"])}"),
            5 => ("no-future-window", string.Empty),
            6 => ("required", $"field: {Pick(random, ["caseNumber", "incidentType", "agency", "legalBasis", "description"])}"),
            7 => ("min-length", $"field: {Pick(random, ["description", "legalBasis", "caseNumber"])}, limit: {Pick(random, ["0", "3", "7", "8", "20", "40"])}"),
            8 => random.Next(2) == 0
                ? ("allowed-values", $"field: legalBasis, values: [{string.Join(", ", Subset(random, Bases))}]")
                : ("allowed-values", $"field: incidentType, values: [{string.Join(", ", Subset(random, Incidents))}]"),
            9 => ("forbidden-terms", $"field: description, terms: [{string.Join(", ", Subset(random, Terms))}]"),
            10 => ("max-requests", $"per: {Pick(random, ["agency", "requester", "case"])}, limit: {random.Next(1, 4)}, period: {Pick(random, ["1d", "7d"])}"),
            _ => ("max-total-window", $"per: case, limit: {Pick(random, ["6h", "12h"])}, period: 7d"),
        };
        return new RuleSpec(id, kind, body, Action(random));
    }

    private static string Action(Random random) => Pick(random, ["deny", "deny", "review", "warn"])!;

    private static ExemptionSpec Exemption(Random random, string id, List<RuleSpec> rules)
    {
        var waive = rules.Where(_ => random.Next(3) == 0).Select(r => r.Id).ToList();
        var action = Pick(random, [null, null, "review", "deny"]);
        if (waive.Count == 0 && action is null)
        {
            action = "review";
        }

        return new ExemptionSpec(id, Pick(random, ["warrant", "exigent"])!, waive, action);
    }

    private static string Yaml(string id, List<RuleSpec> rules, List<ExemptionSpec> exemptions)
    {
        var lines = new List<string> { $"policy: {id}", "version: \"1\"", rules.Count == 0 ? "rules: []" : "rules:" };
        lines.AddRange(rules.Select(r => "  " + r.Yaml));
        var valid = exemptions.Select(e => e with { Waive = [.. e.Waive.Where(w => rules.Any(r => r.Id == w))] }).Where(e => e.Waive.Count > 0 || e.Action is not null).ToList();
        if (valid.Count > 0)
        {
            lines.Add("exemptions:");
            lines.AddRange(valid.Select(e =>
                $"  - {{ id: {e.Id}, when: {{ legalBasis: {e.Basis} }}" +
                (e.Waive.Count > 0 ? $", waive: [{string.Join(", ", e.Waive)}]" : string.Empty) +
                (e.Action is { } action ? $", action: {action}" : string.Empty) + " }"));
        }

        return string.Join('\n', lines) + "\n";
    }

    private static List<string> Subset(Random random, string[] from)
    {
        var subset = from.Where(_ => random.Next(3) > 0).ToList();
        return subset.Count > 0 ? subset : [from[random.Next(from.Length)]];
    }

    private static T Pick<T>(Random random, T[] from) => from[random.Next(from.Length)];
}
