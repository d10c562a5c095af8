using Oversight.Gate;
using Oversight.Storage;

namespace Oversight.Worker.Service;

/// <summary>Which verified entries a page of the log shows: each filter is optional.</summary>
/// <param name="Agency">Only this agency's entries (an agency key's own, always).</param>
/// <param name="Outcome">Only entries with this decision.</param>
/// <param name="Rule">Only entries whose decision violated the rule with this id.</param>
/// <param name="FromTicks">Only entries submitted at or after this time (UTC ticks).</param>
/// <param name="ToTicks">Only entries submitted before this time (UTC ticks).</param>
public sealed record EntryFilter(string? Agency = null, DecisionOutcome? Outcome = null, string? Rule = null, long? FromTicks = null, long? ToTicks = null);

/// <summary>A page of verified entries, newest first, with how many match in all and the cursor of the next page.</summary>
public sealed record EntryPage(IReadOnlyList<EntryFacts> Entries, long Total, long? Next);

public sealed partial class GateService
{
    /// <summary>Each agency's entries, as positions in the facts, in log order: an agency's pages walk its own entries only.</summary>
    private readonly Dictionary<string, List<int>> factsOfAgency = new(StringComparer.Ordinal);

    /// <summary>The agencies with entries in the log, by name.</summary>
    public IReadOnlyList<string> Agencies
    {
        get
        {
            lock (factsLock)
            {
                return [.. factsOfAgency.Keys.Order(StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>When the earliest verified entry up to <paramref name="upTo"/> (a sequence) was submitted (UTC ticks); null when there is none.</summary>
    public long? EarliestSubmitted(long upTo)
    {
        long? earliest = null;
        lock (factsLock)
        {
            foreach (var e in facts)
            {
                if (e.Sequence <= upTo && (earliest is null || e.SubmittedAtTicks < earliest))
                {
                    earliest = e.SubmittedAtTicks;
                }
            }
        }

        return earliest;
    }

    /// <summary>The rules violated by the entry's decision, as its bytes say.</summary>
    public IReadOnlyList<string> ViolatedBy(EntryFacts entry) => violatedSets[entry.Violated];

    /// <summary>
    /// One page of the verified entries that <paramref name="filter"/> selects, newest first, read
    /// from what the entries say (never the columns beside them). Positions are the entries' places
    /// in the whole log, or, with <paramref name="byAgency"/>, among their agency's own entries, so
    /// that an agency's cursor says nothing of other agencies. Walks back from the cursor until the
    /// page is full, then counts the rest; nothing is read from the database.
    /// </summary>
    /// <param name="filter">What to select.</param>
    /// <param name="before">Only entries before this position (the previous page's <see cref="EntryPage.Next"/>).</param>
    /// <param name="take">Entries per page.</param>
    /// <param name="byAgency">Positions are places among the agency's entries (requires <see cref="EntryFilter.Agency"/>).</param>
    public EntryPage Page(EntryFilter filter, long? before, int take, bool byAgency)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(take, 1);
        if (byAgency && filter.Agency is null)
        {
            throw new ArgumentException("Places among an agency's entries need the agency.", nameof(byAgency));
        }

        var page = new List<EntryFacts>(take);
        long total = 0;
        lock (factsLock)
        {
            var rule = filter.Rule is null ? null : violatedSets.Containing(filter.Rule);
            List<int>? own = null;
            if (filter.Agency is { } agency && !factsOfAgency.TryGetValue(agency, out own))
            {
                return new EntryPage([], 0, null);
            }

            for (var n = (own?.Count ?? facts.Count) - 1; n >= 0; n--)
            {
                var e = facts[own is null ? n : own[n]];
                if ((filter.Outcome is { } outcome && e.Outcome != outcome)
                    || (rule is not null && (e.Violated >= rule.Length || !rule[e.Violated]))
                    || (filter.FromTicks is { } from && e.SubmittedAtTicks < from)
                    || (filter.ToTicks is { } to && e.SubmittedAtTicks >= to))
                {
                    continue;
                }

                total++;
                var position = byAgency ? e.AgencySequence : e.Sequence;
                if (page.Count < take && (before is not { } cursor || position < cursor))
                {
                    page.Add(e);
                }
            }
        }

        var full = page.Count == take;
        long? next = full ? (byAgency ? page[^1].AgencySequence : page[^1].Sequence) : null;
        return new EntryPage(page, total, next);
    }

    /// <summary>Folds in what other processes appended when the last look is older than <see cref="CheckFreshness"/> (PostgreSQL only; on SQLite this process appends everything).</summary>
    public async Task FreshenAsync(CancellationToken cancellationToken)
    {
        if (database.Provider == DatabaseProvider.Postgres && time.GetElapsedTime(lastCatchUp) > CheckFreshness)
        {
            await RefreshAsync(cancellationToken);
        }
    }

    /// <summary>The distinct sets of violated rule ids, interned: an entry keeps the index of its set.</summary>
    private sealed class ViolatedSets
    {
        private readonly Dictionary<string, int> byKey = new(StringComparer.Ordinal) { [string.Empty] = 0 };
        private readonly List<string[]> sets = [[]];

        public string[] this[int index]
        {
            get
            {
                lock (sets)
                {
                    return sets[index];
                }
            }
        }

        public int Intern(string[] ids)
        {
            if (ids.Length == 0)
            {
                return 0;
            }

            var key = string.Join('\n', ids);
            lock (sets)
            {
                if (!byKey.TryGetValue(key, out var index))
                {
                    index = sets.Count;
                    sets.Add(ids);
                    byKey[key] = index;
                }

                return index;
            }
        }

        /// <summary>For each set, whether it holds the rule.</summary>
        public bool[] Containing(string rule)
        {
            lock (sets)
            {
                return [.. sets.Select(s => Array.IndexOf(s, rule) >= 0)];
            }
        }
    }
}
