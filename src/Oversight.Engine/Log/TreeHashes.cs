namespace Oversight.Log;

/// <summary>
/// The Merkle tree over the decision log, kept so that no proof rereads the log: the hashes of
/// every complete, aligned subtree of <see cref="BlockSize"/> leaves or more are held in memory
/// (about 64 bytes per 256 leaves: 2.5 MB at 10,000,000 entries), the leaves of the last,
/// incomplete block too, and any other block's leaf hashes are read when a proof needs them
/// (one read of at most 256 hashes). Proofs and roots are those of RFC 9162 §2.1.
/// </summary>
/// <remarks>Appends are serialised by the caller; reads may run alongside them.</remarks>
public sealed class TreeHashes
{
    /// <summary>Height of a block: 2^8 = 256 leaves.</summary>
    public const int BlockHeight = 8;

    /// <summary>Leaves in a block.</summary>
    public const int BlockSize = 1 << BlockHeight;

    private readonly Func<long, int, IReadOnlyList<byte[]>> readLeaves;
    private readonly List<List<byte[]>> levels = [];
    private readonly List<byte[]> tail = new(BlockSize);
    private readonly Lock sync = new();
    private (long Block, IReadOnlyList<byte[]> Leaves)? lastRead;
    private long size;

    /// <param name="readLeaves">Reads the leaf hashes of entries [start, start + count) of the log: a block that is complete, so never the tail.</param>
    public TreeHashes(Func<long, int, IReadOnlyList<byte[]>> readLeaves)
    {
        ArgumentNullException.ThrowIfNull(readLeaves);
        this.readLeaves = readLeaves;
    }

    /// <summary>Leaves in the tree.</summary>
    public long Size
    {
        get
        {
            lock (sync)
            {
                return size;
            }
        }
    }

    /// <summary>Bytes of hashes held in memory (for the figures in docs/PERFORMANCE.md).</summary>
    public long MemoryBytes
    {
        get
        {
            lock (sync)
            {
                return (tail.Count + levels.Sum(l => (long)l.Count)) * MerkleHash.Size;
            }
        }
    }

    /// <summary>Appends the next leaf hash.</summary>
    public void Append(byte[] leafHash)
    {
        ArgumentNullException.ThrowIfNull(leafHash);
        if (leafHash.Length != MerkleHash.Size)
        {
            throw new ArgumentException("A leaf hash is 32 bytes.", nameof(leafHash));
        }

        lock (sync)
        {
            tail.Add(leafHash);
            size++;
            if (tail.Count < BlockSize)
            {
                return;
            }

            var hash = Fold(tail);
            tail.Clear();
            for (var level = 0; ; level++)
            {
                if (levels.Count == level)
                {
                    levels.Add([]);
                }

                var hashes = levels[level];
                hashes.Add(hash);
                if (hashes.Count % 2 == 1)
                {
                    break;
                }

                hash = MerkleHash.Node(hashes[^2], hashes[^1]);
            }
        }
    }

    /// <summary>The leaf hash of entry <paramref name="index"/>.</summary>
    public byte[] Leaf(long index)
    {
        Check(index, 1);
        return Perfect(0, index);
    }

    /// <summary>The root hash of the tree of the first <paramref name="treeSize"/> leaves (MTH(D[0:n])).</summary>
    public byte[] Root(long treeSize)
    {
        Check(0, treeSize);
        return treeSize == 0 ? MerkleHash.Empty() : Range(0, treeSize);
    }

