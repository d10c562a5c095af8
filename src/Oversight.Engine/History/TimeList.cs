namespace Oversight.History;

/// <summary>Entries ordered by time, ties in the order they were added; answers "submitted in (from, to]" by binary search.</summary>
public sealed class TimeList
{
    private readonly List<HistoryEntry> entries = [];

    public int Count => entries.Count;

    public void Insert(HistoryEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entries.Count == 0 || entries[^1].Ticks <= entry.Ticks)
        {
            entries.Add(entry);
            return;
        }

        entries.Insert(UpperBound(entry.Ticks), entry);
    }

    /// <summary>The entries with from &lt; ticks ≤ to.</summary>
    public Range Between(long fromTicksExclusive, long toTicksInclusive)
    {
        var start = UpperBound(fromTicksExclusive);
        var end = UpperBound(toTicksInclusive);
        return new Range(entries, start, Math.Max(start, end));
    }

    /// <summary>Index of the first entry whose time is after <paramref name="ticks"/>.</summary>
    private int UpperBound(long ticks)
    {
        int lo = 0, hi = entries.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (entries[mid].Ticks <= ticks)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>A slice of a <see cref="TimeList"/>; the default value is empty.</summary>
    public readonly struct Range(List<HistoryEntry>? entries, int start, int end)
    {
        public int Count => end - start;

        public HistoryEntry this[int index] => entries![start + index];

        public Enumerator GetEnumerator() => new(entries, start, end);

        public struct Enumerator(List<HistoryEntry>? entries, int start, int end)
        {
            private int index = start - 1;

            public readonly HistoryEntry Current => entries![index];

            public bool MoveNext() => ++index < end;
        }
    }
}
