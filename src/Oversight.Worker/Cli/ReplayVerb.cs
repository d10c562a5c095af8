using System.Diagnostics;
using System.Text.Json;
using Oversight.Gate;
using Oversight.History;
using Oversight.Policies;

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
            new("summary", null, "Write only the counts: decisions by outcome, violated and waived rules, decisions by agency (one JSON object)."),
            new("strict", null, "Stop at the first invalid record instead of reporting and skipping it."),
            InputOptions.ColumnsOption,
            new("quiet", null, "No progress or summary on standard error."),
        ],
        "Invalid records are reported on standard error with line and column, counted and skipped.\n" +
        "Records are parsed on every core; decisions are made in order on one thread and written by another.\n" +
        "Exit status: 0 done; 2 invalid policy, unreadable input, an output that cannot be written, or an\n" +
        "invalid record with --strict.");

    public async Task<int> RunAsync(Arguments args, Console2 console)
    {
        if (!FileChecks.Usable(args, console, "replay", ["policy", "input"], ["out"]))
        {
            return ExitCodes.Invalid;
        }

        var policy = PolicyFiles.Load(args["policy"]!, console, "replay");
        if (policy is null || InputOptions.From(args, console, "replay") is not { } options)
        {
            return ExitCodes.Invalid;
        }

        var clock = Stopwatch.StartNew();
        if (await InputFiles.ReadForVerbAsync(args["input"]!, options, console, "replay", request => Gatekeeper.Prepare(policy, request)) is not { } read)
        {
            return ExitCodes.Invalid;
        }

        var ordered = Replay.InOrder(read.Requests);
        var counts = new ReplayCounts(policy);
        var progress = new Progress(console, "replay", ordered.Count, options.Quiet);
        await using (var target = args["out"] is { } path ? FileChecks.Create(path) : console.OpenOutput())
        {
            if (args.Has("summary"))
            {
                foreach (var decision in Replay.Run(policy, ordered, new RequestHistory()))
                {
                    counts.Add(decision);
                    progress.Tick();
                }

                await using var json = new Utf8JsonWriter(target, new JsonWriterOptions { Indented = true });
                counts.Write(json, read.Invalid);
                await json.FlushAsync();
                target.WriteByte((byte)'\n');
            }
            else
            {
                using var stream = new DecisionStream(target);
                foreach (var decision in Replay.Run(policy, ordered, new RequestHistory()))
                {
                    stream.Add(decision);
                    counts.Add(decision);
                    progress.Tick();
                }

                stream.Complete();
            }
        }

        if (!options.Quiet)
        {
            var seconds = clock.Elapsed.TotalSeconds;
            await console.Error.WriteLineAsync(
                $"replay: {English.Count(ordered.Count, "decision")} in {seconds:0.0} s — allow {counts.Allow:N0}, review {counts.Review:N0}, deny {counts.Deny:N0}" +
                (read.Invalid > 0 ? $"; {English.Count(read.Invalid, "invalid record")} skipped" : string.Empty));
        }

        return ExitCodes.Ok;
    }
}
