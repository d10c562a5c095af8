using System.Text;

namespace Oversight.Reports.Disclosure;

/// <summary>
/// Checks a suppression pattern group by group: withheld cells linked through a relation form a
/// group, and each group is one linear program (<see cref="Exposure"/>). A group found clean is
/// remembered by its members and their states, so only groups that changed are checked again.
/// </summary>
internal sealed class Audit(DisclosureProblem problem, CellState[] states, List<int>[] relationsOf, bool smallMarked = true)
{
    private readonly HashSet<string> clean = new(StringComparer.Ordinal);
    private readonly HashSet<string> smallClean = new(StringComparer.Ordinal);

    /// <summary>The first withheld cell (by group, then by cell; only small ones when <paramref name="smallOnly"/>) that can be pinned, or null when none can.</summary>
    public int? FirstPinned(bool smallOnly)
    {
        var remembered = smallOnly ? smallClean : clean;
        foreach (var group in Groups())
        {
            var key = Key(group);
            if (clean.Contains(key) || remembered.Contains(key))
            {
                continue;
            }

            var exposure = Exposure.Of(problem, states, group, relationsOf, smallMarked);
            foreach (var cell in group)
            {
                if ((!smallOnly || states[cell] == CellState.Small) && exposure.IsPinned(cell, problem.Cells[cell].Value))
                {
                    return cell;
                }
            }

            remembered.Add(key);
        }

        return null;
    }

    /// <summary>True when the withheld cell can be pinned under the current pattern.</summary>
    public bool IsPinned(int cell)
    {
        var group = GroupOf(cell);
        return Exposure.Of(problem, states, group, relationsOf, smallMarked).IsPinned(cell, problem.Cells[cell].Value);
    }

    /// <summary>True when a small cell in any group next to <paramref name="cell"/> can be pinned.</summary>
    public bool AnySmallPinnedNear(int cell)
    {
        var near = relationsOf[cell]
            .SelectMany(r => problem.Relations[r].Terms.Select(t => t.Cell))
            .Where(c => states[c] != CellState.Published)
            .ToHashSet();
        foreach (var group in Groups().Where(g => g.Any(near.Contains)))
        {
            var key = Key(group);
            if (clean.Contains(key) || smallClean.Contains(key))
            {
                continue;
            }

            var exposure = Exposure.Of(problem, states, group, relationsOf, smallMarked);
            if (group.Any(c => states[c] == CellState.Small && exposure.IsPinned(c, problem.Cells[c].Value)))
            {
                return true;
            }

            smallClean.Add(key);
        }

        return false;
    }

    /// <summary>The group holding a withheld cell.</summary>
    public List<int> GroupOf(int cell) => Groups().First(g => g.Contains(cell));

    /// <summary>Withheld cells grouped by the relations that link them, each group in cell order, groups by their first cell.</summary>
    public List<List<int>> Groups()
    {
        var parent = new int[states.Length];
        for (var i = 0; i < parent.Length; i++)
        {
            parent[i] = i;
        }

        int Find(int i)
        {
            while (parent[i] != i)
            {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }

            return i;
        }

        foreach (var relation in problem.Relations)
        {
            var first = -1;
            foreach (var (cell, _) in relation.Terms)
            {
                if (states[cell] == CellState.Published)
                {
                    continue;
                }

                if (first < 0)
                {
                    first = cell;
                }
                else
                {
                    var (x, y) = (Find(first), Find(cell));
                    if (x != y)
                    {
                        parent[Math.Max(x, y)] = Math.Min(x, y);
                    }
                }
            }
        }

        var groups = new SortedDictionary<int, List<int>>();
        for (var i = 0; i < states.Length; i++)
        {
            if (states[i] == CellState.Published)
            {
                continue;
            }

            var root = Find(i);
            if (!groups.TryGetValue(root, out var group))
            {
                groups[root] = group = [];
            }

            group.Add(i);
        }

        return [.. groups.Values];
    }

    private string Key(List<int> group)
    {
        var key = new StringBuilder(group.Count * 6);
        foreach (var cell in group)
        {
            key.Append(cell).Append(states[cell] == CellState.Small ? 's' : 'w');
        }

        return key.ToString();
    }
}
