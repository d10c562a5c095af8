using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using YamlDotNet.RepresentationModel;

namespace Oversight.Policies;

/// <summary>
/// The policy's canonical sha256: the YAML document as JSON with mapping keys sorted and
/// scalars as trimmed text (so comments, layout, quoting and key order do not change it),
/// followed by the sha256 of each boundary file the policy uses.
/// </summary>
internal static class PolicyHash
{
    public static string Compute(YamlMappingNode root, IEnumerable<Rule> rules)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, root);
        }

        foreach (var boundary in rules.OfType<WithinBoundaryRule>().OrderBy(r => r.Id, StringComparer.Ordinal))
        {
            buffer.Write(Encoding.UTF8.GetBytes($"\n{boundary.Id}:{boundary.BoundarySha256}"));
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()));
    }

    private static void Write(Utf8JsonWriter writer, YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                writer.WriteStartObject();
                foreach (var (key, value) in mapping.Children
                    .Select(p => (Key: ((YamlScalarNode)p.Key).Value ?? string.Empty, p.Value))
                    .OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(key);
                    Write(writer, value);
                }

                writer.WriteEndObject();
                break;
            case YamlSequenceNode sequence:
                writer.WriteStartArray();
                foreach (var item in sequence.Children)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case YamlScalarNode scalar:
                writer.WriteStringValue(scalar.Value?.Trim() ?? string.Empty);
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }
}
