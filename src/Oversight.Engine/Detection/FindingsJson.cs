using System.Globalization;
using System.Text.Json;
using Oversight.Requests;

namespace Oversight.Detection;

/// <summary>
/// Findings as JSON: <c>{"findings":[{"id","kind","severity","agency","requestIds","metrics","explanation",
/// "firstSubmittedAt","lastSubmittedAt"}]}</c>, plus <c>requester</c> and <c>drivers</c> on rate anomalies.
/// </summary>
public static class FindingsJson
{
    public static void Write(Utf8JsonWriter writer, Finding finding)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(finding);
        writer.WriteStartObject();
        writer.WriteString("id", finding.Id);
        writer.WriteString("kind", finding.Kind.Name());
        writer.WriteString("severity", finding.Severity.Name());
        writer.WriteString("agency", finding.Agency);
        if (finding.Requester is not null)
        {
            writer.WriteString("requester", finding.Requester);
        }

        writer.WriteStartArray("requestIds");
        foreach (var id in finding.RequestIds)
        {
            writer.WriteStringValue(id);
        }

        writer.WriteEndArray();
        writer.WriteStartObject("metrics");
        foreach (var (name, value) in finding.Metrics)
        {
            writer.WriteNumber(name, value);
        }

        writer.WriteEndObject();
        if (finding.Drivers is { } drivers)
        {
            writer.WriteStartArray("drivers");
            foreach (var driver in drivers)
            {
                writer.WriteStringValue(driver);
            }

            writer.WriteEndArray();
        }

        writer.WriteString("explanation", finding.Explanation);
        writer.WriteString("firstSubmittedAt", RequestJsonWriter.Time(finding.FirstSubmittedAt));
        writer.WriteString("lastSubmittedAt", RequestJsonWriter.Time(finding.LastSubmittedAt));
        writer.WriteEndObject();
    }

    /// <summary>One finding as a JSON object.</summary>
    public static string ToJson(Finding finding) => JsonText.Write(w => Write(w, finding));

    /// <summary>The contract's document: <c>{"findings":[…]}</c>.</summary>
    public static string ToJson(IEnumerable<Finding> findings, bool indented = false) => JsonText.Write(w => Write(w, findings), indented);

    /// <summary>Writes the contract's document, <c>{"findings":[…]}</c>, flushing as it goes.</summary>
    public static void Write(Utf8JsonWriter writer, IEnumerable<Finding> findings)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(findings);
        writer.WriteStartObject();
        writer.WriteStartArray("findings");
        foreach (var finding in findings)
        {
            Write(writer, finding);
            if (writer.BytesPending > 64 * 1024)
            {
                writer.Flush();
            }
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.Flush();
    }

    /// <summary>Reads back one finding written by <see cref="Write(Utf8JsonWriter, Finding)"/>.</summary>
    public static Finding Read(JsonElement element)
    {
        FindingNames.TryParseKind(element.GetProperty("kind").GetString(), out var kind);
        FindingNames.TryParseSeverity(element.GetProperty("severity").GetString(), out var severity);
        return new Finding(
            element.GetProperty("id").GetString()!,
            kind,
            severity,
            element.GetProperty("agency").GetString()!,
            element.GetProperty("requestIds").EnumerateArray().Select(e => e.GetString()!).ToList(),
            element.GetProperty("metrics").EnumerateObject().Select(p => new KeyValuePair<string, double>(p.Name, p.Value.GetDouble())).ToList(),
            element.GetProperty("explanation").GetString()!,
            DateTimeOffset.Parse(element.GetProperty("firstSubmittedAt").GetString()!, CultureInfo.InvariantCulture),
            DateTimeOffset.Parse(element.GetProperty("lastSubmittedAt").GetString()!, CultureInfo.InvariantCulture),
            element.TryGetProperty("requester", out var requester) ? requester.GetString() : null,
            element.TryGetProperty("drivers", out var drivers) ? drivers.EnumerateArray().Select(e => e.GetString()!).ToList() : null);
    }
}
