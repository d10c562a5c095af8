using System.Text;
using System.Text.Json;
using Oversight.Gate;
using Oversight.Requests;

namespace Oversight.Simulation;

/// <summary>
/// Writes a simulation in the contract's shape: <c>baseline</c> and <c>candidate</c> counts,
/// <c>changed</c> decisions with their rules, <c>byRule</c> and <c>byAgency</c> totals, and the
/// two <c>policies</c>.
/// </summary>
public static class SimulationJson
{
    public static void Write(Utf8JsonWriter writer, SimulationResult result)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(result);
        writer.WriteStartObject();
        Counts(writer, "baseline", result.Baseline);
        Counts(writer, "candidate", result.Candidate);
        writer.WriteStartArray("changed");
        foreach (var change in result.Changed)
        {
            writer.WriteStartObject();
            writer.WriteString("requestId", change.RequestId);
            writer.WriteString("baseline", change.Baseline.Name());
            writer.WriteString("candidate", change.Candidate.Name());
            writer.WriteStartArray("rules");
            foreach (var rule in change.Rules)
            {
                writer.WriteStringValue(rule);
            }

            writer.WriteEndArray();
            writer.WriteString("agency", change.Agency);
            writer.WriteString("submittedAt", RequestJsonWriter.Time(change.SubmittedAt));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartObject("byRule");
        foreach (var rule in result.ByRule)
        {
            writer.WriteStartObject(rule.Rule);
            writer.WriteString("kind", rule.Kind);
            writer.WriteString("action", rule.Action);
            Nullable(writer, "baseline", rule.Baseline);
            Nullable(writer, "candidate", rule.Candidate);
            writer.WriteNumber("changed", rule.Changed);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteStartObject("byAgency");
        foreach (var agency in result.ByAgency)
        {
            writer.WriteStartObject(agency.Agency);
            Counts(writer, "baseline", agency.Baseline);
            Counts(writer, "candidate", agency.Candidate);
            writer.WriteNumber("changed", agency.Changed);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteStartObject("policies");
        Identity(writer, "baseline", result.BaselinePolicy);
        Identity(writer, "candidate", result.CandidatePolicy);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    public static string ToJson(SimulationResult result, bool indented = false) => JsonText.Write(w => Write(w, result), indented);

    /// <summary>Reads back a simulation written by <see cref="Write"/> (a stored result), for its workbook.</summary>
    public static SimulationResult Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var policies = root.GetProperty("policies");
        return new SimulationResult(
            ReadIdentity(policies.GetProperty("baseline")),
            ReadIdentity(policies.GetProperty("candidate")),
            ReadCounts(root.GetProperty("baseline")),
            ReadCounts(root.GetProperty("candidate")),
            [.. root.GetProperty("changed").EnumerateArray().Select(c => new ChangedDecision(
                c.GetProperty("requestId").GetString()!,
                c.GetProperty("agency").GetString()!,
                DateTimeOffset.Parse(c.GetProperty("submittedAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
                ReadOutcome(c.GetProperty("baseline")),
                ReadOutcome(c.GetProperty("candidate")),
                [.. c.GetProperty("rules").EnumerateArray().Select(r => r.GetString()!)]))],
            [.. root.GetProperty("byRule").EnumerateObject().Select(r => new RuleEffect(
                r.Name,
                r.Value.GetProperty("kind").GetString()!,
                r.Value.GetProperty("action").GetString()!,
                ReadNullable(r.Value.GetProperty("baseline")),
                ReadNullable(r.Value.GetProperty("candidate")),
                r.Value.GetProperty("changed").GetInt32()))],
            [.. root.GetProperty("byAgency").EnumerateObject().Select(a => new AgencyEffect(
                a.Name,
                ReadCounts(a.Value.GetProperty("baseline")),
                ReadCounts(a.Value.GetProperty("candidate")),
                a.Value.GetProperty("changed").GetInt32()))]);
    }

    private static DecisionCounts ReadCounts(JsonElement e) =>
        new(e.GetProperty("allow").GetInt32(), e.GetProperty("review").GetInt32(), e.GetProperty("deny").GetInt32());

    private static PolicyIdentity ReadIdentity(JsonElement e) =>
        new(e.GetProperty("id").GetString()!, e.GetProperty("version").GetString()!, e.GetProperty("sha256").GetString()!);

    private static DecisionOutcome ReadOutcome(JsonElement e) =>
        OutcomeNames.TryParse(e.GetString(), out var outcome) ? outcome : throw new JsonException($"'{e.GetString()}' is not a decision");

    private static int? ReadNullable(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : e.GetInt32();

    private static void Counts(Utf8JsonWriter writer, string name, DecisionCounts counts)
    {
        writer.WriteStartObject(name);
        writer.WriteNumber("allow", counts.Allow);
        writer.WriteNumber("review", counts.Review);
        writer.WriteNumber("deny", counts.Deny);
        writer.WriteEndObject();
    }

    private static void Nullable(Utf8JsonWriter writer, string name, int? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, v);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static void Identity(Utf8JsonWriter writer, string name, PolicyIdentity policy)
    {
        writer.WriteStartObject(name);
        writer.WriteString("id", policy.Id);
        writer.WriteString("version", policy.Version);
        writer.WriteString("sha256", policy.Sha256);
        writer.WriteEndObject();
    }
}
