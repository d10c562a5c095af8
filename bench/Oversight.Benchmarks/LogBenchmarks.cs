using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Oversight.Log;

namespace Oversight.Benchmarks;

/// <summary>
/// The transparency log's tree at 10,000,000 entries: proofs and roots as the service answers
/// them. Leaf hashes of a block are read from a flat array here, standing in for the database read
/// of one block of 256 rows that the service makes (measured separately: see docs/PERFORMANCE.md).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 15)]
public class LogBenchmarks
{
    private const int Size = 10_000_000;

    private byte[] leaves = null!;
    private TreeHashes tree = null!;
    private long[] probes = null!;
    private int next;

    [GlobalSetup]
    public void Setup()
    {
        leaves = new byte[(long)Size * MerkleHash.Size];
        Span<byte> entry = stackalloc byte[8];
        for (var i = 0; i < Size; i++)
        {
            BitConverter.TryWriteBytes(entry, (long)i);
            MerkleHash.Leaf(entry).CopyTo(leaves, (long)i * MerkleHash.Size);
        }

        tree = new TreeHashes(ReadBlock);
        for (var i = 0; i < Size; i++)
        {
            tree.Append(leaves.AsSpan(i * MerkleHash.Size, MerkleHash.Size).ToArray());
        }

        var random = new Random(5);
        probes = [.. Enumerable.Range(0, 1024).Select(_ => (long)random.Next(Size))];
        Console.WriteLine($"// tree of {Size:N0} leaves holds {tree.MemoryBytes:N0} bytes of hashes in memory");
    }

    private IReadOnlyList<byte[]> ReadBlock(long start, int count)
    {
        var block = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            block[i] = leaves.AsSpan((int)((start + i) * MerkleHash.Size), MerkleHash.Size).ToArray();
        }

        return block;
    }

    private long Probe() => probes[next++ & 1023];

    [Benchmark(Description = "inclusion proof, 10,000,000 entries")]
    public IReadOnlyList<byte[]> Inclusion() => tree.InclusionProof(Probe(), Size);

    [Benchmark(Description = "consistency proof, random size to 10,000,000")]
    public IReadOnlyList<byte[]> Consistency() => tree.ConsistencyProof(Probe() + 1, Size);

    [Benchmark(Description = "root at a random size of 10,000,000")]
    public byte[] Root() => tree.Root(Probe() + 1);

    [Benchmark(Description = "leaf hash of one entry (5 KB, SHA-256)")]
    public byte[] LeafOfAnEntry() => MerkleHash.Leaf(EntryBytes);

    private static readonly byte[] EntryBytes = RandomNumberGenerator.GetBytes(5 * 1024);
}
