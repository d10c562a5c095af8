using System.Text.Json;
using Oversight.Gate;
using Oversight.Policies;

namespace Oversight.Worker.Cli;

/// <summary>What <c>replay --summary</c> writes: decisions by outcome, by rule and by agency.</summary>
internal sealed class ReplayCounts(Policy policy)
{
    private readonly int[] outcomes = new int[3];
    private readonly int[] violated = new int[policy.Rules.Count];
    private readonly int[] waived = new int[policy.Rules.Count];
    private readonly Dictionary<string, int[]> byAgency = new(StringComparer.Ordinal);

    public int Decisions => outcomes.Sum();

    public int Allow => outcomes[(int)DecisionOutcome.Allow];

    public int Review => outcomes[(int)DecisionOutcome.Review];

    public int Deny => outcomes[(int)DecisionOutcome.Deny];

    public void Add(Decision decision)
    {
        outcomes[(int)decision.Outcome]++;
        for (var i = 0; i < decision.Rules.Count; i++)
        {
            var outcome = decision.Rules[i].Outcome;
            if (outcome == RuleOutcome.Violated)
            {
                violated[i]++;
            }
            else if (outcome == RuleOutcome.Waived)
            {
                waived[i]++;
            }
        }

        if (!byAgency.TryGetValue(decision.Request.Agency, out var agency))
        {
            byAgency[decision.Request.Agency] = agency = new int[3];
        }

        agency[(int)decision.Outcome]++;
    }

    public void Write(Utf8JsonWriter json, int invalid)
    {
        json.WriteStartObject();
        json.WriteStartObject("policy");
        json.WriteString("id", policy.Id);
        json.WriteString("version", policy.Version);
        json.WriteString("sha256", policy.Sha256);
        json.WriteEndObject();
        json.WriteNumber("decisions", Decisions);
        json.WriteNumber("invalidRecords", invalid);
        Outcomes(json, "outcomes", outcomes);
        json.WriteStartObject("byRule");
        for (var i = 0; i < policy.Rules.Count; i++)
        {
            json.WriteStartObject(policy.Rules[i].Id);
            json.WriteString("kind", policy.Rules[i].Kind);
            json.WriteNumber("violated", violated[i]);
            json.WriteNumber("waived", waived[i]);
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteStartObject("byAgency");
        foreach (var (agency, counts) in byAgency.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            Outcomes(json, agency, counts);
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void Outcomes(Utf8JsonWriter json, string name, int[] counts)
    {
        json.WriteStartObject(name);
        json.WriteNumber("allow", counts[(int)DecisionOutcome.Allow]);
        json.WriteNumber("review", counts[(int)DecisionOutcome.Review]);
        json.WriteNumber("deny", counts[(int)DecisionOutcome.Deny]);
        json.WriteEndObject();
    }
}
