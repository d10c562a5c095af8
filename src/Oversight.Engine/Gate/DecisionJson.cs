using System.Text;
using System.Text.Json;
using Oversight.Policies;

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
        writer.WriteString(Names.RequestId, decision.RequestId);
        writer.WriteString(Names.Decision, decision.Outcome.Name());
        writer.WriteStartObject(Names.Policy);
        writer.WriteString(Names.Id, decision.Policy.Id);
        writer.WriteString(Names.Version, decision.Policy.Version);
        writer.WriteString(Names.Sha256, decision.Policy.Sha256);
        writer.WriteEndObject();

        var measures = decision.Measures;
        writer.WriteStartObject(Names.Measures);
        writer.WriteNumber(Names.AreaSqMiles, Math.Round(measures.AreaSqMiles, 6));
        writer.WriteNumber(Names.WindowHours, Math.Round(measures.WindowHours, 6));
        writer.WriteNumber(Names.LookbackHours, Math.Round(measures.LookbackHours, 6));
        writer.WriteEndObject();

        Span<byte> message = stackalloc byte[512];
        writer.WriteStartArray(Names.Rules);
        foreach (var result in decision.Rules)
        {
            writer.WriteStartObject();
            writer.WriteString(Names.Id, result.Rule.Id);
            writer.WriteString(Names.Kind, result.Rule.Kind);
            writer.WriteString(Names.Outcome, result.Outcome.Name());
            writer.WriteString(Names.Action, result.Rule.Action.Name());
            if (result.Actual is { } actual)
            {
                writer.WriteNumber(Names.Actual, Round(actual, result.Limit));
            }

            if (result.Limit is { } limit)
            {
                writer.WriteNumber(Names.Limit, limit);
            }

            if (result.Unit is { } unit)
            {
                writer.WriteString(Names.Unit, unit);
            }

            if (result.WaivedBy is { } waivedBy)
            {
                writer.WriteString(Names.WaivedBy, waivedBy);
            }

            if (Explanations.TryWrite(message, result, decision.Request, out var written))
            {
                writer.WriteString(Names.Message, message[..written]);
            }
            else
            {
                writer.WriteString(Names.Message, Explanations.Message(result, decision.Request));
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        WriteExemptions(writer, decision.Exemptions);

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
    internal static double Round(double actual, double? limit)
    {
        var rounded = Math.Round(actual, 6);
        return limit is { } l && (rounded == l) != (actual == l) ? actual : rounded;
    }

    /// <summary>The exemptions that applied, when any did: each with its id and the action it set.</summary>
    internal static void WriteExemptions(Utf8JsonWriter writer, IReadOnlyList<Exemption> exemptions)
    {
        if (exemptions.Count == 0)
        {
            return;
        }

        writer.WriteStartArray(Names.Exemptions);
        foreach (var exemption in exemptions)
        {
            writer.WriteStartObject();
            writer.WriteString(Names.Id, exemption.Id);
            if (exemption.Action is { } action)
            {
                writer.WriteString(Names.Action, action.Name());
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary>Property names encoded once, not on every decision.</summary>
    private static class Names
    {
        public static readonly JsonEncodedText Action = JsonEncodedText.Encode("action");
        public static readonly JsonEncodedText Actual = JsonEncodedText.Encode("actual");
        public static readonly JsonEncodedText AreaSqMiles = JsonEncodedText.Encode("areaSqMiles");
        public static readonly JsonEncodedText Decision = JsonEncodedText.Encode("decision");
        public static readonly JsonEncodedText Exemptions = JsonEncodedText.Encode("exemptions");
        public static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
        public static readonly JsonEncodedText Kind = JsonEncodedText.Encode("kind");
        public static readonly JsonEncodedText Limit = JsonEncodedText.Encode("limit");
        public static readonly JsonEncodedText LookbackHours = JsonEncodedText.Encode("lookbackHours");
        public static readonly JsonEncodedText Measures = JsonEncodedText.Encode("measures");
        public static readonly JsonEncodedText Message = JsonEncodedText.Encode("message");
        public static readonly JsonEncodedText Outcome = JsonEncodedText.Encode("outcome");
        public static readonly JsonEncodedText Policy = JsonEncodedText.Encode("policy");
        public static readonly JsonEncodedText RequestId = JsonEncodedText.Encode("requestId");
        public static readonly JsonEncodedText Rules = JsonEncodedText.Encode("rules");
        public static readonly JsonEncodedText Sha256 = JsonEncodedText.Encode("sha256");
        public static readonly JsonEncodedText Unit = JsonEncodedText.Encode("unit");
        public static readonly JsonEncodedText Version = JsonEncodedText.Encode("version");
        public static readonly JsonEncodedText WaivedBy = JsonEncodedText.Encode("waivedBy");
        public static readonly JsonEncodedText WindowHours = JsonEncodedText.Encode("windowHours");
    }
}
