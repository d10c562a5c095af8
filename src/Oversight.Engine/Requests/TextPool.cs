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

        return Pool.Count < MaxEntries ? Pool.GetOrAdd(text, text) : text;
    }
}