    /// <summary>The inclusion proof of leaf <paramref name="index"/> in the tree of <paramref name="treeSize"/> leaves: RFC 9162 §2.1.3.1, from the leaf up.</summary>
    public IReadOnlyList<byte[]> InclusionProof(long index, long treeSize)
    {
        Check(0, treeSize);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, treeSize);
        var path = new List<byte[]>();
        Path(index, 0, treeSize, path);
        return path;
    }

    /// <summary>The consistency proof between the trees of <paramref name="from"/> and <paramref name="to"/> leaves: RFC 9162 §2.1.4.1.</summary>
    public IReadOnlyList<byte[]> ConsistencyProof(long from, long to)
    {
        Check(0, to);
        ArgumentOutOfRangeException.ThrowIfNegative(from);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(from, to);
        var proof = new List<byte[]>();
        if (from > 0 && from < to)
        {
            Subproof(from, 0, to, true, proof);
        }

        return proof;
    }

    // PATH(m, D[start:start+n]) of RFC 9162 §2.1.3.1.
    private void Path(long m, long start, long n, List<byte[]> path)
    {
        if (n == 1)
        {
            return;
        }

        var k = MerkleHash.Split(n);
        if (m < k)
        {
            Path(m, start, k, path);
            path.Add(Range(start + k, start + n));
        }
        else
        {
            Path(m - k, start + k, n - k, path);
            path.Add(Range(start, start + k));
        }
    }

    // SUBPROOF(m, D[start:start+n], b) of RFC 9162 §2.1.4.1.
    private void Subproof(long m, long start, long n, bool whole, List<byte[]> proof)
    {
        if (m == n)
        {
            if (!whole)
            {
                proof.Add(Range(start, start + n));
            }

            return;
        }

        var k = MerkleHash.Split(n);
        if (m <= k)
        {
            Subproof(m, start, k, whole, proof);
            proof.Add(Range(start + k, start + n));
        }
        else
        {
            Subproof(m - k, start + k, n - k, false, proof);
            proof.Add(Range(start, start + k));
        }
    }

    /// <summary>MTH(D[start:end]) where the range is one that RFC 9162's recursion produces: its left parts are aligned perfect subtrees.</summary>
    private byte[] Range(long start, long end)
    {
        var n = end - start;
        if (n == 1)
        {
            return Perfect(0, start);
        }

        if ((n & (n - 1)) == 0 && start % n == 0)
        {
            return Perfect(63 - (int)long.LeadingZeroCount(n), start / n);
        }

        var k = MerkleHash.Split(n);
        return MerkleHash.Node(Range(start, start + k), Range(start + k, end));
    }

    /// <summary>The hash of the aligned perfect subtree of height <paramref name="height"/> and position <paramref name="index"/> among those of its height.</summary>
    private byte[] Perfect(int height, long index)
    {
        if (height >= BlockHeight)
        {
            lock (sync)
            {
                return levels[height - BlockHeight][checked((int)index)];
            }
        }

        var first = index << height;
        var block = first / BlockSize;
        var leaves = BlockLeaves(block);
        var offset = (int)(first - (block * BlockSize));
        return Fold(leaves, offset, 1 << height);
    }

    private IReadOnlyList<byte[]> BlockLeaves(long block)
    {
        lock (sync)
        {
            if (block == size / BlockSize)
            {
                return [.. tail];
            }

            if (lastRead is { } cached && cached.Block == block)
            {
                return cached.Leaves;
            }
        }

        var leaves = readLeaves(block * BlockSize, BlockSize);
        if (leaves.Count != BlockSize)
        {
            throw new InvalidOperationException($"The log gave {leaves.Count} leaf hashes for block {block}, not {BlockSize}.");
        }

        lock (sync)
        {
            lastRead = (block, leaves);
        }

        return leaves;
    }

    private static byte[] Fold(IReadOnlyList<byte[]> leaves, int offset = 0, int count = -1)
    {
        count = count < 0 ? leaves.Count : count;
        if (count == 1)
        {
            return leaves[offset];
        }

        var half = count / 2;
        return MerkleHash.Node(Fold(leaves, offset, half), Fold(leaves, offset + half, half));
    }

    private void Check(long start, long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var current = Size;
        if (start + count > current)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"The tree has {current} leaves.");
        }
    }
}
