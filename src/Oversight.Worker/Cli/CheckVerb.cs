using System.Text.Json;
using Oversight.Gate;
using Oversight.History;
using Oversight.Requests;

namespace Oversight.Worker.Cli;

/// <summary><c>oversight check</c>: gate one request and print the decision.</summary>
internal sealed class CheckVerb : IVerb
{
    public VerbSpec Spec { get; } = new(
        "check",
        "Gate one request against a policy and print the decision JSON.",
        "check --policy P [--history H] [--strict] [--columns MAP] [--compact] [REQUEST.json | -]",
        [
            new("policy", "P", "Policy YAML file.", Required: true),
            new("history", "H", "Earlier requests (.jsonl, .json or .csv); they are gated in submittedAt order under the same policy, and the allowed and reviewed ones count toward frequency and cumulative limits."),
            new("strict", null, "Stop at the first invalid record in the history instead of skipping it."),
            InputOptions.ColumnsOption,
            new("compact", null, "Print the decision on one line."),
            new("quiet", null, "No progress on standard error while a long history is read and replayed."),
        ],
        "The request is read from REQUEST.json, or from standard input when it is '-' or absent.\n" +
        "Exit status: 0 allow, 10 review, 11 deny, 2 invalid request, history or policy.")
    {
        MaxPositionals = 1,
    };

    public async Task<int> RunAsync(Arguments args, Console2 console)
    {
        if (!FileChecks.Usable(args, console, "check", ["policy", "history"], []))
        {
            return ExitCodes.Invalid;
        }

        var policy = PolicyFiles.Load(args["policy"]!, console, "check");
        if (policy is null)
        {
            return ExitCodes.Invalid;
        }

        if (InputOptions.From(args, console, "check") is not { } options)
        {
            return ExitCodes.Invalid;
        }

        var source = args.Positionals.Count == 1 ? args.Positionals[0] : "-";
        if (source == "-" && console.InputIsTerminal)
        {
            await console.Error.WriteLineAsync("oversight check: give a request file, or pipe a request into standard input (… | oversight check --policy P -)");
            return ExitCodes.Invalid;
        }

        if (source != "-" && FileChecks.CannotRead(source) is { } unreadable)
        {
            await console.Error.WriteLineAsync($"oversight check: {unreadable}");
            return ExitCodes.Invalid;
        }

        var text = source == "-" ? await console.In.ReadToEndAsync() : await File.ReadAllTextAsync(source);

        var parsed = RequestJson.Parse(text, policy.Limits);
        if (parsed.Value is not { } request)
        {
            foreach (var problem in parsed.Problems)
            {
                await console.Error.WriteLineAsync($"{(source == "-" ? "<stdin>" : source)}: {problem}");
            }

            await console.Error.WriteLineAsync($"oversight check: the request is invalid ({English.Count(parsed.Problems.Count, "problem")}); no decision was made");
            return ExitCodes.Invalid;
        }

        var history = new RequestHistory();
        if (args["history"] is { } historyPath)
        {
            if (await InputFiles.ReadForVerbAsync(historyPath, options with { Limits = policy.Limits }, console, "check") is not { } read)
            {
                return ExitCodes.Invalid;
            }

            var earlier = Replay.InOrder(read.Requests.Where(r => r.SubmittedAt <= request.SubmittedAt));
            var progress = new Progress(console, "check: replaying the history", earlier.Count, options.Quiet);
            foreach (var _ in Replay.Run(policy, earlier, history))
            {
                progress.Tick();
            }
        }

        var decision = Gatekeeper.Evaluate(policy, request, history);
        await console.Out.WriteLineAsync(DecisionJson.ToJson(decision, indented: !args.Has("compact")));
        return decision.Outcome switch
        {
            DecisionOutcome.Allow => ExitCodes.Ok,
            DecisionOutcome.Review => ExitCodes.Review,
            _ => ExitCodes.Deny,
        };
    }
}
