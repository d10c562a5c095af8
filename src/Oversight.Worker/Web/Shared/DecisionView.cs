using System.Globalization;
using System.Text.Json;

namespace Oversight.Worker.Web.Shared;

/// <summary>One rule's line of a decision, as the decision JSON gives it.</summary>
public sealed record RuleLine(string Id, string Kind, string Outcome, string Action, double? Actual, double? Limit, string? Unit, string? Message, string? WaivedBy);

/// <summary>
/// A decision read from its JSON (the contract's shape: what the API answers and the log records),
/// so that a page shows exactly what was decided and recorded.
/// </summary>
public sealed record DecisionView(string RequestId, string Outcome, string PolicyId, string PolicyVersion, double AreaSqMiles, double WindowHours, IReadOnlyList<RuleLine> Rules, IReadOnlyList<string> Exemptions)
{
    public static DecisionView Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var measures = root.GetProperty("measures");
        return new DecisionView(
            root.GetProperty("requestId").GetString()!,
            root.GetProperty("decision").GetString()!,
            root.GetProperty("policy").GetProperty("id").GetString()!,
            root.GetProperty("policy").GetProperty("version").GetString()!,
            measures.GetProperty("areaSqMiles").GetDouble(),
            measures.GetProperty("windowHours").GetDouble(),
            [.. root.GetProperty("rules").EnumerateArray().Select(r => new RuleLine(
                r.GetProperty("id").GetString()!,
                r.GetProperty("kind").GetString()!,
                r.GetProperty("outcome").GetString()!,
                r.GetProperty("action").GetString()!,
                Number(r, "actual"),
                Number(r, "limit"),
                Text(r, "unit"),
                Text(r, "message"),
                Text(r, "waivedBy")))],
            root.TryGetProperty("exemptions", out var exemptions) ? [.. exemptions.EnumerateArray().Select(e => e.GetProperty("id").GetString()!)] : []);
    }

    /// <summary>"Allowed", "Needs review", "Denied".</summary>
    public static string Words(string outcome) => outcome switch
    {
        "allow" => "Allowed",
        "review" => "Needs review",
        "deny" => "Denied",
        _ => outcome,
    };

    /// <summary>A rule's outcome in words: "Passes", "Broken: denies", "Waived".</summary>
    public static string Words(RuleLine rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return rule.Outcome switch
        {
            "pass" => "Passes",
            "violated" => rule.Action switch
            {
                "deny" => "Broken: denies",
                "review" => "Broken: needs review",
                _ => "Broken: noted only",
            },
            "waived" => rule.WaivedBy is { } by ? $"Waived ({by})" : "Waived",
            _ => rule.Outcome,
        };
    }

    public static string Value(double? value, string? unit) =>
        value is { } v ? $"{v.ToString(Math.Abs(v) >= 100 ? "N0" : "0.###", CultureInfo.InvariantCulture)}{(unit is null ? string.Empty : " " + unit)}" : "–";

    /// <summary>One sentence: what was decided and which rules decided it.</summary>
    public string Sentence
    {
        get
        {
            var broken = Rules.Where(r => r.Outcome == "violated").ToList();
            var deciding = Outcome switch
            {
                "deny" => broken.Where(r => r.Action == "deny").ToList(),
                "review" => broken.Where(r => r.Action == "review").ToList(),
                _ => [],
            };
            return Outcome switch
            {
                "allow" when broken.Count == 0 => $"Every one of the {Rules.Count} rules passes.",
                "allow" => $"Allowed; {broken.Count} rule{(broken.Count == 1 ? " is" : "s are")} noted only: {string.Join(", ", broken.Select(r => r.Id))}.",
                "review" when deciding.Count == 0 => $"A person must review it: {(Exemptions.Count > 0 ? "the exemption " + string.Join(", ", Exemptions) + " asks for review" : "an exemption asks for review")}.",
                "review" => $"A person must review it because of {Names(deciding)}.",
                _ => $"Denied by {Names(deciding)}.",
            };
        }
    }

    private static string Names(List<RuleLine> rules) =>
        rules.Count == 1 ? $"the rule {rules[0].Id}" : $"{rules.Count} rules: {string.Join(", ", rules.Select(r => r.Id))}";

    private static double? Number(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    private static string? Text(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
