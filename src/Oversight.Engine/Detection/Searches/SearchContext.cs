using Oversight.Policies;
using Oversight.Searches;
using Oversight.Searches.Audit;
using Oversight.Searches.Reasons;

namespace Oversight.Detection.Searches;

/// <summary>
/// What every search detector reads: the searches in time order with their local days, weeks and
/// minutes, their counting keys (an unknown officer has none), whether each reason is vague by the
/// policy's vague-reason rules, and the agencies' and officers' searches.
/// </summary>
internal sealed class SearchContext
{
    public SearchContext(Policy policy, IReadOnlyList<AlprSearch> searches)
    {
        Policy = policy;
        Settings = policy.Detection;
        Searches = SearchAudit.InOrder(searches);
        var n = Searches.Count;
        Ticks = new long[n];
        Day = new int[n];
        Minute = new int[n];
        Keys = new SearchKeys[n];
        Vague = new bool[n];
        var vague = policy.Rules.OfType<VagueReasonRule>().ToList();
        HasVagueRule = vague.Count > 0;
        // Each search's own facts on every core (the readers of reasons remember what they read, safely from many threads); then the groups, in order.
        Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0, n, Math.Max(1024, n / (8 * Environment.ProcessorCount) + 1)), range =>
        {
            for (var i = range.Item1; i < range.Item2; i++)
            {
                var search = Searches[i];
                Ticks[i] = search.SearchedAt.UtcTicks;
                var local = Local(Ticks[i]);
                Day[i] = DateOnly.FromDateTime(local.Date).DayNumber;
                Minute[i] = (local.Hour * 60) + local.Minute;
                Keys[i] = SearchKeys.Of(search);
                Vague[i] = vague.Any(rule => search.Text(rule.Field) is { } text && rule.Phrases.Match(text) is not null);
            }
        });
        var agencies = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var officers = new Dictionary<(string, string), List<int>>();
        for (var i = 0; i < n; i++)
        {
            Add(agencies, Keys[i].Agency, i);
            if (Keys[i].Requester is { } officer)
            {
                Add(officers, (Keys[i].Agency, officer), i);
            }
        }

        FirstDay = n == 0 ? 0 : Day.Min();
        LastDay = n == 0 ? 0 : Day.Max();
        ByAgency = [.. agencies.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, (IReadOnlyList<int>)p.Value))];
        ByOfficer = [.. officers.OrderBy(p => p.Key.Item1, StringComparer.Ordinal).ThenBy(p => p.Key.Item2, StringComparer.Ordinal).Select(p => (p.Key.Item1, p.Key.Item2, (IReadOnlyList<int>)p.Value))];
    }

    public Policy Policy { get; }

    public DetectionSettings Settings { get; }

    /// <summary>The searches in time order (ties in input order).</summary>
    public List<AlprSearch> Searches { get; }

    public long[] Ticks { get; }

    /// <summary>Each search's local day number (the policy's time zone).</summary>
    public int[] Day { get; }

    /// <summary>Each search's local minute of the day.</summary>
    public int[] Minute { get; }

    public SearchKeys[] Keys { get; }

    /// <summary>True where the policy's vague-reason rules find the reason vague.</summary>
    public bool[] Vague { get; }

    public bool HasVagueRule { get; }

    public int FirstDay { get; }

    public int LastDay { get; }

    /// <summary>Each agency's searches (folded agency key), in time order.</summary>
    public IReadOnlyList<(string Agency, IReadOnlyList<int> Indices)> ByAgency { get; }

    /// <summary>Each known officer's searches within their agency, in time order; unknown officers are in no group.</summary>
    public IReadOnlyList<(string Agency, string Officer, IReadOnlyList<int> Indices)> ByOfficer { get; }

    public DateTimeOffset Local(long utcTicks) => TimeZoneInfo.ConvertTime(new DateTimeOffset(utcTicks, TimeSpan.Zero), Policy.TimeZone);

    /// <summary>The agency as written in the first of the searches (the folded key is what groups them).</summary>
    public string AgencyOf(IReadOnlyList<int> indices) => Searches[indices[0]].Agency;

    /// <summary>The agency's plain name from the policy, else its id.</summary>
    public string AgencyName(IReadOnlyList<int> indices) => Policy.AgencyName(AgencyOf(indices));

    public IReadOnlyList<string> Ids(IEnumerable<int> indices) => [.. indices.Order().Select(i => Searches[i].Id)];

    public (DateTimeOffset First, DateTimeOffset Last) Span(IEnumerable<int> indices)
    {
        var list = indices.ToList();
        return (Searches[list.Min()].SearchedAt, Searches[list.Max()].SearchedAt);
    }

    /// <summary>The Monday (local day number) of the week holding a local day.</summary>
    public static int Monday(int day) => day - (((int)DateOnly.FromDayNumber(day).DayOfWeek + 6) % 7);

    public static string Date(int day) => DateOnly.FromDayNumber(day).ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture);

    private static void Add<TKey>(Dictionary<TKey, List<int>> groups, TKey key, int index)
        where TKey : notnull
    {
        if (!groups.TryGetValue(key, out var list))
        {
            groups[key] = list = [];
        }

        list.Add(index);
    }
}
