namespace Oversight.Reports.Disclosure;

/// <summary>
/// Cell suppression as statistical agencies do it (τ-ARGUS, sdcTable): primary suppression of
/// every count from 1 to suppressBelow − 1, then complementary (secondary) suppression of a cheap
/// set of further cells until no withheld cell can be pinned to one value from everything
/// published, then a clean-up that publishes again every secondary cell that is not needed.
/// Deterministic: the same problem gives the same answer.
/// </summary>
/// <remarks>
/// A cell's cost as a secondary is (value + 1) × the weight of its table position, so small
/// interior cells are taken before totals and the period's total is never taken. Pinning is
/// judged by <see cref="Exposure"/>: the linear program over a connected group of withheld
/// cells, then branch and bound for whole numbers where the relaxation is fractional. A withheld
/// secondary cell that is pinned anyway is published, since its value is known already.
/// </remarks>
internal static class Suppression
{
    private const int TrialsPerRound = 40;

    /// <summary>
    /// How each cell of <paramref name="problem"/> is shown; null when no pattern protects every
    /// small count (with very few requests, the knowledge that each "&lt;5" is at least 1 can pin
    /// counts even when everything but the total is withheld).
    /// </summary>
    /// <param name="problem">The counts and their relations.</param>
    /// <param name="smallMarked">True when small counts are printed "&lt;5" (so a reader knows each is 1 to 4); false when every withheld count is printed alike.</param>
    public static CellState[]? Protect(DisclosureProblem problem, bool smallMarked = true)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var k = problem.SuppressBelow;
        var cells = problem.Cells;
        var states = new CellState[cells.Count];
        for (var i = 0; i < cells.Count; i++)
        {
            if (k > 1 && cells[i].Value >= 1 && cells[i].Value < k && !cells[i].IsFixed)
            {
                states[i] = CellState.Small;
            }
        }

        if (!states.Any(s => s == CellState.Small))
        {
            return states;
        }

        var relationsOf = RelationsOf(problem);

        // If withholding everything but the fixed cells cannot protect the small ones, nothing can.
        var everything = states.Select((s, i) => s == CellState.Small || problem.Cells[i].IsFixed ? s : CellState.Withheld).ToArray();
        if (new Audit(problem, everything, relationsOf, smallMarked).FirstPinned(smallOnly: true) is not null)
        {
            return null;
        }

        var audit = new Audit(problem, states, relationsOf, smallMarked);
        CloseSingletons(problem, states);

        // Only cells are added here, never taken away, so the loop ends: at worst every cell but the fixed ones is withheld.
        while (audit.FirstPinned(smallOnly: true) is { } pinned)
        {
            var complement = Complement(problem, states, relationsOf, audit, pinned);
            if (complement < 0)
            {
                return null;
            }

            states[complement] = CellState.Withheld;
        }

        CleanUp(problem, states, audit);
        return states;
    }

    /// <summary>For every published cell, the relations it appears in.</summary>
    internal static List<int>[] RelationsOf(DisclosureProblem problem)
    {
        var of = new List<int>[problem.Cells.Count];
        for (var i = 0; i < of.Length; i++)
        {
            of[i] = [];
        }

        for (var r = 0; r < problem.Relations.Count; r++)
        {
            foreach (var (cell, _) in problem.Relations[r].Terms)
            {
                if (of[cell].Count == 0 || of[cell][^1] != r)
                {
                    of[cell].Add(r);
                }
            }
        }

        return of;
    }

    /// <summary>
    /// The quick first pass: a sum with exactly one small cell withheld gives it away, so the
    /// cheapest other cell of that sum is withheld too, until no sum has a lone small cell.
    /// </summary>
    private static void CloseSingletons(DisclosureProblem problem, CellState[] states)
    {
        bool changed;
        do
        {
            changed = false;
            foreach (var relation in problem.Relations.Where(r => r.IsEquality))
            {
                var withheld = relation.Terms.Where(t => states[t.Cell] != CellState.Published).Take(2).ToList();
                if (withheld.Count != 1 || states[withheld[0].Cell] != CellState.Small)
                {
                    continue;
                }

                var partner = Cheapest(problem, states, relation.Terms.Select(t => t.Cell));
                if (partner >= 0)
                {
                    states[partner] = CellState.Withheld;
                    changed = true;
                }
            }
        }
        while (changed);
    }

    /// <summary>The secondary cell to withhold for the pinned small cell: the cheapest that frees it, else the cheapest next to it; −1 when none is left.</summary>
    private static int Complement(DisclosureProblem problem, CellState[] states, List<int>[] relationsOf, Audit audit, int pinned)
    {
        var near = Candidates(problem, states, relationsOf[pinned]);
        var wider = Candidates(problem, states, audit.GroupOf(pinned).SelectMany(c => relationsOf[c]).Distinct());
        foreach (var candidates in new[] { near, wider })
        {
            foreach (var candidate in candidates.Take(TrialsPerRound))
            {
                states[candidate] = CellState.Withheld;
                var freed = !audit.IsPinned(pinned);
                states[candidate] = CellState.Published;
                if (freed)
                {
                    return candidate;
                }
            }
        }

        return near.Concat(wider).DefaultIfEmpty(-1).First() is var fallback and >= 0
            ? fallback
            : -1;
    }

    private static List<int> Candidates(DisclosureProblem problem, CellState[] states, IEnumerable<int> relations) =>
        [.. relations.SelectMany(r => problem.Relations[r].Terms.Select(t => t.Cell))
            .Distinct()
            .Where(c => states[c] == CellState.Published && !problem.Cells[c].IsFixed)
            .OrderBy(c => problem.Cells[c].Cost).ThenBy(c => c)];

    private static int Cheapest(DisclosureProblem problem, CellState[] states, IEnumerable<int> cells) =>
        cells.Where(c => states[c] == CellState.Published && !problem.Cells[c].IsFixed)
            .OrderBy(c => problem.Cells[c].Cost).ThenBy(c => c)
            .DefaultIfEmpty(-1).First();

    /// <summary>Publishes again, dearest first, every secondary cell whose group stays unpinned without it.</summary>
    private static void CleanUp(DisclosureProblem problem, CellState[] states, Audit audit)
    {
        var secondaries = Enumerable.Range(0, states.Length)
            .Where(i => states[i] == CellState.Withheld)
            .OrderByDescending(i => problem.Cells[i].Cost).ThenByDescending(i => i)
            .ToList();
        foreach (var cell in secondaries)
        {
            if (states[cell] != CellState.Withheld)
            {
                continue;
            }

            states[cell] = CellState.Published;
            if (audit.AnySmallPinnedNear(cell))
            {
                states[cell] = CellState.Withheld;
            }
        }

        // A secondary cell that can be worked out exactly protects nothing: print it.
        while (audit.FirstPinned(smallOnly: false) is { } pinned)
        {
            if (states[pinned] != CellState.Withheld)
            {
                throw new InvalidOperationException("A small count became exposed during clean-up; the report cannot be published safely.");
            }

            states[pinned] = CellState.Published;
        }
    }
}
