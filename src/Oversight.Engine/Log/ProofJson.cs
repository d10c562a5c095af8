using System.Text.Json;

namespace Oversight.Log;

/// <summary>
/// Proofs and receipts as JSON, hashes in base64: inclusion <c>{"leafIndex","treeSize","leafHash","hashes"}</c>,
/// consistency <c>{"from","to","hashes"}</c>, and a receipt <c>{"leafIndex","leafHash","checkpoint","inclusion"}</c>.
/// </summary>
public static class ProofJson
{
    public static void WriteInclusion(Utf8JsonWriter writer, long leafIndex, long treeSize, byte[] leafHash, IReadOnlyList<byte[]> hashes)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteNumber("leafIndex", leafIndex);
        writer.WriteNumber("treeSize", treeSize);
        writer.WriteString("leafHash", Convert.ToBase64String(leafHash));
        Hashes(writer, hashes);
        writer.WriteEndObject();
    }

    public static void WriteConsistency(Utf8JsonWriter writer, long from, long to, IReadOnlyList<byte[]> hashes)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteNumber("from", from);
        writer.WriteNumber("to", to);
        Hashes(writer, hashes);
        writer.WriteEndObject();
    }

    public static void WriteReceipt(Utf8JsonWriter writer, long leafIndex, byte[] leafHash, SignedNote checkpoint, long treeSize, IReadOnlyList<byte[]> inclusion)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(checkpoint);
        writer.WriteStartObject();
        writer.WriteNumber("leafIndex", leafIndex);
        writer.WriteString("leafHash", Convert.ToBase64String(leafHash));
        writer.WriteString("checkpoint", checkpoint.ToString());
        writer.WritePropertyName("inclusion");
        WriteInclusion(writer, leafIndex, treeSize, leafHash, inclusion);
        writer.WriteEndObject();
    }

    private static void Hashes(Utf8JsonWriter writer, IReadOnlyList<byte[]> hashes)
    {
        writer.WriteStartArray("hashes");
        foreach (var hash in hashes)
        {
            writer.WriteStringValue(Convert.ToBase64String(hash));
        }

        writer.WriteEndArray();
    }

    /// <summary>A consistency proof read back.</summary>
    public sealed record Consistency(long From, long To, IReadOnlyList<byte[]> Hashes);

    /// <summary>A receipt read back.</summary>
    public sealed record Receipt(long LeafIndex, byte[] LeafHash, SignedNote Checkpoint, long TreeSize, IReadOnlyList<byte[]> Inclusion);

    public static bool TryReadConsistency(string json, out Consistency? proof, out string error)
    {
        proof = null;
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            proof = new Consistency(root.GetProperty("from").GetInt64(), root.GetProperty("to").GetInt64(), ReadHashes(root));
            error = string.Empty;
            return true;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            error = "not a consistency proof: " + e.Message;
            return false;
        }
    }

    public static bool TryReadReceipt(string json, out Receipt? receipt, out string error)
    {
        receipt = null;
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var inclusion = root.GetProperty("inclusion");
            if (!SignedNote.TryParse(root.GetProperty("checkpoint").GetString()!, out var note, out error))
            {
                error = "the receipt's checkpoint is not a signed note: " + error;
                return false;
            }

            var index = root.GetProperty("leafIndex").GetInt64();
            var leaf = Convert.FromBase64String(root.GetProperty("leafHash").GetString()!);
            if (inclusion.GetProperty("leafIndex").GetInt64() != index || inclusion.GetProperty("leafHash").GetString() != root.GetProperty("leafHash").GetString())
            {
                error = "the receipt's inclusion proof is for another leaf";
                return false;
            }

            receipt = new Receipt(index, leaf, note!, inclusion.GetProperty("treeSize").GetInt64(), ReadHashes(inclusion));
            error = string.Empty;
            return true;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            error = "not a receipt: " + e.Message;
            return false;
        }
    }

    private static List<byte[]> ReadHashes(JsonElement element) =>
        [.. element.GetProperty("hashes").EnumerateArray().Select(h => Convert.FromBase64String(h.GetString()!))];
}
