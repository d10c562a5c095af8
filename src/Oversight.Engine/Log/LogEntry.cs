using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Oversight.Log;

/// <summary>
/// Entry i of the transparency log: the canonical JSON of one recorded request and its decision,
/// <c>{"recordedAt":"…","request":{…},"decision":{…}}</c>, with the request and decision exactly
/// as the service wrote them (keys in a fixed order, no insignificant white space), in UTF-8.
/// Its leaf hash is SHA-256(0x00 ‖ these bytes).
/// </summary>
public static class LogEntry
{
    /// <summary>The entry's bytes.</summary>
    public static byte[] Bytes(long recordedAtTicks, string requestJson, string decisionJson)
    {
        ArgumentNullException.ThrowIfNull(requestJson);
        ArgumentNullException.ThrowIfNull(decisionJson);
        var recordedAt = new DateTime(recordedAtTicks, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
        return Encoding.UTF8.GetBytes($"{{\"recordedAt\":\"{recordedAt}\",\"request\":{requestJson},\"decision\":{decisionJson}}}");
    }

    /// <summary>The leaf hash of an entry.</summary>
    public static byte[] LeafHash(long recordedAtTicks, string requestJson, string decisionJson) =>
        MerkleHash.Leaf(Bytes(recordedAtTicks, requestJson, decisionJson));

    /// <summary>
    /// What an entry says about itself, read from its bytes: everything the database keeps beside
    /// it (agency, requester, case, times, outcome, policy) must agree with this.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, out LogEntryFields? fields, out string error)
    {
        fields = null;
        try
        {
            using var document = JsonDocument.Parse(bytes.ToArray());
            var root = document.RootElement;
            var request = root.GetProperty("request");
            var decision = root.GetProperty("decision");
            var policy = decision.GetProperty("policy");
            string? Text(JsonElement element, string name) =>
                element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            var recordedAt = DateTimeOffset.Parse(root.GetProperty("recordedAt").GetString()!, CultureInfo.InvariantCulture);
            var submittedAt = DateTimeOffset.Parse(request.GetProperty("submittedAt").GetString()!, CultureInfo.InvariantCulture);
            fields = new LogEntryFields(
                Text(request, "id") ?? string.Empty,
                Text(request, "agency") ?? string.Empty,
                Text(request, "requester") ?? string.Empty,
                Text(request, "caseNumber"),
                submittedAt.UtcTicks,
                recordedAt.UtcTicks,
                Text(decision, "decision") ?? string.Empty,
                Text(policy, "id") ?? string.Empty,
                Text(policy, "version") ?? string.Empty,
                Text(policy, "sha256") ?? string.Empty,
                request.GetRawText(),
                decision.GetRawText());
            error = string.Empty;
            return true;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            error = "the entry is not a recorded request and decision: " + e.Message;
            return false;
        }
    }
}

/// <summary>The fields of a log entry that the database also keeps in columns.</summary>
public sealed record LogEntryFields(
    string RequestId,
    string Agency,
    string Requester,
    string? CaseNumber,
    long SubmittedAtTicks,
    long RecordedAtTicks,
    string Outcome,
    string PolicyId,
    string PolicyVersion,
    string PolicySha256,
    string RequestJson,
    string DecisionJson);
