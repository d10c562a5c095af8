using Oversight.Gate;
using Oversight.History;
using Oversight.Policies;
using Oversight.Requests;

namespace Oversight.Simulation;

/// <summary>
/// Replays one history under two policies, each with its own quota state: a request the
/// candidate denies uses none of the candidate's quota, so later decisions can change in either
/// direction.
/// </summary>
public static class Simulator
{
    /// <param name="baseline">The policy in force.</param>
    /// <param name="candidate">The policy proposed.</param>
    /// <param name="ordered">The history, already in order (see <see cref="Replay.InOrder"/>).</param>
    /// <param name="progress">Called with the number of requests done, every 10,000.</param>
    /// <param name="countFrom">Requests submitted before this are gated (they fill the quotas) but not counted in the result.</param>
    public static SimulationResult Run(Policy baseline, Policy candidate, IReadOnlyList<FootageRequest> ordered, Action<int>? progress = null, DateTimeOffset? countFrom = null)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(ordered);
        var baselineHistory = new RequestHistory();
        var candidateHistory = new RequestHistory();
        var tally = new Tally(baseline, candidate);
        for (var i = 0; i < ordered.Count; i++)
        {
            var request = ordered[i];
            var before = Gatekeeper.Evaluate(baseline, request, baselineHistory);
            var after = Gatekeeper.Evaluate(candidate, request, candidateHistory);
            if (before.Counts)
            {
                baselineHistory.Add(request);
            }

            if (after.Counts)
            {
                candidateHistory.Add(request);
            }

            if (countFrom is not { } from || request.SubmittedAt >= from)
            {
                tally.Add(before, after);
            }

            if ((i + 1) % 10_000 == 0)
            {
                progress?.Invoke(i + 1);
            }
        }

        return tally.Result();
    }

    /// <summary>Ids of rules whose outcome differs between the two decisions (absent rules count as passing).</summary>
    internal static List<string> Differing(Decision before, Decision after) => Differing(before.Rules, before.Exemptions, after.Rules, after.Exemptions);

    /// <summary>Ids of rules whose outcome differs between two sets of results (absent rules count as passing), and of exemptions whose action applies to one only.</summary>
    internal static List<string> Differing(IReadOnlyList<RuleResult> before, IReadOnlyList<Exemption> exemptedBefore, IReadOnlyList<RuleResult> after, IReadOnlyList<Exemption> exemptedAfter)
    {
        var outcomes = new Dictionary<string, (RuleOutcome Before, RuleOutcome After)>(StringComparer.Ordinal);
        foreach (var r in before)
        {
            outcomes[r.Rule.Id] = (r.Outcome, RuleOutcome.Pass);
        }

        foreach (var r in after)
        {
            outcomes[r.Rule.Id] = (outcomes.TryGetValue(r.Rule.Id, out var o) ? o.Before : RuleOutcome.Pass, r.Outcome);
        }

        var differing = outcomes.Where(p => p.Value.Before != p.Value.After).Select(p => p.Key).ToList();
        var exemptionsBefore = exemptedBefore.Where(e => e.Action is not null).Select(e => e.Id);
        var exemptionsAfter = exemptedAfter.Where(e => e.Action is not null).Select(e => e.Id);
        differing.AddRange(exemptionsBefore.Except(exemptionsAfter).Concat(exemptionsAfter.Except(exemptionsBefore)).Select(id => "exemption:" + id));
        return differing;
    }

    /// <summary>One record's two judgements, as the tally needs them.</summary>
    internal readonly record struct Judged(string Id, string Agency, DateTimeOffset At, DecisionOutcome Outcome, IReadOnlyList<RuleResult> Rules, IReadOnlyList<Exemption> Exemptions);

    /// <summary>Counts two judgements of each record: by decision, by rule, by agency, and every change.</summary>
    internal sealed class Tally(Policy baseline, Policy candidate)
    {
        private readonly int[] before = new int[3];
        private readonly int[] after = new int[3];
        private readonly List<ChangedDecision> changed = [];
        private readonly Dictionary<string, (int Before, int After, int Changed)> rules = new(StringComparer.Ordinal);
        private readonly Dictionary<string, (int[] Before, int[] After, int Changed)> agencies = new(StringComparer.Ordinal);

        public void Add(Decision b, Decision a) =>
            Add(new Judged(b.RequestId, b.Request.Agency, b.Request.SubmittedAt, b.Outcome, b.Rules, b.Exemptions), new Judged(a.RequestId, a.Request.Agency, a.Request.SubmittedAt, a.Outcome, a.Rules, a.Exemptions));

        public void Add(Judged b, Judged a)
        {
            before[(int)b.Outcome]++;
            after[(int)a.Outcome]++;
            foreach (var r in b.Rules)
            {
                if (r.Outcome == RuleOutcome.Violated)
                {
                    var t = rules.GetValueOrDefault(r.Rule.Id);
                    rules[r.Rule.Id] = t with { Before = t.Before + 1 };
                }
            }

            foreach (var r in a.Rules)
            {
                if (r.Outcome == RuleOutcome.Violated)
                {
                    var t = rules.GetValueOrDefault(r.Rule.Id);
                    rules[r.Rule.Id] = t with { After = t.After + 1 };
                }
            }

            if (!agencies.TryGetValue(b.Agency, out var agency))
            {
                agency = (new int[3], new int[3], 0);
            }

            agency.Before[(int)b.Outcome]++;
            agency.After[(int)a.Outcome]++;
            if (b.Outcome != a.Outcome)
            {
                var differing = Differing(b.Rules, b.Exemptions, a.Rules, a.Exemptions);
                changed.Add(new ChangedDecision(b.Id, b.Agency, b.At, b.Outcome, a.Outcome, differing));
                foreach (var id in differing)
                {
                    var t = rules.GetValueOrDefault(id);
                    rules[id] = t with { Changed = t.Changed + 1 };
                }

                agency.Changed++;
            }

            agencies[b.Agency] = agency;
        }

        public SimulationResult Result()
        {
            var baselineRules = baseline.Rules.ToDictionary(r => r.Id, StringComparer.Ordinal);
            var candidateRules = candidate.Rules.ToDictionary(r => r.Id, StringComparer.Ordinal);
            var ids = baseline.Rules.Select(r => r.Id).Concat(candidate.Rules.Select(r => r.Id)).Distinct(StringComparer.Ordinal);
            var byRule = ids.Select(id =>
            {
                var rule = candidateRules.GetValueOrDefault(id) ?? baselineRules[id];
                var t = rules.GetValueOrDefault(id);
                return new RuleEffect(
                    id,
                    rule.Kind,
                    rule.Action.Name(),
                    baselineRules.ContainsKey(id) ? t.Before : null,
                    candidateRules.ContainsKey(id) ? t.After : null,
                    t.Changed);
            }).ToList();
            byRule.AddRange(rules.Keys.Where(k => k.StartsWith("exemption:", StringComparison.Ordinal))
                .Select(k => new RuleEffect(k, "exemption", "review", null, null, rules[k].Changed)));
            var byAgency = agencies.OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => new AgencyEffect(p.Key, Counts(p.Value.Before), Counts(p.Value.After), p.Value.Changed))
                .ToList();
            return new SimulationResult(Identity(baseline), Identity(candidate), Counts(before), Counts(after), changed, byRule, byAgency);
        }

        private static DecisionCounts Counts(int[] c) => new(c[0], c[1], c[2]);

        private static PolicyIdentity Identity(Policy p) => new(p.Id, p.Version, p.Sha256);
    }
}
