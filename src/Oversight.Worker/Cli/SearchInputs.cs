using Oversight.Searches;
using Oversight.Searches.Flock;

namespace Oversight.Worker.Cli;

/// <summary>What reading search files gave: the valid searches, how many records were not, and what the readers noticed.</summary>
internal sealed record SearchRead(List<AlprSearch> Searches, int Invalid, int Duplicates, List<(int Line, string Reason)> Rejected, List<string> Layouts, int PlatesHashed, int ZeroCounts);

/// <summary>
/// Reads ALPR search files for a verb: search JSON/JSONL, or Flock exports (portal CSV, organization
/// or network audits) straight from the agency. A file that cannot be read as a whole (an unknown
/// layout, a portal export without --agency) stops the verb; every invalid record is reported with its
/// file, line and column and skipped, or with --strict stops reading. A search id seen before
/// (overlapping downloads of a 30-day portal) is kept once when the rows agree and reported when they
/// do not.
/// </summary>
internal static class SearchInputs
{
    /// <summary>The options of a verb that reads searches: the agency where an export names none, and the plate key.</summary>
    public static readonly OptionSpec AgencyOption = new(
        "agency", "A", "Flock exports: the agency id of searches whose file names none (the portal CSV), e.g. eugene-or-pd.");

    /// <summary>True when <paramref name="path"/> holds searches, judged from its first few kilobytes.</summary>
    public static bool HoldsSearches(string path)
    {
        if (path == "-" || !File.Exists(path))
        {
            return false;
        }

        try
        {
            using var reader = new StreamReader(path);
            var buffer = new char[8192];
            var read = reader.ReadBlock(buffer, 0, buffer.Length);
            return SearchFile.Sniff(path, new string(buffer, 0, read)) == RecordKind.AlprSearches;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Reads every file; null (after saying why on standard error) when reading stopped.</summary>
    public static async Task<SearchRead?> ReadAsync(IReadOnlyList<string> paths, FlockOptions options, bool strict, Console2 console, string verb)
    {
        var searches = new List<AlprSearch>();
        var seen = new Dictionary<string, AlprSearch>(StringComparer.Ordinal);
        var rejected = new List<(int, string)>();
        var layouts = new List<string>();
        int invalid = 0, duplicates = 0, plates = 0, zeros = 0;
        foreach (var path in paths)
        {
            if (path == "-" || Path.GetExtension(path).ToLowerInvariant() is not (".csv" or ".jsonl" or ".ndjson" or ".json"))
            {
                await console.Error.WriteLineAsync($"oversight {verb}: {path}: unknown input format; use .csv (a Flock export), .jsonl or .json (searches)");
                return null;
            }

            if (FileChecks.CannotRead(path) is { } unreadable)
            {
                await console.Error.WriteLineAsync($"oversight {verb}: {unreadable}");
                return null;
            }

            using var reader = new StreamReader(path);
            var input = SearchFile.Open(path, reader, options);
            if (input.Problems.Count > 0)
            {
                foreach (var problem in input.Problems)
                {
                    await console.Error.WriteLineAsync($"{path}: {problem}");
                }

                await console.Error.WriteLineAsync($"oversight {verb}: nothing was read from {path}; fix the {(input.Problems.Count == 1 ? "problem" : "problems")} above");
                return null;
            }

            layouts.Add(input.Layout?.Name ?? "search-json");
            // Parsed on every core in file order while this thread reports and keeps them.
            var records = input.Pending
                .AsParallel().AsOrdered()
                .WithDegreeOfParallelism(Math.Max(1, Environment.ProcessorCount))
                .WithMergeOptions(ParallelMergeOptions.AutoBuffered)
                .Select(pending => pending.Parse());
            foreach (var record in records)
            {
                if (record.Result.Value is { } search)
                {
                    if (!seen.TryGetValue(search.Id, out var earlier))
                    {
                        seen[search.Id] = search;
                        searches.Add(search);
                        continue;
                    }

                    if (earlier == search)
                    {
                        duplicates++;
                        continue;
                    }

                    var reason = $"id: search id '{search.Id}' was read before with other values";
                    console.Error.WriteLine($"{path}: line {record.Line}: {reason}");
                    rejected.Add((record.Line, reason));
                }
                else
                {
                    foreach (var problem in record.Result.Problems)
                    {
                        console.Error.WriteLine($"{path}: {problem.AtLine(record.Line)}");
                    }

                    rejected.Add((record.Line, string.Join("; ", record.Result.Problems.Select(p => p with { Line = null, Column = null }))));
                }

                invalid++;
                if (strict)
                {
                    console.Error.WriteLine($"oversight {verb}: {path}: stopped at the first invalid record (line {record.Line}) because of --strict");
                    return null;
                }
            }

            plates += input.Stats?.PlatesHashed ?? 0;
            zeros += input.Stats?.ZeroCounts ?? 0;
        }

        return new SearchRead(searches, invalid, duplicates, rejected, layouts, plates, zeros);
    }
}
