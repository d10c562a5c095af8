using System.Text.Json;
using Oversight.Gate;

namespace Oversight.Searches.Audit;

/// <summary>
/// A search audit in the decision contract's shape, extended: <c>{"requestId","kind":"alpr-search",
/// "decision","audit","policy","measures","rules"}</c>. <c>decision</c> is what the policy would have
/// decided (allow, review, deny); <c>audit</c> says it in audit words (compliant, needs-review,
/// would-have-been-denied); a rule's outcome is pass, violated, waived or not-published.
/// </summary>
public static class SearchDecisionJson
{
    public static void Write(Utf8JsonWriter writer, SearchDecision decision)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(decision);
        var search = decision.Search;
        writer.WriteStartObject();
        writer.WriteString("requestId", search.Id);
        writer.WriteString("kind", SearchJson.Kind);
        writer.WriteString("decision", decision.Outcome.Name());
        writer.WriteString("audit", decision.Outcome.AuditName());
        writer.WriteStartObject("policy");
        writer.WriteString("id", decision.Policy.Id);
        writer.WriteString("version", decision.Policy.Version);
        writer.WriteString("sha256", decision.Policy.Sha256);
        writer.WriteEndObject();
        writer.WriteStartObject("measures");
        Number(writer, "camerasSearched", search.CamerasSearched);
        Number(writer, "networksSearched", search.NetworksSearched);
        Number(writer, "timeFrameHours", search.TimeFrame?.Hours);
        Number(writer, "lookbackHours", search.LookbackHours);
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
                // Never rounded onto its limit (or off it), as in footage decisions.
                var rounded = Math.Round(actual, 6);
                writer.WriteNumber("actual", result.Limit is { } l && (rounded == l) != (actual == l) ? actual : rounded);
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

            writer.WriteString("message", SearchExplanations.Message(result, search));
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

    public static string ToJson(SearchDecision decision, bool indented = false) => JsonText.Write(w => Write(w, decision), indented);

    private static void Number(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, Math.Round(v, 6));
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
