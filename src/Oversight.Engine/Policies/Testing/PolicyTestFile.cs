using System.Globalization;
using System.Text.Json;
using Oversight.Gate;
using Oversight.Requests;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Oversight.Policies.Testing;

/// <summary>
/// Reads policy test files: a YAML list of cases
/// <c>{name, policy, history?, request, expect: {decision, violated?}}</c>; the policy path is
/// relative to the test file, requests are written as in request JSON.
/// </summary>
public static class PolicyTestFile
{
    public static (IReadOnlyList<PolicyTestCase> Cases, IReadOnlyList<PolicyProblem> Problems) Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var nodes = new YamlNodes(path);
        var cases = new List<PolicyTestCase>();
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ([], [new PolicyProblem(path, 1, 1, "cannot read the test file: " + e.Message)]);
        }

        if (YamlText.Parse(text, path, out var syntax) is not { } stream)
        {
            return ([], [syntax!]);
        }

        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlSequenceNode sequence)
        {
            return ([], [new PolicyProblem(path, 1, 1, "a policy test file is a YAML list of cases")]);
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        foreach (var item in sequence.Children)
        {
            if (item is not YamlMappingNode mapping)
            {
                nodes.Problem(item, "each case is a mapping with name, policy, request and expect");
                continue;
            }

            if (ReadCase(mapping, nodes, directory) is { } testCase)
            {
                cases.Add(testCase);
            }
        }

        return (cases, nodes.Problems);
    }

    private static PolicyTestCase? ReadCase(YamlMappingNode mapping, YamlNodes nodes, string directory)
    {
        var entries = nodes.Entries(mapping, "a test case", ["name", "policy", "history", "request", "expect"]);
        foreach (var key in new[] { "name", "policy", "request", "expect" }.Where(k => !entries.ContainsKey(k)))
        {
            nodes.Problem(mapping, $"test case needs '{key}'");
        }

        var name = entries.TryGetValue("name", out var n) ? nodes.Text(n.Value, "name") : null;
        var policy = entries.TryGetValue("policy", out var p) ? nodes.Text(p.Value, "policy") : null;
        var history = new List<FootageRequest>();
        var historyOk = true;
        if (entries.TryGetValue("history", out var h))
        {
            if (h.Value is YamlSequenceNode list)
            {
                foreach (var entry in list.Children)
                {
                    if (ReadRequest(entry, nodes) is { } prior)
                    {
                        history.Add(prior);
                    }
                    else
                    {
                        historyOk = false;
                    }
                }
            }
            else
            {
                nodes.Problem(h.Value, "history must be a list of requests");
                historyOk = false;
            }
        }

        var request = entries.TryGetValue("request", out var r) ? ReadRequest(r.Value, nodes) : null;
        var (decision, violated) = entries.TryGetValue("expect", out var e) ? ReadExpect(e.Value, nodes) : (null, null);
        if (name is null || policy is null || request is null || decision is null || !historyOk)
        {
            return null;
        }

        return new PolicyTestCase(name, nodes.File, (int)mapping.Start.Line, Path.Combine(directory, policy), history, request, decision.Value, violated);
    }

    private static (DecisionOutcome?, IReadOnlyList<string>?) ReadExpect(YamlNode node, YamlNodes nodes)
    {
        if (node is not YamlMappingNode mapping)
        {
            nodes.Problem(node, "expect is a mapping with decision and optionally violated");
            return (null, null);
        }

        var entries = nodes.Entries(mapping, "expect", ["decision", "violated"]);
        DecisionOutcome? decision = null;
        if (!entries.TryGetValue("decision", out var d))
        {
            nodes.Problem(mapping, "expect needs 'decision' (allow, review or deny)");
        }
        else if (nodes.Text(d.Value, "decision") is { } text)
        {
            if (OutcomeNames.TryParse(text, out var outcome))
            {
                decision = outcome;
            }
            else
            {
                nodes.Problem(d.Value, $"unknown decision '{text}'; expected allow, review or deny");
            }
        }

        IReadOnlyList<string>? violated = null;
        if (entries.TryGetValue("violated", out var v))
        {
            violated = v.Value is YamlSequenceNode { Children.Count: 0 } ? [] : nodes.Texts(v.Value, "violated");
        }

        return (decision, violated);
    }

    private static FootageRequest? ReadRequest(YamlNode node, YamlNodes nodes)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteJson(writer, node);
        }

        using var document = JsonDocument.Parse(buffer.ToArray());
        var result = RequestJson.Read(document.RootElement, "$");
        foreach (var problem in result.Problems)
        {
            nodes.Problem(node, $"invalid request: {problem}");
        }

        return result.Value;
    }

    /// <summary>YAML to JSON: plain scalars that read as numbers, booleans or null become those; the rest are strings.</summary>
    private static void WriteJson(Utf8JsonWriter writer, YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                writer.WriteStartObject();
                foreach (var (key, value) in mapping.Children)
                {
                    writer.WritePropertyName(((YamlScalarNode)key).Value ?? string.Empty);
                    WriteJson(writer, value);
                }

                writer.WriteEndObject();
                break;
            case YamlSequenceNode sequence:
                writer.WriteStartArray();
                foreach (var child in sequence.Children)
                {
                    WriteJson(writer, child);
                }

                writer.WriteEndArray();
                break;
            case YamlScalarNode { Style: ScalarStyle.Plain, Value: var plain }:
                if (double.TryParse(plain, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                {
                    writer.WriteNumberValue(number);
                }
                else if (plain is "true" or "false")
                {
                    writer.WriteBooleanValue(plain == "true");
                }
                else if (plain is null or "null" or "~" or "")
                {
                    writer.WriteNullValue();
                }
                else
                {
                    writer.WriteStringValue(plain);
                }

                break;
            case YamlScalarNode scalar:
                writer.WriteStringValue(scalar.Value);
                break;
        }
    }
}
