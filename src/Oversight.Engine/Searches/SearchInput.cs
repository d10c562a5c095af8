using Oversight.Requests;
using Oversight.Searches.Flock;

namespace Oversight.Searches;

/// <summary>An opened search file: the problems that make it unreadable as a whole, or its records (read once, as they are enumerated).</summary>
public sealed class SearchInput
{
    private SearchInput(IReadOnlyList<InputProblem> problems, IEnumerable<PendingSearch> pending, FlockLayout? layout, FlockStats? stats)
    {
        Problems = problems;
        Pending = pending;
        Layout = layout;
        Stats = stats;
    }

    /// <summary>Problems with the file as a whole; when there are any, there are no records.</summary>
    public IReadOnlyList<InputProblem> Problems { get; }

    /// <summary>The records, read as they are enumerated (once) but not parsed: parsing is pure, so a caller may parse many at once on several cores.</summary>
    public IEnumerable<PendingSearch> Pending { get; }

    /// <summary>The records, read and parsed as they are enumerated (once).</summary>
    public IEnumerable<SearchRecord> Records => Pending.Select(p => p.Parse());

    /// <summary>The Flock layout the file was read as; null for search JSON.</summary>
    public FlockLayout? Layout { get; }

    /// <summary>What reading a Flock export found (plates hashed, counts of 0, unknown requesters), filled in as records are read.</summary>
    public FlockStats? Stats { get; }

    public static SearchInput Failed(IReadOnlyList<InputProblem> problems) => new(problems, [], null, null);

    public static SearchInput Of(IEnumerable<PendingSearch> pending, FlockLayout? layout = null, FlockStats? stats = null) => new([], pending, layout, stats);

    public static SearchInput Of(IEnumerable<SearchRecord> records) => new([], records.Select(r => new PendingSearch(r.Line, () => r.Result)), null, null);
}

/// <summary>One record read from a file but not parsed yet; <see cref="Parse"/> is safe on any thread.</summary>
public sealed class PendingSearch(int line, Func<ParseResult<AlprSearch>> parse)
{
    /// <summary>1-based line where the record starts.</summary>
    public int Line { get; } = line;

    public SearchRecord Parse() => new(Line, parse());
}
