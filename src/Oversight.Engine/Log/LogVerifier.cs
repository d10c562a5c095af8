namespace Oversight.Log;

/// <summary>One thing wrong with a log, and the first entry it concerns (when it concerns one).</summary>
public sealed record LogProblem(long? Entry, string Message)
{
    public override string ToString() => Entry is { } i ? $"entry {i}: {Message}" : Message;
}

/// <summary>
/// Checks a log from outside: fed its entries in order (bytes, and the leaf hash stored beside
/// them when there is one), it rebuilds the Merkle tree from the bytes alone, then checks signed
/// checkpoints against it. What it finds names the first entry that differs where it can.
/// </summary>
public sealed class LogVerifier
{
    private readonly List<byte[]> leaves = [];
    private readonly List<LogProblem> problems = [];
    private readonly TreeHashes tree;

    public LogVerifier() => tree = new TreeHashes((start, count) => leaves.GetRange((int)start, count));

    /// <summary>The size of the largest checkpoint checked so far that the entries still match.</summary>
    public long LargestMatching { get; private set; }

    public long Size => tree.Size;

    /// <summary>Every problem found so far, in the order found.</summary>
    public IReadOnlyList<LogProblem> Problems => problems;

    public bool Intact => problems.Count == 0;

    /// <summary>Adds the next entry; its index must be the next one.</summary>
    /// <param name="index">The entry's position (from 0) as the log numbers it.</param>
    /// <param name="entry">The entry bytes.</param>
    /// <param name="storedLeafHash">The leaf hash kept beside it, when the log keeps one.</param>
    /// <param name="describe">How to name the entry in messages (e.g. its request id and agency).</param>
    public void Add(long index, ReadOnlySpan<byte> entry, byte[]? storedLeafHash = null, string? describe = null)
    {
        var expected = tree.Size;
        if (index != expected)
        {
            Problem(expected, index > expected
                ? $"missing: the log goes from entry {expected - 1} to entry {index}"
                : $"entry {index} appears again, or out of order, after entry {expected - 1}");
        }

        var leaf = MerkleHash.Leaf(entry);
        if (storedLeafHash is not null && !storedLeafHash.AsSpan().SequenceEqual(leaf))
        {
            Problem(expected, $"{describe ?? "the entry"} was changed after it was recorded: its bytes no longer hash to the leaf kept for it");
        }

        leaves.Add(leaf);
        tree.Append(leaf);
    }

    /// <summary>Records a problem found by the caller (a column that disagrees with its entry, say).</summary>
    public void Problem(long? entry, string message) => problems.Add(new LogProblem(entry, message));

    public byte[] Root(long size) => tree.Root(size);

    /// <summary>The tree, for proofs over what was read.</summary>
    public TreeHashes Tree => tree;

    /// <summary>
    /// Checks a checkpoint against the entries read: signed by <paramref name="key"/> (when given),
    /// for this log's origin (when given), no larger than the log, and with the root the entries
    /// give at its size. False, with the problem recorded, when any of these fails.
    /// </summary>
    public bool Check(SignedNote note, NoteKey? key, string? origin, string what)
    {
        ArgumentNullException.ThrowIfNull(note);
        if (!Checkpoint.TryParse(note.Text, out var checkpoint, out var error))
        {
            Problem(null, $"{what} is not a checkpoint: {error}");
            return false;
        }

        if (key is not null && !key.Verifies(note))
        {
            Problem(null, $"{what} (size {checkpoint!.Size}) is not signed by {key.Name} ({key.Id:x8}), or its signature does not verify");
            return false;
        }

        if (origin is not null && checkpoint!.Origin != origin)
        {
            Problem(null, $"{what} is for the log '{checkpoint.Origin}', not '{origin}'");
            return false;
        }

        if (checkpoint!.Size > Size)
        {
            Problem(Size, $"the log has {Size:N0} entries, but {what} covers {checkpoint.Size:N0}: entries were removed from its end (or an older copy of the log was restored)");
            return false;
        }

        if (!Root(checkpoint.Size).AsSpan().SequenceEqual(checkpoint.Root))
        {
            var good = LargestMatching < checkpoint.Size ? LargestMatching : 0;
            var where = good == 0
                ? $"among entries 0–{checkpoint.Size - 1:N0}"
                : $"among entries {good:N0}–{checkpoint.Size - 1:N0} (the first {good:N0} still match the checkpoint of that size)";
            Problem(checkpoint.Size - good == 1 ? good : null, $"the first {checkpoint.Size:N0} entries no longer hash to the root of {what}: an entry {where} was changed, removed, inserted or reordered");
            return false;
        }

        LargestMatching = Math.Max(LargestMatching, checkpoint.Size);
        return true;
    }
}
