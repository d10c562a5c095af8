using Oversight.Policies;

namespace Oversight.Worker.Cli;

/// <summary><c>oversight policy validate</c>: load and lint policy files.</summary>
internal sealed class PolicyValidateVerb : IVerb
{
    public VerbSpec Spec { get; } = new(
        "policy validate",
        "Load and lint policy files; print each policy's id, version, rule count and sha256.",
        "policy validate FILE…",
        [],
        "Every problem is printed as file:line:column: message. Warnings (a floor above its ceiling,\n" +
        "a waiver of a warn rule, …) are printed but do not fail validation.\n" +
        "Exit status: 0 all valid, 2 any invalid.")
    {
        MaxPositionals = int.MaxValue,
    };

    public async Task<int> RunAsync(Arguments args, Console2 console)
    {
        if (args.Positionals.Count == 0)
        {
            await console.Error.WriteLineAsync("oversight policy validate: name one or more policy files");
            return ExitCodes.Invalid;
        }

        var invalid = 0;
        foreach (var path in args.Positionals)
        {
            if (FileChecks.CannotRead(path) is { } unreadable)
            {
                invalid++;
                await console.Out.WriteLineAsync($"invalid {unreadable}");
                continue;
            }

            var result = PolicyLoader.LoadFile(path);
            foreach (var warning in result.Warnings)
            {
                await console.Out.WriteLineAsync($"warning: {warning}");
            }

            if (result.Policy is { } policy)
            {
                await console.Out.WriteLineAsync(
                    $"ok {path}: {policy.Id} {policy.Version}, {English.Count(policy.Rules.Count, "rule")}, {English.Count(policy.Exemptions.Count, "exemption")}, sha256 {policy.Sha256}");
                continue;
            }

            invalid++;
            foreach (var problem in result.Problems)
            {
                await console.Out.WriteLineAsync(problem.ToString());
            }

            await console.Out.WriteLineAsync($"invalid {path}: {English.Count(result.Problems.Count, "problem")}");
        }

        return invalid == 0 ? ExitCodes.Ok : ExitCodes.Invalid;
    }
}
