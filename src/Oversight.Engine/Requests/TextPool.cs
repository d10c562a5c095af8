using System.Collections.Concurrent;

namespace Oversight.Requests;

/// <summary>
/// One shared instance of short texts that repeat across many requests (agencies, requesters,
/// incident types, stock descriptions), so a large history holds each only once. The pool is
/// bounded: once full, new texts are kept as they are.
/// </summary>
internal static class TextPool
{
    private const int MaxEntries = 16_384;

    private const int MaxLength = 200;

    private static readonly ConcurrentDictionary<string, string> Pool = new(StringComparer.Ordinal);

    /// <summary>
    /// How many texts the pool holds, kept apart: <see cref="ConcurrentDictionary{TKey, TValue}.Count"/>
    /// takes every lock of the dictionary, and asking it for each unknown text made parsing on many
    /// cores wait on one another. Two threads adding at once may both count; the bound stays a bound.
    /// </summary>
    private static int count;

    public static string? Share(string? text)
    {
        if (text is null || text.Length > MaxLength)
        {
            return text;
        }

        if (Pool.TryGetValue(text, out var shared))
        {
            return shared;
        }

        if (Volatile.Read(ref count) >= MaxEntries)
        {
            return text;
        }

        var kept = Pool.GetOrAdd(text, text);
        if (ReferenceEquals(kept, text))
        {
            Interlocked.Increment(ref count);
        }

        return kept;
    }
}
