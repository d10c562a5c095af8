using System.Diagnostics;
using Oversight.Requests;

namespace Oversight.Worker.Cli;

/// <summary>What reading an input file gave: the valid requests and how many records were not.</summary>
internal sealed record InputRead(List<FootageRequest> Requests, int Invalid, bool Stopped, string? Error);

/// <summary>How a verb reads its history: <c>--strict</c> and the CSV column map <c>--columns</c>.</summary>
internal sealed record InputOptions(bool Strict, IReadOnlyDictionary<string, string?> Columns, bool Quiet)
{
    /// <summary>The <c>--columns</c> option every verb that reads a history takes.</summary>
    public static readonly OptionSpec ColumnsOption = new(
        "columns", "MAP", "CSV only: read another export's headers, e.g. 'Officer=requester,Case #=caseNumber'; 'Notes=-' ignores a column (docs/INPUT.md).");

    /// <summary>The options as given, or null after printing what is wrong with <c>--columns</c>.</summary>
    public static InputOptions? From(Arguments args, Console2 console, string verb)
    {
        ArgumentNullException.ThrowIfNull(args);
        var (map, problems) = RequestCsv.Layout.ParseMap(args["columns"]);
        foreach (var problem in problems)
        {
            console.Error.WriteLine($"oversight {verb}: --columns: {problem}");
        }

        return problems.Count > 0 ? null : new InputOptions(args.Has("strict"), map, args.Has("quiet"));
    }
}

/// <summary>
/// Reads a request file for a verb. A file that cannot be read at all (missing, a folder, a CSV
/// header with unknown or missing columns, a .json file that is not JSON) stops the verb before
/// any record is used; every invalid record is reported on standard error with its file, line
/// and column and then skipped, or with <c>strict</c> stops reading.
/// </summary>
internal static class InputFiles
{

    /// <summary>
    /// Reads the file and says on standard error why reading stopped, if it did; null when it
    /// stopped (the verb then exits with status 2).
    /// </summary>
    public static async Task<InputRead?> ReadForVerbAsync(string path, InputOptions options, Console2 console, string verb, Action<FootageRequest>? prepare = null)
    {
        var read = Read(path, options, console, verb, prepare);
        if (read.Error is not null)
        {
            await console.Error.WriteLineAsync(read.Error);
        }

        return read.Stopped ? null : read;
    }

    /// <summary>
    /// Reads every record, parsing them on all cores (and running <paramref name="prepare"/> on each
    /// valid request there too) while this thread reports and keeps them in file order.
    /// </summary>
    public static InputRead Read(string path, InputOptions options, Console2 console, string verb, Action<FootageRequest>? prepare = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        // Standard input carries JSONL.
        var format = path == "-" ? "stdin.jsonl" : path;
        if (!RequestFile.IsSupported(format))
        {
            return Stop($"oversight {verb}: {path}: unknown input format; use .jsonl, .json or .csv");
        }

        if (path == "-" && console.InputIsTerminal)
        {
            return Stop($"oversight {verb}: --input -: nothing is piped into standard input (… | oversight {verb} --input -)");
        }

        if (path != "-" && FileChecks.CannotRead(path) is { } unreadable)
        {
            return Stop($"oversight {verb}: {unreadable}");
        }

        var stream = path == "-" ? null : new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var reader = stream is null ? console.In : new StreamReader(stream);
        var input = RequestFile.Open(format, reader, options.Columns);
        if (input.Problems.Count > 0)
        {
            foreach (var problem in input.Problems)
            {
                console.Error.WriteLine($"{path}: {problem}");
            }

            return Stop($"oversight {verb}: nothing was read from {path}; fix the {(input.Problems.Count == 1 ? "problem" : "problems")} above");
        }

        var requests = new List<FootageRequest>();
        var invalid = 0;
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var progress = new ReadProgress(console, verb, path, stream, options.Quiet);
        // Parsed on the other cores in file order while this thread reports and keeps them.
        var records = input.Pending
            .AsParallel().AsOrdered()
            .WithDegreeOfParallelism(Math.Max(1, Environment.ProcessorCount))
            .WithMergeOptions(ParallelMergeOptions.AutoBuffered)
            .Select(pending =>
            {
                var record = pending.Parse();
                if (prepare is not null && record.Result.Value is { } parsed)
                {
                    prepare(parsed);
                }

                return record;
            });
        foreach (var record in records)
        {
            progress.Tick(requests.Count + invalid);
            if (record.Result.Value is { } request)
            {
                if (ids.Add(request.Id))
                {
                    requests.Add(request);
                    continue;
                }

                console.Error.WriteLine($"{path}: line {record.Line}: $.id: request id '{request.Id}' appears earlier in the file");
            }
            else
            {
                foreach (var problem in record.Result.Problems)
                {
                    console.Error.WriteLine($"{path}: {problem.AtLine(record.Line)}");
                }
            }

            invalid++;
            if (options.Strict)
            {
                return new InputRead(requests, invalid, true, $"oversight {verb}: {path}: stopped at the first invalid record (line {record.Line}) because of --strict");
            }
        }

        return new InputRead(requests, invalid, false, null);
    }

    private static InputRead Stop(string error) => new([], 0, true, error);

    /// <summary>A line every two seconds while a large file is read: records so far and how much of the file.</summary>
    private sealed class ReadProgress(Console2 console, string verb, string path, Stream? stream, bool quiet)
    {
        private readonly Stopwatch clock = Stopwatch.StartNew();
        private long next = 2_000;

        public void Tick(int records)
        {
            if (quiet || (records & 4095) != 0 || clock.ElapsedMilliseconds < next)
            {
                return;
            }

            next = clock.ElapsedMilliseconds + 2_000;
            var share = stream is { CanSeek: true, Length: > 0 } ? $" ({100.0 * stream.Position / stream.Length:0}% of the file)" : string.Empty;
            console.Error.WriteLine($"{verb}: reading {path}: {records:N0} records{share}");
        }
    }
}
