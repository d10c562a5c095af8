using System.Diagnostics;
using Oversight.Requests;

namespace Oversight.Worker.Cli;

/// <summary>
/// A request file opened for a verb: problems with the file as a whole (missing, a folder, a CSV
/// header that does not fit, a .json file that is not JSON) are found on opening, before any record
/// is read. Records are then parsed on all cores, ahead of the caller, and handed over in file
/// order; every invalid record is reported on standard error with its file, line and column and
/// skipped, or with <c>--strict</c> ends the reading.
/// </summary>
internal sealed class InputReader : IDisposable
{
    private readonly string path;
    private readonly InputOptions options;
    private readonly Console2 console;
    private readonly string verb;
    private readonly Stream? stream;
    private readonly TextReader reader;
    private readonly RequestInput input;

    private InputReader(string path, InputOptions options, Console2 console, string verb, Stream? stream, TextReader reader, RequestInput input)
    {
        this.path = path;
        this.options = options;
        this.console = console;
        this.verb = verb;
        this.stream = stream;
        this.reader = reader;
        this.input = input;
    }

    /// <summary>Invalid records (and repeated ids) met so far.</summary>
    public int Invalid { get; private set; }

    /// <summary>Each invalid record's line and what was wrong with it (for the report's Coverage sheet).</summary>
    public List<(int Line, string Reason)> Rejected { get; } = [];

    /// <summary>The line of the last record handed over or reported.</summary>
    public int Line { get; private set; }

    /// <summary>Problems of records up to this line are not printed again (they were, on an earlier reading of the file).</summary>
    public int ReportedThrough { get; private set; }

    /// <summary>Why reading stopped early (an invalid record with --strict); null while it has not.</summary>
    public string? Error { get; private set; }

    /// <summary>How much of the file has been read, as a share; null for standard input.</summary>
    public double? Share => stream is { CanSeek: true, Length: > 0 } ? (double)stream.Position / stream.Length : null;

    /// <summary>True when the file can be read again from the start (not standard input).</summary>
    public bool CanReread => stream is not null;

    /// <summary>The same file opened again from the start, printing no problem already printed by this reading.</summary>
    public InputReader? Reopen(out string? error)
    {
        var again = Open(path, options, console, verb, out error);
        again?.ReportedThrough = Math.Max(ReportedThrough, Line);
        return again;
    }

    /// <summary>Opens the file, or says (in <paramref name="error"/>, after printing any header problems) why it cannot be read at all.</summary>
    public static InputReader? Open(string path, InputOptions options, Console2 console, string verb, out string? error)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(console);
        error = null;

        // Standard input carries JSONL.
        var format = path == "-" ? "stdin.jsonl" : path;
        if (!RequestFile.IsSupported(format))
        {
            error = $"oversight {verb}: {path}: unknown input format; use .jsonl, .json or .csv";
            return null;
        }

        if (path == "-" && console.InputIsTerminal)
        {
            error = $"oversight {verb}: --input -: nothing is piped into standard input (… | oversight {verb} --input -)";
            return null;
        }

        if (path != "-" && FileChecks.CannotRead(path) is { } unreadable)
        {
            error = $"oversight {verb}: {unreadable}";
            return null;
        }

        var stream = path == "-" ? null : new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var reader = stream is null ? console.In : new StreamReader(stream);
        var input = RequestFile.Open(format, reader, options.Columns, options.Limits);
        if (input.Problems.Count > 0)
        {
            foreach (var problem in input.Problems)
            {
                console.Error.WriteLine($"{path}: {problem}");
            }

            reader.Dispose();
            error = $"oversight {verb}: nothing was read from {path}; fix the {(input.Problems.Count == 1 ? "problem" : "problems")} above";
            return null;
        }

        return new InputReader(path, options, console, verb, stream, reader, input);
    }

    /// <summary>
    /// The valid requests in file order, each id once (a repeated id is an invalid record).
    /// Records are parsed on all cores ahead of the caller. Enumerate once; with
    /// <paramref name="showProgress"/> false the caller reports progress itself.
    /// </summary>
    public IEnumerable<FootageRequest> Requests(bool showProgress = true)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var kept = 0;
        var progress = new ReadProgress(this, showProgress);
        var records = input.Pending
            .AsParallel().AsOrdered()
            .WithDegreeOfParallelism(Math.Max(1, Environment.ProcessorCount))
            .WithMergeOptions(ParallelMergeOptions.AutoBuffered)
            .Select(pending => pending.Parse());
        foreach (var record in records)
        {
            progress.Tick(kept + Invalid);
            Line = record.Line;
            var report = record.Line > ReportedThrough;
            if (record.Result.Value is { } request)
            {
                if (ids.Add(request.Id))
                {
                    kept++;
                    yield return request;
                    continue;
                }

                var repeated = $"$.id: request id '{request.Id}' appears earlier in the file";
                Rejected.Add((record.Line, repeated));
                if (report)
                {
                    console.Error.WriteLine($"{path}: line {record.Line}: {repeated}");
                }
            }
            else
            {
                Rejected.Add((record.Line, string.Join("; ", record.Result.Problems.Select(p => p with { Line = null, Column = null }))));
                if (report)
                {
                    foreach (var problem in record.Result.Problems)
                    {
                        console.Error.WriteLine($"{path}: {problem.AtLine(record.Line)}");
                    }
                }
            }

            Invalid++;
            if (options.Strict)
            {
                Error = $"oversight {verb}: {path}: stopped at the first invalid record (line {record.Line}) because of --strict";
                yield break;
            }
        }
    }

    public void Dispose() => reader.Dispose();

    /// <summary>A line every two seconds while a large file is read: records so far and how much of the file.</summary>
    private sealed class ReadProgress(InputReader owner, bool show)
    {
        private readonly Stopwatch clock = Stopwatch.StartNew();
        private long next = 2_000;

        public void Tick(int records)
        {
            if (!show || owner.options.Quiet || (records & 4095) != 0 || clock.ElapsedMilliseconds < next)
            {
                return;
            }

            next = clock.ElapsedMilliseconds + 2_000;
            var share = owner.Share is { } s ? $" ({100 * s:0}% of the file)" : string.Empty;
            owner.console.Error.WriteLine($"{owner.verb}: reading {owner.path}: {records:N0} records{share}");
        }
    }
}
