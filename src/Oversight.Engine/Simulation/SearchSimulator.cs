using Oversight.Policies;
using Oversight.Searches;
using Oversight.Searches.Audit;

namespace Oversight.Simulation;

/// <summary>
/// Audits one set of ALPR searches under two search policies. In audit mode every search counts
/// toward both policies' counting rules whatever either says of it, so the two audits see the same
/// history: what changes is only what each policy makes of every search.
/// </summary>
public static class SearchSimulator
{
    /// <param name="baseline">The policy in force (subject alpr-searches).</param>
    /// <param name="candidate">The policy proposed (subject alpr-searches).</param>
    /// <param name="ordered">The searches in order (<see cref="SearchAudit.InOrder"/>).</param>
    /// <param name="progress">Called with the number of searches done, every 10,000.</param>
    public static SimulationResult Run(Policy baseline, Policy candidate, IReadOnlyList<AlprSearch> ordered, Action<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(ordered);
        var history = new SearchHistory();
        var tally = new Simulator.Tally(baseline, candidate);
        for (var i = 0; i < ordered.Count; i++)
        {
            var search = ordered[i];
            var before = SearchAudit.Evaluate(baseline, search, history);
            var after = SearchAudit.Evaluate(candidate, search, history);
            history.Add(search);
            tally.Add(Judged(before), Judged(after));
            if ((i + 1) % 10_000 == 0)
            {
                progress?.Invoke(i + 1);
            }
        }

        return tally.Result();
    }

    private static Simulator.Judged Judged(SearchDecision d) =>
        new(d.Search.Id, d.Search.Agency, d.Search.SearchedAt, d.Outcome, d.Rules, d.Exemptions);
}
