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
        "check --policy P [--history H] [--strict] [--compact] [REQUEST.json | -]",
        [
            new("policy", "P", "Policy YAML file.", Required: true),
            new("history", "H", "Earlier requests (.jsonl, .json or .csv); they are gated in submittedAt order under the same policy, and the allowed and reviewed ones count toward frequency and cumulative limits."),
            new("strict", null, "Stop at the first invalid record in the history instead of skipping it."),
            new("compact", null, "Print the decision on one line."),
        ],
        "The request is read from REQUEST.json, or from standard input when it is '-' or absent.\n" +
        "Exit status: 0 allow, 10 review, 11 deny, 2 invalid request, history or policy.");

    public async Task<int> RunAsync(Arguments args, Console2 console)
    {
        if (args.Positionals.Count > 1)
        {
            await console.Error.WriteLineAsync("oversight check: give one request file (or '-' for standard input)");
            return ExitCodes.Invalid;
        }

        var policy = PolicyFiles.Load(args["policy"]!, console, "check");
        if (policy is null)
        {
            return ExitCodes.Invalid;
        }

        var source = args.Positionals.Count == 1 ? args.Positionals[0] : "-";
        string text;
        try
        {
            text = source == "-" ? await console.In.ReadToEndAsync() : await File.ReadAllTextAsync(source);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await console.Error.WriteLineAsync($"oversight check: cannot read {source}: {e.Message}");
            return ExitCodes.Invalid;
        }

        var parsed = RequestJson.Parse(text, policy.Limits);
        if (parsed.Value is not { } request)
        {
            foreach (var problem in parsed.Problems)
            {
                await console.Error.WriteLineAsync($"{(source == "-" ? "<stdin>" : source)}: {problem}");
            }

            await console.Error.WriteLineAsync($"oversight check: the request is invalid ({PolicyFiles.Plural(parsed.Problems.Count, "problem")}); no decision was made");
            return ExitCodes.Invalid;
        }

        var history = new RequestHistory();
        if (args["history"] is { } historyPath)
        {
            var read = InputFiles.Read(historyPath, args.Has("strict"), console, policy.Limits);
            if (read.Error is not null)
            {
                await console.Error.WriteLineAsync(read.Error);
            }

            if (read.Stopped)
            {
                return ExitCodes.Invalid;
            }

            foreach (var _ in Replay.Run(policy, Replay.InOrder(read.Requests).Where(r => r.SubmittedAt <= request.SubmittedAt), history))
            {
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
