using System.Diagnostics;
using System.Text.Json;
using Oversight.Gate;
using Oversight.History;
using Oversight.Policies;
using Oversight.Requests;

namespace Oversight.Worker.Cli;

/// <summary><c>oversight replay</c>: gate a whole history in submittedAt order, one decision per line (or only the counts).</summary>
internal sealed class ReplayVerb : IVerb
{
    public VerbSpec Spec { get; } = new(
        "replay",
        "Gate a whole history in submittedAt order (ties in input order) and write one decision JSON per line.",
        "replay --policy P --input F [--out decisions.jsonl] [--summary] [--strict] [--columns MAP] [--quiet]",
        [
            new("policy", "P", "Policy YAML file.", Required: true),
            new("input", "F", "Requests: .jsonl, .json or .csv ('-' reads JSONL from standard input).", Required: true),
            new("out", "FILE", "Write here instead of standard output."),
            new("summary", null, "Write only the counts: decisions by outcome, violated and waived rules, decisions by agency (one JSON object; for searches, by audit outcome with the rules violated and not published)."),
            new("strict", null, "Stop at the first invalid record instead of reporting and skipping it."),
            InputOptions.ColumnsOption,
            new("quiet", null, "No progress or summary on standard error."),
            SearchVerbs.AuditOption,
            SearchInputs.AgencyOption,
            PlateKeys.Option,
        ],
        "Invalid records are reported on standard error with line and column, counted and skipped.\n" +
        "Records are parsed on every core and decisions written by the other cores while the gate goes on.\n" +
        "A file already in submittedAt order (an export usually is) is gated while it is read, when the\n" +
        "decisions go to --out or only the --summary is written; otherwise it is read whole, then sorted.\n" +
        "Exit status: 0 done; 2 invalid policy, unreadable input, an output that cannot be written, or an\n" +
        "invalid record with --strict.");

    public async Task<int> RunAsync(Arguments args, Console2 console)
    {
        if (!FileChecks.Usable(args, console, "replay", ["policy", "input"], ["out"]))
        {
            return ExitCodes.Invalid;
        }

        var policy = PolicyFiles.Load(args["policy"]!, console, "replay");
        if (policy is null || InputOptions.From(args, console, "replay") is not { } given)
        {
            return ExitCodes.Invalid;
        }

        switch (await SearchVerbs.OnSearchesAsync(args, policy, args["input"]!, console, "replay"))
        {
            case true: return await SearchVerbs.ReplayAsync(args, console, policy);
            case false: return ExitCodes.Invalid;
        }

        var options = given with { Limits = policy.Limits };

        var clock = Stopwatch.StartNew();
        if (InputReader.Open(args["input"]!, options, console, "replay", out var error) is not { } reader)
        {
            await console.Error.WriteLineAsync(error);
            return ExitCodes.Invalid;
        }

        ReplayCounts counts;
        try
        {
            await using (var target = args["out"] is { } path ? FileChecks.Create(path) : console.OpenOutput())
            {
                var sink = new ReplaySink(target, args.Has("summary"));
                counts = Run(policy, ref reader, sink, console, options);
                if (reader.Error is null)
                {
                    sink.Finish(counts, reader.Invalid);
                }
            }

            if (reader.Error is not null)
            {
                // Nothing half-done is left behind under the name the user asked for.
                if (args["out"] is { } written)
                {
                    File.Delete(written);
                }

                await console.Error.WriteLineAsync(reader.Error);
                return ExitCodes.Invalid;
            }
        }
        finally
        {
            reader.Dispose();
        }

        if (!options.Quiet)
        {
            await console.Error.WriteLineAsync(
                $"replay: {English.Count(counts.Decisions, "decision")} in {clock.Elapsed.TotalSeconds:0.0} s — allow {counts.Allow:N0}, review {counts.Review:N0}, deny {counts.Deny:N0}" +
                (reader.Invalid > 0 ? $"; {English.Count(reader.Invalid, "invalid record")} skipped" : string.Empty));
        }

        return ExitCodes.Ok;
    }

    /// <summary>
    /// Gates requests while they are read, as long as they come in submittedAt order, keeping none
    /// of them but what the history needs. At the first request out of order the output is emptied
    /// and the file read again whole, sorted and gated from the start. Standard output cannot be
    /// taken back, and --strict must not write before it has seen every record: then the file is
    /// read whole first.
    /// </summary>
    private static ReplayCounts Run(Policy policy, ref InputReader reader, ReplaySink sink, Console2 console, InputOptions options)
    {
        if (sink.CanStartOver && reader.CanReread && !options.Strict)
        {
            var inOrder = true;
            var last = long.MinValue;
            var source = reader;
            IEnumerable<FootageRequest> WhileInOrder()
            {
                foreach (var request in source.Requests(showProgress: false))
                {
                    if (request.SubmittedAt.UtcTicks < last)
                    {
                        inOrder = false;
                        yield break;
                    }

                    last = request.SubmittedAt.UtcTicks;
                    yield return request;
                }
            }

            var counts = Gate(policy, WhileInOrder(), sink.Start(), new Progress(console, "replay", 0, options.Quiet, () => source.Share));
            if (inOrder)
            {
                return counts;
            }

            sink.StartOver();
            if (!options.Quiet)
            {
                console.Error.WriteLine($"replay: {reader.Line:N0} lines in, a request is earlier than the one before it: reading the whole file to sort it");
            }

            if (reader.Reopen(out var error) is not { } again)
            {
                throw new IOException(error);
            }

            reader.Dispose();
            reader = again;
        }

        var all = reader.Requests().ToList();
        if (reader.Error is not null)
        {
            return new ReplayCounts(policy);
        }

        var ordered = Replay.InOrder(all);
        return Gate(policy, ordered, sink.Start(), new Progress(console, "replay", ordered.Count, options.Quiet));
    }

    private static ReplayCounts Gate(Policy policy, IEnumerable<FootageRequest> ordered, Action<Decision> write, Progress progress)
    {
        var counts = new ReplayCounts(policy);
        foreach (var decision in Replay.Run(policy, ordered, new RequestHistory()))
        {
            write(decision);
            counts.Add(decision);
            progress.Tick();
        }

        return counts;
    }

    /// <summary>Where decisions go: JSON lines written on other threads, or nothing but the counts (--summary).</summary>
    private sealed class ReplaySink(Stream target, bool summary)
    {
        private DecisionStream<Decision>? lines;

        /// <summary>True when what was written can be taken back: a file, or nothing written until the end.</summary>
        public bool CanStartOver => summary || target.CanSeek;

        public Action<Decision> Start()
        {
            if (summary)
            {
                return _ => { };
            }

            lines = new DecisionStream<Decision>(target, DecisionJson.Write);
            return lines.Add;
        }

        public void StartOver()
        {
            lines?.Abandon();
            lines?.Dispose();
            lines = null;
            if (target.CanSeek)
            {
                target.SetLength(0);
            }
        }

        public void Finish(ReplayCounts counts, int invalid)
        {
            if (summary)
            {
                using var json = new Utf8JsonWriter(target, new JsonWriterOptions { Indented = true });
                counts.Write(json, invalid);
                json.Flush();
                target.WriteByte((byte)'\n');
                return;
            }

            lines?.Complete();
            lines?.Dispose();
        }
    }
}
