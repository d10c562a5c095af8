using Oversight.Simulation;

namespace Oversight.Worker.Cli;

/// <summary><c>oversight policy compare</c>: strictness of B against A, rule by rule, without data.</summary>
internal sealed class PolicyCompareVerb : IVerb
{
    public VerbSpec Spec { get; } = new(
        "policy compare",
        "Compare two policies rule by rule (tighter, looser, equal, incomparable) and say whether B denies everything A denies.",
        "policy compare A B",
        [],
        "Rules are matched by id, exemptions by id. A rule that cannot change a decision (action warn,\n" +
        "or a rule no valid request can violate, such as allowing every legalBasis) counts as no rule.\n" +
        "The verdict is sound and antisymmetric: 'B is tighter' (or looser) is claimed only when it holds\n" +
        "for every request and every history, and comparing B with A then says the opposite. When rules\n" +
        "move both ways, or counting rules make the answer depend on the data, it says 'cannot tell';\n" +
        "then run oversight simulate on a history. Exit status: 0 compared; 2 invalid policy.")
    {
        MaxPositionals = 2,
    };

    public async Task<int> RunAsync(Arguments args, Console2 console)
    {
        if (args.Positionals.Count != 2)
        {
            await console.Error.WriteLineAsync("oversight policy compare: name two policy files, A (in force) and B (proposed)");
            return ExitCodes.Invalid;
        }

        var a = PolicyFiles.Load(args.Positionals[0], console, "policy compare");
        var b = PolicyFiles.Load(args.Positionals[1], console, "policy compare");
        if (a is null || b is null)
        {
            return ExitCodes.Invalid;
        }

        var result = PolicyComparison.Compare(a, b);
        await console.Out.WriteLineAsync($"A: {a.Id} {a.Version}   B: {b.Id} {b.Version}");
        var width = result.Rules.Count == 0 ? 4 : result.Rules.Max(r => r.Id.Length);
        foreach (var line in result.Rules)
        {
            await console.Out.WriteLineAsync($"  {line.Id.PadRight(width)}  {Word(line.Strictness),-12}  {line.Reason}");
        }

        await console.Out.WriteLineAsync();
        await console.Out.WriteLineAsync($"verdict: {Verdicts(result.Verdict)} — {result.Explanation}");
        return ExitCodes.Ok;
    }

    private static string Word(Strictness s) => s switch
    {
        Strictness.Tighter => "tighter",
        Strictness.Looser => "looser",
        Strictness.Equal => "equal",
        _ => "incomparable",
    };

    private static string Verdicts(Verdict v) => v switch
    {
        Verdict.Equal => "equal",
        Verdict.Tighter => "B is tighter",
        Verdict.Looser => "B is looser",
        _ => "cannot tell",
    };
}
