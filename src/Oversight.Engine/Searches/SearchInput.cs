using Oversight.Requests;
using Oversight.Searches.Flock;

namespace Oversight.Searches;

/// <summary>An opened search file: the problems that make it unreadable as a whole, or its records (read once, as they are enumerated).</summary>
public sealed class SearchInput
{
    private SearchInput(IReadOnlyList<InputProblem> problems, IEnumerable<SearchRecord> records, FlockLayout? layout, FlockStats? stats)
    {
        Problems = problems;
        Records = records;
        Layout = layout;
        Stats = stats;
    }

    /// <summary>Problems with the file as a whole; when there are any, there are no records.</summary>
    public IReadOnlyList<InputProblem> Problems { get; }

    public IEnumerable<SearchRecord> Records { get; }

    /// <summary>The Flock layout the file was read as; null for search JSON.</summary>
    public FlockLayout? Layout { get; }

    /// <summary>What reading a Flock export found (plates hashed, counts of 0, unknown requesters), filled in as records are read.</summary>
    public FlockStats? Stats { get; }

    public static SearchInput Failed(IReadOnlyList<InputProblem> problems) => new(problems, [], null, null);

    public static SearchInput Of(IEnumerable<SearchRecord> records, FlockLayout? layout = null, FlockStats? stats = null) => new([], records, layout, stats);
}
