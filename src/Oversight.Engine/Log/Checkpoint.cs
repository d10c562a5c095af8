using System.Globalization;
using System.Text;

namespace Oversight.Log;

/// <summary>
/// A tree head in the C2SP tlog-checkpoint format: the body of a signed note whose three lines
/// are the log's origin, the tree size and the base64 root hash.
/// </summary>
public sealed record Checkpoint
{
    public Checkpoint(string origin, long size, byte[] root)
    {
        ArgumentException.ThrowIfNullOrEmpty(origin);
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        ArgumentNullException.ThrowIfNull(root);
        if (root.Length != MerkleHash.Size)
        {
            throw new ArgumentException("A root hash is 32 bytes.", nameof(root));
        }

        Origin = origin;
        Size = size;
        Root = root;
    }

    public string Origin { get; }

    public long Size { get; }

    public byte[] Root { get; }

    /// <summary>The note text: origin, size and root, each on its own line, ending in a newline.</summary>
    public string Body => $"{Origin}\n{Size.ToString(CultureInfo.InvariantCulture)}\n{Convert.ToBase64String(Root)}\n";

    /// <summary>Reads a checkpoint body (extension lines are refused: this log writes none and signs none).</summary>
    public static bool TryParse(string body, out Checkpoint? checkpoint, out string error)
    {
        ArgumentNullException.ThrowIfNull(body);
        checkpoint = null;
        if (!body.EndsWith('\n'))
        {
            error = "a checkpoint ends with a newline";
            return false;
        }

        var lines = body[..^1].Split('\n');
        if (lines.Length != 3)
        {
            error = $"a checkpoint has three lines (origin, tree size, root hash), not {lines.Length}";
            return false;
        }

        if (lines[0].Length == 0)
        {
            error = "the origin line is empty";
            return false;
        }

        if (!long.TryParse(lines[1], NumberStyles.None, CultureInfo.InvariantCulture, out var size)
            || (lines[1].Length > 1 && lines[1][0] == '0'))
        {
            error = $"'{lines[1]}' is not a tree size (a decimal number without leading zeros)";
            return false;
        }

        byte[] root;
        try
        {
            root = Convert.FromBase64String(lines[2]);
        }
        catch (FormatException)
        {
            error = $"'{lines[2]}' is not a base64 root hash";
            return false;
        }

        if (root.Length != MerkleHash.Size)
        {
            error = $"the root hash has {root.Length} bytes, not 32";
            return false;
        }

        checkpoint = new Checkpoint(lines[0], size, root);
        error = string.Empty;
        return true;
    }

    /// <summary>The body's bytes, as signed.</summary>
    public byte[] BodyBytes() => Encoding.UTF8.GetBytes(Body);
}
