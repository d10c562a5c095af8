using System.Text;
using System.Text.Json;
using Oversight.Gate;

namespace Oversight.Gate;

/// <summary>
/// Writes a decision in the contract's JSON shape: requestId, decision, policy {id, version,
/// sha256}, measures, rules [{id, kind, outcome, action, actual, limit, unit, message}], and,
/// when any matched, exemptions.
/// </summary>
public static class DecisionJson
{
    public static void Write(Utf8JsonWriter writer, Decision decision)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(decision);
        writer.WriteStartObject();
        writer.WriteString("requestId", decision.RequestId);
        writer.WriteString("decision", decision.Outcome.Name());
        writer.WriteStartObject("policy");
        writer.WriteString("id", decision.Policy.Id);
        writer.WriteString("version", decision.Policy.Version);
        writer.WriteString("sha256", decision.Policy.Sha256);
        writer.WriteEndObject();

        var measures = decision.Measures;
        writer.WriteStartObject("measures");
        writer.WriteNumber("areaSqMiles", Math.Round(measures.AreaSqMiles, 6));
        writer.WriteNumber("windowHours", Math.Round(measures.WindowHours, 6));
        writer.WriteNumber("lookbackHours", Math.Round(measures.LookbackHours, 6));
        writer.WriteEndObject();

        writer.WriteStartArray("rules");
        foreach (var result in decision.Rules)
        {
            writer.WriteStartObject();
            writer.WriteString("id", result.Rule.Id);
            writer.WriteString("kind", result.Rule.Kind);
            writer.WriteString("outcome", result.Outcome.Name());
            writer.WriteString("action", result.Rule.Action.Name());
            if (result.Actual is { } actual)
            {
                writer.WriteNumber("actual", Round(actual, result.Limit, result.Outcome));
            }

            if (result.Limit is { } limit)
            {
                writer.WriteNumber("limit", limit);
            }

            if (result.Unit is { } unit)
            {
                writer.WriteString("unit", unit);
            }

            if (result.WaivedBy is { } waivedBy)
            {
                writer.WriteString("waivedBy", waivedBy);
            }

            writer.WriteString("message", Explanations.Message(result, decision.Request));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        if (decision.Exemptions.Count > 0)
        {
            writer.WriteStartArray("exemptions");
            foreach (var exemption in decision.Exemptions)
            {
                writer.WriteStartObject();
                writer.WriteString("id", exemption.Id);
                if (exemption.Action is { } action)
                {
                    writer.WriteString("action", action.Name());
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    /// <summary>The decision as one line of JSON.</summary>
    public static string ToJson(Decision decision, bool indented = false) => JsonText.Write(w => Write(w, decision), indented);

    /// <summary>
    /// The ids of the rules a recorded decision's JSON says were violated, in policy order. The
    /// writer above puts each rule's id, kind and outcome first, so they are found by scanning for
    /// them; JSON in any other layout is parsed in full.
    /// </summary>
    public static string[] Violated(string decisionJson)
    {
        ArgumentNullException.ThrowIfNull(decisionJson);
        const string Outcome = "\",\"outcome\":\"violated\"";
        const string Start = "{\"id\":\"";
        const string Kind = "\",\"kind\":\"";
        List<string>? ids = null;
        var at = 0;
        while ((at = decisionJson.IndexOf(Outcome, at, StringComparison.Ordinal)) >= 0)
        {
            var start = decisionJson.LastIndexOf(Start, at, StringComparison.Ordinal);
            var kind = start < 0 ? -1 : decisionJson.IndexOf(Kind, start, StringComparison.Ordinal);
            var idEnd = start < 0 ? -1 : decisionJson.IndexOf('"', start + Start.Length);
            if (kind < 0 || idEnd != kind || decisionJson.IndexOf('"', kind + Kind.Length) != at)
            {
                return ViolatedParsed(decisionJson);
            }

            (ids ??= []).Add(decisionJson[(start + Start.Length)..idEnd]);
            at += Outcome.Length;
        }

        return ids is null ? [] : [.. ids];
    }

    private static string[] ViolatedParsed(string decisionJson)
    {
        using var document = JsonDocument.Parse(decisionJson);
        return document.RootElement.TryGetProperty("rules", out var rules)
            ? [.. rules.EnumerateArray().Where(r => r.GetProperty("outcome").GetString() == "violated").Select(r => r.GetProperty("id").GetString()!)]
            : [];
    }

    /// <summary>
    /// Six decimals are plenty to read, but a value is never rounded onto its limit (or off it):
    /// then the full value is written, so the JSON never shows a violation at exactly the limit.
    /// </summary>
    private static double Round(double actual, double? limit, RuleOutcome outcome)
    {
        var rounded = Math.Round(actual, 6);
        return limit is { } l && (rounded == l) != (actual == l) ? actual : rounded;
    }
}
