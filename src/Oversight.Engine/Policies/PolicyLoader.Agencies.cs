using YamlDotNet.RepresentationModel;

namespace Oversight.Policies;

public static partial class PolicyLoader
{
    /// <summary><c>agencies:</c> a mapping of agency id to the name reports print ("rochester-mn-pd: Rochester Police Department").</summary>
    private static Dictionary<string, string> ReadAgencies(YamlNode node, YamlNodes nodes)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node is not YamlMappingNode mapping)
        {
            nodes.Problem(node, "agencies must be a mapping of agency id to name, e.g. rochester-mn-pd: Rochester Police Department");
            return names;
        }

        foreach (var (key, value) in mapping.Children)
        {
            if (key is not YamlScalarNode { Value: { Length: > 0 } id })
            {
                nodes.Problem(key, "agencies: each key is an agency id");
                continue;
            }

            if (nodes.Text(value, $"the name of agency '{id}'") is { } name && !names.TryAdd(id, name))
            {
                nodes.Problem(key, $"agency '{id}' is named more than once");
            }
        }

        return names;
    }
}
