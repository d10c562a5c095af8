using System.Diagnostics;
using System.Text.Json;
using Oversight.Detection;
using Oversight.Gate;
using Oversight.History;
using Oversight.Requests;

namespace Oversight.Worker.Cli;

/// <summary><c>oversight detect</c>: replay a history under a policy, then look for patterns across the counted requests.</summary>
internal sealed class DetectVerb : IVerb
{
    public VerbSpec Spec { get; } = new(
        "detect",
        "Replay a history under a policy, then run the aggregation detectors over the allowed and reviewed requests.",
        "detect --policy P --input F [--out findings.json] [--strict] [--columns MAP] [--quiet]",
        [
            new("policy", "P", "Policy YAML file: its rules gate the history; its detection section sets the thresholds.", Required: true),
            new("input", "F", "Requests: .jsonl, .json or .csv ('-' reads JSONL from standard input).", Required: true),
            new("out", "FILE", "Write the findings here instead of standard output."),
            new("strict", null, "Stop at the first invalid record instead of reporting and skipping it."),
            InputOptions.ColumnsOption,
            new("quiet", null, "No progress or summary on standard error."),
            SearchVerbs.AuditOption,
            SearchInputs.AgencyOption,
            PlateKeys.Option,
        ],
        "Kinds: split-area, split-window, track, persistent-location, case-fanout, rate-anomaly (docs/DETECTION.md);\n" +
        "for ALPR searches (a policy with subject alpr-searches): rate-anomaly, streak, off-hours, vague-reasons,\n" +
        "case-fanout, breadth-outlier, repeated-plate over every search (docs/ALPR.md).\n" +
        "Output: {\"findings\":[…]}, ordered by first submission. Denied requests are not part of any pattern.\n" +
        "Exit status: 0 done (with or without findings); 2 invalid policy, unreadable input, or an invalid record with --strict.");

    public async Task<int> RunAsync(Arguments args, Console2 console)
    {
        if (!FileChecks.Usable(args, console, "detect", ["policy", "input"], ["out"]))
        {
            return ExitCodes.Invalid;
        }

        var policy = PolicyFiles.Load(args["policy"]!, console, "detect");
        if (policy is null)
        {
            return ExitCodes.Invalid;
        }

        switch (await SearchVerbs.OnSearchesAsync(args, policy, args["input"]!, console, "detect"))
        {
            case true: return await SearchVerbs.DetectAsync(args, console, policy);
            case false: return ExitCodes.Invalid;
        }

        if (InputOptions.From(args, console, "detect") is not { } options)
        {
            return ExitCodes.Invalid;
        }

        var quiet = options.Quiet;
        var clock = Stopwatch.StartNew();
        if (await InputFiles.ReadForVerbAsync(args["input"]!, options with { Limits = policy.Limits }, console, "detect") is not { } read)
        {
            return ExitCodes.Invalid;
        }

        var ordered = Replay.InOrder(read.Requests);
        var progress = new Progress(console, "detect: replay", ordered.Count, quiet);
        var counted = new List<FootageRequest>(ordered.Count);
        foreach (var decision in Replay.Run(policy, ordered, new RequestHistory()))
        {
            if (decision.Counts)
            {
                counted.Add(decision.Request);
            }

            progress.Tick();
        }

        var steps = new Steps(step =>
        {
            if (!quiet && ordered.Count >= 10_000)
            {
                console.Error.WriteLine($"detect: {step} ({clock.Elapsed.TotalSeconds:0.0} s)");
            }
        });
        var findings = Detectors.Run(policy, counted, steps);
        await using (var target = args["out"] is { } path ? FileChecks.Create(path) : console.OpenOutput())
        {
            await using var writer = new Utf8JsonWriter(target, new JsonWriterOptions { Indented = true });
            FindingsJson.Write(writer, findings);
            target.WriteByte((byte)'\n');
        }

        if (!quiet)
        {
            var byKind = findings.GroupBy(f => f.Kind).OrderBy(g => g.Key).Select(g => $"{g.Key.Name()} {g.Count():N0}");
            await console.Error.WriteLineAsync(
                $"detect: {English.Count(findings.Count, "finding")} over {counted.Count:N0} counted of {ordered.Count:N0} requests in {clock.Elapsed.TotalSeconds:0.0} s" +
                (findings.Count > 0 ? $" — {string.Join(", ", byKind)}" : string.Empty) +
                (read.Invalid > 0 ? $"; {English.Count(read.Invalid, "invalid record")} skipped" : string.Empty));
        }

        return ExitCodes.Ok;
    }
}
