using System.Diagnostics;
using System.Text.Json;
using Oversight.Gate;
using Oversight.History;

namespace Oversight.Worker.Cli;

/// <summary><c>oversight replay</c>: gate a whole history in submittedAt order, one decision per line.</summary>
internal sealed class ReplayVerb : IVerb
{
    public VerbSpec Spec { get; } = new(
        "replay",
        "Gate a whole history in submittedAt order (ties in input order) and write one decision JSON per line.",
        "replay --policy P --input F [--out decisions.jsonl] [--strict] [--columns MAP] [--quiet]",
        [
            new("policy", "P", "Policy YAML file.", Required: true),
            new("input", "F", "Requests: .jsonl, .json or .csv ('-' reads JSONL from standard input).", Required: true),
            new("out", "FILE", "Write decisions here instead of standard output."),
            new("strict", null, "Stop at the first invalid record instead of reporting and skipping it."),
            InputOptions.ColumnsOption,
            new("quiet", null, "No progress or summary on standard error."),
        ],
        "Invalid records are reported on standard error with line and column, counted and skipped.\n" +
        "Exit status: 0 done; 2 invalid policy, unreadable input, or an invalid record with --strict.");

    public async Task<int> RunAsync(Arguments args, Console2 console)
    {
        if (!FileChecks.Usable(args, console, "replay", ["policy", "input"], ["out"]))
        {
            return ExitCodes.Invalid;
        }

        var policy = PolicyFiles.Load(args["policy"]!, console, "replay");
        if (policy is null)
        {
            return ExitCodes.Invalid;
        }

        if (InputOptions.From(args, console, "replay") is not { } options)
        {
            return ExitCodes.Invalid;
        }

        var quiet = options.Quiet;
        var clock = Stopwatch.StartNew();
        var input = args["input"]!;
        if (await InputFiles.ReadForVerbAsync(input, options, console, "replay") is not { } read)
        {
            return ExitCodes.Invalid;
        }

        var ordered = Replay.InOrder(read.Requests);
        var counts = new int[3];
        var progress = new Progress(console, "replay", ordered.Count, quiet);
        await using (var target = args["out"] is { } path ? FileChecks.Create(path) : console.OpenOutput())
        {
            using var writer = new Utf8JsonWriter(target);
            foreach (var decision in Replay.Run(policy, ordered, new RequestHistory()))
            {
                DecisionJson.Write(writer, decision);
                writer.Flush();
                writer.Reset();
                target.WriteByte((byte)'\n');
                counts[(int)decision.Outcome]++;
                progress.Tick();
            }
        }

        if (!quiet)
        {
            var seconds = clock.Elapsed.TotalSeconds;
            await console.Error.WriteLineAsync(
                $"replay: {English.Count(ordered.Count, "decision")} in {seconds:0.0} s — allow {counts[0]:N0}, review {counts[1]:N0}, deny {counts[2]:N0}" +
                (read.Invalid > 0 ? $"; {English.Count(read.Invalid, "invalid record")} skipped" : string.Empty));
        }

        return ExitCodes.Ok;
    }
}
