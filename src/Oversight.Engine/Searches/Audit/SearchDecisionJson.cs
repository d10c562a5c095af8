using System.Text.Json;
using Oversight.Gate;
using Oversight.Policies;

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
        writer.WriteString(Names.RequestId, search.Id);
        writer.WriteString(Names.Kind, Names.AlprSearch);
        writer.WriteString(Names.Decision, decision.Outcome.Name());
        writer.WriteString(Names.Audit, decision.Outcome.AuditName());
        writer.WriteStartObject(Names.Policy);
        writer.WriteString(Names.Id, decision.Policy.Id);
        writer.WriteString(Names.Version, decision.Policy.Version);
        writer.WriteString(Names.Sha256, decision.Policy.Sha256);
        writer.WriteEndObject();
        writer.WriteStartObject(Names.Measures);
        Number(writer, Names.CamerasSearched, search.CamerasSearched);
        Number(writer, Names.NetworksSearched, search.NetworksSearched);
        Number(writer, Names.TimeFrameHours, search.TimeFrame?.Hours);
        Number(writer, Names.LookbackHours, search.LookbackHours);
        writer.WriteEndObject();
        writer.WriteStartArray(Names.Rules);
        foreach (var result in decision.Rules)
        {
            writer.WriteRawValue(Fragment(result, search), skipInputValidation: true);
        }

        writer.WriteEndArray();
        DecisionJson.WriteExemptions(writer, decision.Exemptions);

        writer.WriteEndObject();
    }

    /// <summary>
    /// A rule's result as JSON, written once for every search it fits: it depends only on the rule,
    /// the outcome, the numbers and the detail (and, for per-officer and per-agency counts, on whose
    /// count it is), and a million searches say a few thousand different things.
    /// </summary>
    private static byte[] Fragment(RuleResult result, AlprSearch search)
    {
        var whose = result.Rule is MaxRequestsRule m ? m.Per switch
        {
            CountKey.Requester => search.Requester,
            CountKey.Agency => search.Agency,
            _ => null,
        } : null;
        return Fragments[new MessageKey(result, whose, search)];
    }

    private static readonly Reasons.Memo<MessageKey, byte[]> Fragments = new(k => Encode(k.Result, k.Search));

    private static byte[] Encode(RuleResult result, AlprSearch search)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString(Names.Id, result.Rule.Id);
            writer.WriteString(Names.Kind, result.Rule.Kind);
            writer.WriteString(Names.Outcome, result.Outcome.Name());
            writer.WriteString(Names.Action, result.Rule.Action.Name());
            if (result.Actual is { } actual)
            {
                writer.WriteNumber(Names.Actual, DecisionJson.Round(actual, result.Limit));
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

            writer.WriteString(Names.Message, SearchExplanations.Message(result, search));
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>What a sentence depends on; the search itself rides along only to write the first sentence of its kind.</summary>
    private readonly record struct MessageKey(RuleResult Result, string? Whose, AlprSearch Search)
    {
        public bool Equals(MessageKey other) =>
            ReferenceEquals(Result.Rule, other.Result.Rule) && Result.Outcome == other.Result.Outcome && Result.Actual == other.Result.Actual
            && Result.Limit == other.Result.Limit && Result.Detail == other.Result.Detail && Result.WaivedBy == other.Result.WaivedBy && Whose == other.Whose;

        public override int GetHashCode() => HashCode.Combine(Result.Rule, Result.Outcome, Result.Actual, Result.Detail, Result.WaivedBy, Whose);
    }

    /// <summary>Property names encoded once, not on every decision.</summary>
    private static class Names
    {
        public static readonly JsonEncodedText Action = JsonEncodedText.Encode("action");
        public static readonly JsonEncodedText Actual = JsonEncodedText.Encode("actual");
        public static readonly JsonEncodedText AlprSearch = JsonEncodedText.Encode(SearchJson.Kind);
        public static readonly JsonEncodedText Audit = JsonEncodedText.Encode("audit");
        public static readonly JsonEncodedText CamerasSearched = JsonEncodedText.Encode("camerasSearched");
        public static readonly JsonEncodedText Decision = JsonEncodedText.Encode("decision");
        public static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
        public static readonly JsonEncodedText Kind = JsonEncodedText.Encode("kind");
        public static readonly JsonEncodedText Limit = JsonEncodedText.Encode("limit");
        public static readonly JsonEncodedText LookbackHours = JsonEncodedText.Encode("lookbackHours");
        public static readonly JsonEncodedText Measures = JsonEncodedText.Encode("measures");
        public static readonly JsonEncodedText Message = JsonEncodedText.Encode("message");
        public static readonly JsonEncodedText NetworksSearched = JsonEncodedText.Encode("networksSearched");
        public static readonly JsonEncodedText Outcome = JsonEncodedText.Encode("outcome");
        public static readonly JsonEncodedText Policy = JsonEncodedText.Encode("policy");
        public static readonly JsonEncodedText RequestId = JsonEncodedText.Encode("requestId");
        public static readonly JsonEncodedText Rules = JsonEncodedText.Encode("rules");
        public static readonly JsonEncodedText Sha256 = JsonEncodedText.Encode("sha256");
        public static readonly JsonEncodedText TimeFrameHours = JsonEncodedText.Encode("timeFrameHours");
        public static readonly JsonEncodedText Unit = JsonEncodedText.Encode("unit");
        public static readonly JsonEncodedText Version = JsonEncodedText.Encode("version");
        public static readonly JsonEncodedText WaivedBy = JsonEncodedText.Encode("waivedBy");
    }

    public static string ToJson(SearchDecision decision, bool indented = false) => JsonText.Write(w => Write(w, decision), indented);

    private static void Number(Utf8JsonWriter writer, JsonEncodedText name, double? value)
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
