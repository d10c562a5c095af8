using Oversight.Log;

namespace Oversight.Tests.Log;

/// <summary>The Merkle tree against RFC 6962's published vectors and a literal reference of RFC 9162's definitions.</summary>
public sealed class TreeHashesTests
{
    private static readonly byte[][] VectorLeaves =
        new[] { "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f" }
        .Select(Convert.FromHexString).ToArray();

    private static readonly string[] VectorRoots =
    [
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];

    /// <summary>A tree over the given leaf hashes, reading complete blocks from the same list as a database would.</summary>
    private static TreeHashes Tree(IReadOnlyList<byte[]> leafHashes)
    {
        var tree = new TreeHashes((start, count) => leafHashes.Skip((int)start).Take(count).ToList());
        foreach (var leaf in leafHashes)
        {
            tree.Append(leaf);
        }

        return tree;
    }

    private static List<byte[]> Leaves(int count) =>
        Enumerable.Range(0, count).Select(i => MerkleHash.Leaf(BitConverter.GetBytes(i))).ToList();

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    [Fact]
    public void Root_RFC6962Vectors_Match()
    {
        var tree = Tree(VectorLeaves.Select(l => MerkleHash.Leaf(l)).ToList());
        for (var n = 0; n <= 8; n++)
        {
            Assert.Equal(VectorRoots[n], Hex(tree.Root(n)));
        }
    }

    [Theory]
    [InlineData(0, 8, "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")]
    [InlineData(5, 8, "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b", "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0", "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")]
    [InlineData(2, 3, "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125")]
    [InlineData(1, 5, "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")]
    public void InclusionProof_RFC6962Vectors_MatchAndVerify(long index, long size, params string[] expected)
    {
        var leaves = VectorLeaves.Select(l => MerkleHash.Leaf(l)).ToList();
        var proof = Tree(leaves).InclusionProof(index, size);
        Assert.Equal(expected, proof.Select(Hex));
        Assert.True(Proofs.VerifyInclusion(index, size, leaves[(int)index], proof, Convert.FromHexString(VectorRoots[size])));
    }

    [Theory]
    [InlineData(1, 8, "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")]
    [InlineData(6, 8, "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a", "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0", "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")]
    [InlineData(2, 5, "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")]
    [InlineData(1, 1)]
    public void ConsistencyProof_RFC6962Vectors_MatchAndVerify(long from, long to, params string[] expected)
    {
        var proof = Tree(VectorLeaves.Select(l => MerkleHash.Leaf(l)).ToList()).ConsistencyProof(from, to);
        Assert.Equal(expected, proof.Select(Hex));
        Assert.True(Proofs.VerifyConsistency(from, to, Convert.FromHexString(VectorRoots[from]), Convert.FromHexString(VectorRoots[to]), proof));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(255)]
    [InlineData(256)]
    [InlineData(257)]
    [InlineData(513)]
    [InlineData(1_300)]
    public void EverySize_RootsAndProofs_AgreeWithTheReference(int count)
    {
        var leaves = Leaves(count);
        var tree = Tree(leaves);
        var random = new Random(count);
        var sizes = Enumerable.Range(1, count).Where(n => n <= 20 || n % 97 == 0 || n == count || n % 256 is 0 or 1 or 255).ToList();
        foreach (var n in sizes)
        {
            var root = Reference.Root(leaves, 0, n);
            Assert.Equal(Hex(root), Hex(tree.Root(n)));
            for (var probe = 0; probe < 4; probe++)
            {
                var index = random.Next(n);
                var path = tree.InclusionProof(index, n);
                Assert.Equal(Reference.Path(leaves, index, 0, n).Select(Hex), path.Select(Hex));
                Assert.True(Proofs.VerifyInclusion(index, n, leaves[index], path, root));
                var m = random.Next(n + 1);
                var consistency = tree.ConsistencyProof(m, n);
                Assert.Equal(Reference.Proof(leaves, m, n).Select(Hex), consistency.Select(Hex));
                Assert.True(Proofs.VerifyConsistency(m, n, m == 0 ? MerkleHash.Empty() : Reference.Root(leaves, 0, m), root, consistency));
            }
        }
    }

