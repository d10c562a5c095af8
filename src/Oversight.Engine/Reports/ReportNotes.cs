using System.Security.Cryptography;
using System.Text;
using Oversight.Policies;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Oversight.Reports;

/// <summary>A topic staff may write about in the report notes file: its key, its heading, and what the ordinances ask.</summary>
public sealed record NoteTopic(string Key, string Title, string Asks);

/// <summary>
/// What staff know and the tool cannot: sharing with outside entities, complaints, audits and
/// violations, breaches, costs, effectiveness, retention, public-records requests, proposed
/// changes. Read from <c>report --notes notes.yaml</c> (and stored per period by the service) by
/// <see cref="Load"/>; every topic is text.
/// </summary>
public sealed record ReportNotes(string Source, string Sha256, string? Period, string? PreparedBy, IReadOnlyDictionary<string, string> Items)
{
    /// <summary>The topics in the order the report prints them.</summary>
    public static readonly IReadOnlyList<NoteTopic> Topics =
    [
        new("use", "How the program was used", "A description of how the technology was used, and the type and quantity of data gathered"),
        new("sharing", "Sharing with outside entities", "Whether and how often data was shared with outside entities, with whom, what data, under what legal standard and why"),
        new("dataSources", "Where the footage comes from", "What the technology was installed on or applied to (here: which cameras and programs footage came from)"),
        new("complaints", "Complaints and concerns", "A summary of community complaints or concerns, and whether the use policy protects civil rights and liberties"),
        new("auditsAndViolations", "Audits, violations and actions taken", "The results of internal audits, violations or potential violations of the use policy, and the actions taken"),
        new("breaches", "Data breaches", "Data breaches or other unauthorized access, their scope and the actions taken"),
        new("effectiveness", "Effectiveness", "Information, including crime statistics, that helps the community judge whether the technology achieved its purposes"),
        new("publicRecordsRequests", "Public-records requests", "Statistics and information about public-records requests about the technology"),
        new("costs", "Costs", "Total costs, including personnel, and how the program will be funded"),
        new("retention", "Retention", "How long footage and request records are kept, and whether that was followed"),
        new("proposedChanges", "Proposed policy changes", "Any requested changes to the use policy and the reasons for them"),
    ];

    private static readonly string[] Keys = ["period", "preparedBy", .. Topics.Select(t => t.Key)];

    /// <summary>The note for a topic, or null when staff gave none.</summary>
    public string? this[string key] => Items.GetValueOrDefault(key);

    /// <summary>Reads a notes file; null and every problem (file:line:column) when it is not valid.</summary>
    public static ReportNotes? Load(string path, out IReadOnlyList<PolicyProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems = [new PolicyProblem(path, 1, 1, $"cannot read the notes file: {e.Message}")];
            return null;
        }

        return Parse(text, path, out problems);
    }

    /// <summary>Reads notes text; <paramref name="source"/> names it in problems.</summary>
    public static ReportNotes? Parse(string yaml, string source, out IReadOnlyList<PolicyProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            problems = [new PolicyProblem(source, (int)e.Start.Line, (int)e.Start.Column, "not valid YAML: " + (e.InnerException?.Message ?? e.Message))];
            return null;
        }

        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            problems = [new PolicyProblem(source, 1, 1, "a notes file holds one YAML mapping of topics (sharing:, complaints:, costs:, …)")];
            return null;
        }

        var nodes = new YamlNodes(source);
        var entries = nodes.Entries(root, "the report notes", Keys);
        var items = new Dictionary<string, string>(StringComparer.Ordinal);
        string? period = null;
        string? preparedBy = null;
        foreach (var (key, (_, value)) in entries)
        {
            if (value is not YamlScalarNode scalar)
            {
                nodes.Problem(value, $"'{key}' must be text (write several lines with '|'), not a {(value is YamlSequenceNode ? "list" : "mapping")}");
                continue;
            }

            var content = scalar.Value?.Trim();
            if (string.IsNullOrEmpty(content))
            {
                nodes.Problem(value, $"'{key}' is empty; leave the key out when there is nothing to say");
                continue;
            }

            if (content.Length > 20_000)
            {
                nodes.Problem(value, $"'{key}' is {content.Length:N0} characters long; at most 20,000");
                continue;
            }

            switch (key)
            {
                case "period":
                    period = content;
                    break;
                case "preparedBy":
                    preparedBy = content;
                    break;
                default:
                    items[key] = content;
                    break;
            }
        }

        problems = nodes.Problems.OrderBy(p => p.Line).ThenBy(p => p.Column).ToList();
        if (problems.Count > 0)
        {
            return null;
        }

        var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(yaml)));
        return new ReportNotes(Path.GetFileName(source), sha, period, preparedBy, items);
    }
}
