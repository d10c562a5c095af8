using System.Globalization;
using System.Text.RegularExpressions;
using Oversight.Requests;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Oversight.Policies;

/// <summary>
/// Loads policy YAML into a <see cref="Policy"/>, reporting every problem at once with
/// file:line:column. Unknown keys, kinds and units are errors, never ignored.
/// </summary>
public static partial class PolicyLoader
{
    private static readonly string[] TopLevelKeys =
        ["policy", "version", "title", "subject", "effective", "timeZone", "limits", "rules", "exemptions", "detection", "reporting", "agencies"];

    /// <summary>Loads a policy file; boundary files are resolved against its folder.</summary>
    public static PolicyLoadResult LoadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new PolicyLoadResult(null, [new PolicyProblem(path, 1, 1, $"cannot read the policy file: {e.Message}")], []);
        }

        return Load(text, path, Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".");
    }

    /// <summary>Loads policy text; <paramref name="file"/> names it in problems, <paramref name="baseDirectory"/> resolves boundary paths.</summary>
    public static PolicyLoadResult Load(string yaml, string file, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var nodes = new YamlNodes(file);
        if (YamlText.Parse(yaml, file, out var syntax) is not { } stream)
        {
            return new PolicyLoadResult(null, [syntax!], []);
        }

        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            return new PolicyLoadResult(null, [new PolicyProblem(file, 1, 1, "a policy file holds one YAML mapping (policy:, version:, rules:, …)")], []);
        }

        var policy = Read(root, nodes, baseDirectory, file);
        return nodes.Problems.Count == 0 && policy is not null
            ? new PolicyLoadResult(policy, [], nodes.Warnings)
            : new PolicyLoadResult(null, nodes.Problems.OrderBy(p => p.Line).ThenBy(p => p.Column).ToList(), nodes.Warnings);
    }

    private static Policy? Read(YamlMappingNode root, YamlNodes nodes, string baseDirectory, string file)
    {
        var entries = nodes.Entries(root, "the policy", TopLevelKeys);
        string? id = null;
        if (entries.TryGetValue("policy", out var idNode))
        {
            id = nodes.Text(idNode.Value, "policy (the id)");
            if (id is not null && !PolicyId().IsMatch(id))
            {
                nodes.Problem(idNode.Value, $"policy id '{id}' may hold only a-z, 0-9 and '-'");
            }
        }
        else
        {
            nodes.Problem(root, "missing key 'policy' (the policy's id)");
        }

        string? version = null;
        if (entries.TryGetValue("version", out var versionNode))
        {
            version = nodes.Text(versionNode.Value, "version");
        }
        else
        {
            nodes.Problem(root, "missing key 'version'");
        }

        var title = entries.TryGetValue("title", out var titleNode) ? nodes.Text(titleNode.Value, "title") : null;
        DateOnly? effective = null;
        if (entries.TryGetValue("effective", out var effectiveNode))
        {
            if (effectiveNode.Value is YamlScalarNode { Value: { } e }
                && DateOnly.TryParseExact(e, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                effective = date;
            }
            else
            {
                nodes.Problem(effectiveNode.Value, "effective must be a date like 2026-07-01");
            }
        }

        var subject = entries.TryGetValue("subject", out var subjectNode) ? ReadSubject(subjectNode.Value, nodes) : PolicySubject.FootageRequests;
        var timeZone = entries.TryGetValue("timeZone", out var zoneNode) ? ReadTimeZone(zoneNode.Value, nodes) : TimeZoneInfo.Utc;
        var limits = entries.TryGetValue("limits", out var limitsNode) ? ReadLimits(limitsNode.Value, nodes) : RequestLimits.Default;
        var rules = new List<Rule>();
        if (entries.TryGetValue("rules", out var rulesNode))
        {
            rules = ReadRules(rulesNode.Value, nodes, baseDirectory, subject);
        }
        else
        {
            nodes.Problem(root, "missing key 'rules'");
        }

        var exemptions = entries.TryGetValue("exemptions", out var exemptionsNode)
            ? ReadExemptions(exemptionsNode.Value, nodes, rules, subject)
            : [];
        var detection = entries.TryGetValue("detection", out var detectionNode)
            ? ReadDetection(detectionNode.Value, nodes)
            : new DetectionSettings();
        var reporting = entries.TryGetValue("reporting", out var reportingNode)
            ? ReadReporting(reportingNode.Value, nodes)
            : new ReportingSettings();
        var agencies = entries.TryGetValue("agencies", out var agenciesNode)
            ? ReadAgencies(agenciesNode.Value, nodes)
            : new Dictionary<string, string>(StringComparer.Ordinal);
        Lint(rules, exemptions, nodes, root);

        if (nodes.Problems.Count > 0 || id is null || version is null || timeZone is null)
        {
            return null;
        }

        return new Policy
        {
            Id = id,
            Version = version,
            Title = title,
            Subject = subject,
            Effective = effective,
            TimeZone = timeZone,
            Limits = limits,
            Rules = rules,
            Exemptions = exemptions,
            Detection = detection,
            Reporting = reporting,
            Agencies = agencies,
            Sha256 = PolicyHash.Compute(root, rules),
            Source = file,
        };
    }

    private static PolicySubject ReadSubject(YamlNode node, YamlNodes nodes)
    {
        switch (nodes.Text(node, "subject"))
        {
            case null: return PolicySubject.FootageRequests;
            case "footage-requests": return PolicySubject.FootageRequests;
            case "alpr-searches": return PolicySubject.AlprSearches;
            case var other:
                nodes.Problem(node, $"unknown subject '{other}'; expected footage-requests (the default: police requests for camera footage) or alpr-searches (licence-plate-reader searches, audited)");
                return PolicySubject.FootageRequests;
        }
    }

    private static TimeZoneInfo? ReadTimeZone(YamlNode node, YamlNodes nodes)
    {
        if (nodes.Text(node, "timeZone") is not { } name)
        {
            return null;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(name);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            nodes.Problem(node, $"unknown time zone '{name}'; use an IANA id such as America/Chicago");
            return null;
        }
    }

    [GeneratedRegex("^[a-z0-9-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex PolicyId();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex RuleId();
}
