namespace Oversight.Detection;

/// <summary>Disjoint sets over 0..n−1, for grouping requests linked pair by pair.</summary>
internal sealed class UnionFind
{
    private readonly int[] parent;

    public UnionFind(int count)
    {
        parent = new int[count];
        for (var i = 0; i < count; i++)
        {
            parent[i] = i;
        }
    }

    public int Find(int x)
    {
        while (parent[x] != x)
        {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }

        return x;
    }

    public void Union(int a, int b)
    {
        var (ra, rb) = (Find(a), Find(b));
        if (ra != rb)
        {
            // The smaller root wins so that groups come out the same whatever the order of unions.
            parent[Math.Max(ra, rb)] = Math.Min(ra, rb);
        }
    }

    /// <summary>The groups with at least <paramref name="minSize"/> members, each in ascending order, ordered by their first member.</summary>
    public List<List<int>> Groups(int minSize)
    {
        var groups = new Dictionary<int, List<int>>();
        for (var i = 0; i < parent.Length; i++)
        {
            var root = Find(i);
            if (!groups.TryGetValue(root, out var members))
            {
                groups[root] = members = [];
            }

            members.Add(i);
        }

        return groups.Values.Where(g => g.Count >= minSize).OrderBy(g => g[0]).ToList();
    }
}
