using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Oversight.Policies;

/// <summary>Typed reads of YAML nodes that record a located problem instead of throwing.</summary>
internal sealed class YamlNodes(string file)
{
    private readonly List<PolicyProblem> problems = [];
    private readonly List<PolicyProblem> warnings = [];

    public string File { get; } = file;

    public List<PolicyProblem> Problems => problems;

    public List<PolicyProblem> Warnings => warnings;

    public void Problem(YamlNode node, string message) =>
        problems.Add(new PolicyProblem(File, (int)node.Start.Line, (int)node.Start.Column, message));

    public void Warning(YamlNode node, string message) =>
        warnings.Add(new PolicyProblem(File, (int)node.Start.Line, (int)node.Start.Column, message));

    /// <summary>The mapping's entries by key; unknown and repeated keys are problems.</summary>
    public Dictionary<string, (YamlNode Key, YamlNode Value)> Entries(YamlMappingNode mapping, string what, IReadOnlyCollection<string> allowed)
    {
        var entries = new Dictionary<string, (YamlNode, YamlNode)>(StringComparer.Ordinal);
        foreach (var (key, value) in mapping.Children)
        {
            if (key is not YamlScalarNode { Value: { } name })
            {
                Problem(key, $"{what}: keys are plain names");
                continue;
            }

            if (!allowed.Contains(name))
            {
                Problem(key, $"unknown key '{name}' in {what}; expected one of {string.Join(", ", allowed)}");
            }
            else if (!entries.TryAdd(name, (key, value)))
            {
                Problem(key, $"key '{name}' appears more than once in {what}");
            }
        }

        return entries;
    }

    public string? Text(YamlNode node, string what)
    {
        if (node is YamlScalarNode { Value: { } value } && !string.IsNullOrWhiteSpace(value))
        {
            return value.Trim();
        }

        Problem(node, $"{what} must be a non-empty text value");
        return null;
    }

    public int? Integer(YamlNode node, string what, int minimum = 0)
    {
        if (node is YamlScalarNode { Value: { } value }
            && int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
        {
            if (number >= minimum)
            {
                return number;
            }

            Problem(node, $"{what} must be {minimum} or more, not {number}");
            return null;
        }

        Problem(node, $"{what} must be a whole number");
        return null;
    }

    public double? Number(YamlNode node, string what, bool positive = true)
    {
        if (node is YamlScalarNode { Value: { } value }
            && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            && double.IsFinite(number))
        {
            if (!positive || number > 0)
            {
                return number;
            }

            Problem(node, $"{what} must be greater than 0, not {value}");
            return null;
        }

        Problem(node, $"{what} must be a number");
        return null;
    }

    public Quantity? Quantity(YamlNode node, Dimension dimension, string what)
    {
        if (node is not YamlScalarNode { Value: { } value })
        {
            Problem(node, $"{what} must be a number with a unit");
            return null;
        }

        if (Units.TryParse(value, dimension, out var quantity, out var error))
        {
            return quantity;
        }

        Problem(node, $"{what}: {error}");
        return null;
    }

    /// <summary>A list of texts; a single scalar counts as a list of one when <paramref name="scalarAllowed"/>.</summary>
    public List<string>? Texts(YamlNode node, string what, bool scalarAllowed = false)
    {
        if (node is YamlScalarNode scalar && scalarAllowed)
        {
            return Text(scalar, what) is { } single ? [single] : null;
        }

        if (node is not YamlSequenceNode sequence || sequence.Children.Count == 0)
        {
            Problem(node, $"{what} must be a non-empty list");
            return null;
        }

        var texts = new List<string>();
        foreach (var item in sequence.Children)
        {
            if (Text(item, $"each entry of {what}") is { } text)
            {
                texts.Add(text);
            }
        }

        return texts.Count == sequence.Children.Count ? texts : null;
    }
}
