using System.Diagnostics;
using Oversight.Gate;
using Oversight.Simulation;

namespace Oversight.Worker.Cli;

/// <summary><c>oversight simulate</c>: what would change if the candidate policy had been in force.</summary>
internal sealed class SimulateVerb : IVerb
{
    public VerbSpec Spec { get; } = new(
        "simulate",
        "Replay a history under a baseline and a candidate policy and report the decisions that change.",
        "simulate --baseline A --candidate B --input F [--out diff.json|diff.xlsx] [--strict] [--columns MAP] [--quiet]",
        [
            new("baseline", "A", "The policy in force (YAML).", Required: true),
            new("candidate", "B", "The proposed policy (YAML).", Required: true),
            new("input", "F", "The history: .jsonl, .json or .csv.", Required: true),
            new("out", "FILE", "Write the diff here: .json, or .xlsx for a workbook (Summary, Changed, ByRule, ByAgency). Default: JSON on standard output."),
            new("strict", null, "Stop at the first invalid record instead of reporting and skipping it."),
            InputOptions.ColumnsOption,
            new("quiet", null, "No progress or summary on standard error."),
            SearchVerbs.AuditOption,
            SearchInputs.AgencyOption,
            PlateKeys.Option,
        ],
        "Each policy keeps its own quota: a request the candidate denies uses none of the candidate's quota,\n" +
        "so later decisions can change in both directions. Rules with action warn show how often they\n" +
        "would fire (byRule). Exit status: 0 done; 2 invalid policy or input.");

    public async Task<int> RunAsync(Arguments args, Console2 console)
    {
        if (!FileChecks.Usable(args, console, "simulate", ["baseline", "candidate", "input"], ["out"]))
        {
            return ExitCodes.Invalid;
        }

        var baseline = PolicyFiles.Load(args["baseline"]!, console, "simulate");
        var candidate = PolicyFiles.Load(args["candidate"]!, console, "simulate");
        if (baseline is null || candidate is null)
        {
            return ExitCodes.Invalid;
        }

        var output = args["out"];
        if (output is not null && Path.GetExtension(output).ToLowerInvariant() is not (".json" or ".xlsx"))
        {
            await console.Error.WriteLineAsync($"oversight simulate: --out must end in .json or .xlsx, not '{output}'");
            return ExitCodes.Invalid;
        }

        if (baseline.Subject != candidate.Subject)
        {
            await console.Error.WriteLineAsync($"oversight simulate: the baseline judges {Subject(baseline)} and the candidate {Subject(candidate)}; compare policies of one subject");
            return ExitCodes.Invalid;
        }

        switch (await SearchVerbs.OnSearchesAsync(args, candidate, args["input"]!, console, "simulate"))
        {
            case true: return await SearchVerbs.SimulateAsync(args, console, baseline, candidate, output);
            case false: return ExitCodes.Invalid;
        }

        if (InputOptions.From(args, console, "simulate") is not { } options)
        {
            return ExitCodes.Invalid;
        }

        var clock = Stopwatch.StartNew();
        // A record either policy accepts is read; each policy then gates it.
        var limits = new Oversight.Requests.RequestLimits
        {
            MaxVertices = Math.Max(baseline.Limits.MaxVertices, candidate.Limits.MaxVertices),
            MaxParts = Math.Max(baseline.Limits.MaxParts, candidate.Limits.MaxParts),
            MaxExtentKm = Math.Max(baseline.Limits.MaxExtentKm, candidate.Limits.MaxExtentKm),
        };
        if (await InputFiles.ReadForVerbAsync(args["input"]!, options with { Limits = limits }, console, "simulate") is not { } read)
        {
            return ExitCodes.Invalid;
        }

        var ordered = Replay.InOrder(read.Requests);
        var quiet = options.Quiet;
        var progress = new Progress(console, "simulate", ordered.Count, quiet);
        var result = Simulator.Run(baseline, candidate, ordered, progress.At);

        await WriteAsync(console, result, output);

        if (!quiet)
        {
            await console.Error.WriteLineAsync(
                $"simulate: {English.Count(ordered.Count, "request")} in {clock.Elapsed.TotalSeconds:0.0} s; " +
                $"baseline allow {result.Baseline.Allow:N0} / review {result.Baseline.Review:N0} / deny {result.Baseline.Deny:N0}; " +
                $"candidate allow {result.Candidate.Allow:N0} / review {result.Candidate.Review:N0} / deny {result.Candidate.Deny:N0}; " +
                $"{English.Count(result.Changed.Count, "decision")} change" +
                (read.Invalid > 0 ? $"; {English.Count(read.Invalid, "invalid record")} skipped" : string.Empty));
        }

        return ExitCodes.Ok;
    }

    /// <summary>Writes the diff: JSON on standard output, or to <paramref name="output"/> as .json or .xlsx.</summary>
    internal static async Task WriteAsync(Console2 console, SimulationResult result, string? output)
    {
        if (output is null)
        {
            await console.Out.WriteLineAsync(SimulationJson.ToJson(result, indented: true));
            return;
        }

        await using var file = FileChecks.Create(output);
        if (output.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
        {
            SimulationWorkbook.Write(result, file);
        }
        else
        {
            await using var writer = new StreamWriter(file);
            await writer.WriteAsync(SimulationJson.ToJson(result, indented: true));
        }
    }

    private static string Subject(Oversight.Policies.Policy policy) =>
        policy.Subject == Oversight.Policies.PolicySubject.AlprSearches ? "ALPR searches" : "footage requests";
}
