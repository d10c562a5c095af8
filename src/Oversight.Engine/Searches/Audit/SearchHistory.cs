using Oversight.Policies;
using Oversight.Searches.Reasons;
using Oversight.Text;

namespace Oversight.Searches.Audit;

/// <summary>
/// The searches that counting rules look back on: search times per agency, per officer within the
/// agency and per case number within the agency, each kept in order. In audit mode every search is
/// added whatever its outcome (it happened). Keys are folded (<see cref="TextFold.Key"/>).
/// </summary>
public sealed class SearchHistory
{
    private readonly Dictionary<string, Times> byAgency = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, string), Times> byRequester = [];
    private readonly Dictionary<(string, string), Times> byCase = [];

    public int Count { get; private set; }

    public void Add(AlprSearch search)
    {
        ArgumentNullException.ThrowIfNull(search);
        var keys = SearchKeys.Of(search);
        var ticks = search.SearchedAt.UtcTicks;
        Get(byAgency, keys.Agency).Add(ticks);
        if (keys.Requester is { } requester)
        {
            Get(byRequester, (keys.Agency, requester)).Add(ticks);
        }

        if (keys.Case is { } caseKey)
        {
            Get(byCase, (keys.Agency, caseKey)).Add(ticks);
        }

        Count++;
    }

    /// <summary>How many searches with the key were made in (from, to].</summary>
    public int CountBetween(CountKey key, in SearchKeys keys, long fromExclusive, long toInclusive)
    {
        Times? times = key switch
        {
            CountKey.Agency => byAgency.GetValueOrDefault(keys.Agency),
            CountKey.Requester when keys.Requester is { } r => byRequester.GetValueOrDefault((keys.Agency, r)),
            CountKey.Case when keys.Case is { } c => byCase.GetValueOrDefault((keys.Agency, c)),
            _ => null,
        };
        return times?.Between(fromExclusive, toInclusive) ?? 0;
    }

    private static Times Get<TKey>(Dictionary<TKey, Times> lists, TKey key)
        where TKey : notnull
    {
        if (!lists.TryGetValue(key, out var times))
        {
            lists[key] = times = new Times();
        }

        return times;
    }

    /// <summary>Times in order; answers "how many in (from, to]" by binary search.</summary>
    private sealed class Times
    {
        private readonly List<long> ticks = [];

        public void Add(long t)
        {
            if (ticks.Count == 0 || ticks[^1] <= t)
            {
                ticks.Add(t);
            }
            else
            {
                ticks.Insert(UpperBound(t), t);
            }
        }

        public int Between(long from, long to) => Math.Max(0, UpperBound(to) - UpperBound(from));

        /// <summary>Index of the first time after <paramref name="t"/>.</summary>
        private int UpperBound(long t)
        {
            int lo = 0, hi = ticks.Count;
            while (lo < hi)
            {
                var mid = (lo + hi) >>> 1;
                (lo, hi) = ticks[mid] <= t ? (mid + 1, hi) : (lo, mid);
            }

            return lo;
        }
    }
}

/// <summary>
/// The keys a search is counted under, folded. A masked requester has none (unknown officers are
/// never counted as one). The case is the case number, or — where the export does not publish case
/// numbers — one typed into the reason (<see cref="CaseNumbers.InReason"/>).
/// </summary>
public readonly record struct SearchKeys(string Agency, string? Requester, string? Case)
{
    public static SearchKeys Of(AlprSearch search)
    {
        ArgumentNullException.ThrowIfNull(search);
        var requester = search.Requester is { } r ? TextFold.Key(r) : null;
        var caseKey = (search.CaseNumber ?? CaseNumbers.InReason(search.Reason)) is { } c ? TextFold.Key(c) : null;
        return new(TextFold.Key(search.Agency), string.IsNullOrEmpty(requester) ? null : requester, string.IsNullOrEmpty(caseKey) ? null : caseKey);
    }
}
