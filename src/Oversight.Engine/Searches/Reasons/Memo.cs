using System.Collections.Concurrent;

namespace Oversight.Searches.Reasons;

/// <summary>
/// Answers remembered for texts that repeat: an agency's officers type a few dozen distinct reasons
/// over thousands of searches, so reading each once is enough. Bounded: once full, new texts are
/// answered without being kept. Safe from many threads; the answers are pure functions of the key.
/// </summary>
internal sealed class Memo<TKey, TValue>(Func<TKey, TValue> compute, int capacity = 65_536)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, TValue> answers = new();

    public TValue this[TKey key]
    {
        get
        {
            if (answers.TryGetValue(key, out var known))
            {
                return known;
            }

            var value = compute(key);
            if (answers.Count < capacity)
            {
                answers.TryAdd(key, value);
            }

            return value;
        }
    }
}