    [Fact]
    public void Proofs_Corrupted_DoNotVerify()
    {
        var leaves = Leaves(300);
        var tree = Tree(leaves);
        var root = tree.Root(300);
        var path = tree.InclusionProof(137, 300);
        Assert.False(Proofs.VerifyInclusion(136, 300, leaves[137], path, root));
        Assert.False(Proofs.VerifyInclusion(137, 150, leaves[137], path, root));
        Assert.False(Proofs.VerifyInclusion(137, 600, leaves[137], path, root));
        Assert.False(Proofs.VerifyInclusion(137, 300, leaves[138], path, root));
        Assert.False(Proofs.VerifyInclusion(137, 300, leaves[137], path.Skip(1).ToList(), root));
        Assert.False(Proofs.VerifyInclusion(137, 300, leaves[137], [.. path, root], root));
        var flipped = path.Select(h => h.ToArray()).ToList();
        flipped[2][0] ^= 8;
        Assert.False(Proofs.VerifyInclusion(137, 300, leaves[137], flipped, root));

        var old = tree.Root(100);
        var consistency = tree.ConsistencyProof(100, 300);
        Assert.False(Proofs.VerifyConsistency(100, 300, root, old, consistency));
        Assert.False(Proofs.VerifyConsistency(99, 300, old, root, consistency));
        Assert.False(Proofs.VerifyConsistency(100, 300, old, root, []));
        Assert.False(Proofs.VerifyConsistency(100, 300, old, root, consistency.Take(consistency.Count - 1).ToList()));
        Assert.False(Proofs.VerifyConsistency(300, 100, root, old, consistency));
    }

    [Fact]
    public void Root_OfAnotherLogWithOneEntryChanged_Differs()
    {
        var leaves = Leaves(600);
        var changed = leaves.ToList();
        changed[417] = MerkleHash.Leaf([1, 2, 3]);
        Assert.NotEqual(Hex(Tree(leaves).Root(600)), Hex(Tree(changed).Root(600)));
        Assert.Equal(Hex(Tree(leaves).Root(417)), Hex(Tree(changed).Root(417)));
    }

    /// <summary>RFC 9162 §2.1.1, §2.1.3.1 and §2.1.4.1 written as the RFC writes them, over a list.</summary>
    private static class Reference
    {
        public static byte[] Root(List<byte[]> d, int start, int n) =>
            n == 0 ? MerkleHash.Empty()
            : n == 1 ? d[start]
            : MerkleHash.Node(Root(d, start, K(n)), Root(d, start + K(n), n - K(n)));

        public static List<byte[]> Path(List<byte[]> d, int m, int start, int n) =>
            n == 1 ? []
            : m < K(n) ? [.. Path(d, m, start, K(n)), Root(d, start + K(n), n - K(n))]
            : [.. Path(d, m - K(n), start + K(n), n - K(n)), Root(d, start, K(n))];

        public static List<byte[]> Proof(List<byte[]> d, int m, int n) => m == 0 || m == n ? [] : Subproof(d, m, 0, n, true);

        private static List<byte[]> Subproof(List<byte[]> d, int m, int start, int n, bool b) =>
            m == n ? (b ? [] : [Root(d, start, n)])
            : m <= K(n) ? [.. Subproof(d, m, start, K(n), b), Root(d, start + K(n), n - K(n))]
            : [.. Subproof(d, m - K(n), start + K(n), n - K(n), false), Root(d, start, K(n))];

        private static int K(int n)
        {
            var k = 1;
            while (k * 2 < n)
            {
                k *= 2;
            }

            return k;
        }
    }
}
