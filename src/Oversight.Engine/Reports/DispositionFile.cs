using System.Globalization;
using System.Text.Json;
using Oversight.Policies;

namespace Oversight.Reports;

/// <summary>
/// The offline record of finding dispositions: a JSON Lines file, one disposition a line,
/// appended to and never rewritten:
/// <c>{"finding":"f-…","disposition":"referred","note":"…","by":"J. Ortiz","at":"2026-10-05T10:00:00Z"}</c>.
/// </summary>
public static class DispositionFile
{
    private static readonly string[] Fields = ["finding", "disposition", "note", "by", "at"];

    /// <summary>Every disposition in the file (none when it does not exist yet), or every problem with file:line:column.</summary>
    public static IReadOnlyList<FindingDisposition>? Read(string path, IReadOnlySet<string>? knownFindings, out IReadOnlyList<PolicyProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(path);
        var found = new List<PolicyProblem>();
        problems = found;
        if (!File.Exists(path))
        {
            return [];
        }

        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            found.Add(new PolicyProblem(path, 1, 1, $"cannot read the dispositions file: {e.Message}"));
            return null;
        }

        var dispositions = new List<FindingDisposition>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }

            if (Parse(lines[i], path, i + 1, found) is { } disposition)
            {
                if (knownFindings is not null && !knownFindings.Contains(disposition.FindingId))
                {
                    found.Add(new PolicyProblem(path, i + 1, 1, $"no finding '{disposition.FindingId}' in this input; dispositions name findings by the id detect gives them"));
                    continue;
                }

                dispositions.Add(disposition);
            }
        }

        return found.Count > 0 ? null : dispositions;
    }

    /// <summary>One line of the file, or null after adding its problems.</summary>
    public static FindingDisposition? Parse(string line, string file, int lineNumber, List<PolicyProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            problems.Add(new PolicyProblem(file, lineNumber, (int)(e.BytePositionInLine ?? 0) + 1, "not valid JSON: " + e.Message));
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problems.Add(new PolicyProblem(file, lineNumber, 1, "a disposition is a JSON object {\"finding\", \"disposition\", \"note\", \"by\", \"at\"}"));
                return null;
            }

            var before = problems.Count;
            foreach (var property in root.EnumerateObject().Where(p => !Fields.Contains(p.Name)))
            {
                problems.Add(new PolicyProblem(file, lineNumber, 1, $"$.{property.Name}: unknown field; expected {string.Join(", ", Fields)}"));
            }

            string? Text(string name, bool required)
            {
                if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
                {
                    if (required)
                    {
                        problems.Add(new PolicyProblem(file, lineNumber, 1, $"$.{name}: required"));
                    }

                    return null;
                }

                if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
                {
                    problems.Add(new PolicyProblem(file, lineNumber, 1, $"$.{name}: must be non-empty text"));
                    return null;
                }

                return value.GetString()!.Trim();
            }

            var finding = Text("finding", required: true);
            var kind = Text("disposition", required: true);
            var note = Text("note", required: false);
            var by = Text("by", required: true);
            var at = Text("at", required: true);
            DispositionKind parsed = default;
            if (kind is not null && !FindingDisposition.TryParse(kind, out parsed))
            {
                problems.Add(new PolicyProblem(file, lineNumber, 1, $"$.disposition: '{kind}' is not one of {string.Join(", ", FindingDisposition.Names)}"));
            }

            if (note is { Length: > FindingDisposition.MaxNote })
            {
                problems.Add(new PolicyProblem(file, lineNumber, 1, $"$.note: at most {FindingDisposition.MaxNote} characters"));
            }

            DateTimeOffset when = default;
            if (at is not null && !DateTimeOffset.TryParseExact(at, "yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture, DateTimeStyles.None, out when)
                && !DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.None, out when))
            {
                problems.Add(new PolicyProblem(file, lineNumber, 1, $"$.at: '{at}' is not an RFC 3339 time such as 2026-10-05T10:00:00Z"));
            }

            return problems.Count > before || finding is null || by is null ? null : new FindingDisposition(finding, parsed, note, by, when);
        }
    }

    /// <summary>The line a disposition is written as.</summary>
    public static string Line(FindingDisposition disposition)
    {
        ArgumentNullException.ThrowIfNull(disposition);
        return JsonText.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("finding", disposition.FindingId);
            writer.WriteString("disposition", disposition.Name);
            if (disposition.Note is { } note)
            {
                writer.WriteString("note", note);
            }

            writer.WriteString("by", disposition.By);
            writer.WriteString("at", disposition.At.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            writer.WriteEndObject();
        });
    }
}
