using Oversight.Storage;

namespace Oversight.Worker.Cli;

/// <summary><c>oversight audit verify</c>: recompute the decision log's hash chain.</summary>
internal sealed class AuditVerifyVerb : IVerb
{
    public VerbSpec Spec { get; } = new(
        "audit verify",
        "Recompute the decision log's hash chain and name the first entry that does not match.",
        "audit verify [--db D]",
        [new("db", "D", DatabaseOption.Help)],
        "Exit status: 0 intact, 1 broken (an edited, deleted or reordered entry), 2 no such database.");

    public async Task<int> RunAsync(Arguments args, Console2 console)
    {
        if (DatabaseOption.Target(args, console, "audit verify", mustExist: true) is not { } database)
        {
            return ExitCodes.Invalid;
        }

        await using var db = database.CreateContext();
        var result = await DecisionChain.VerifyAsync(db);
        if (result.Intact)
        {
            await console.Out.WriteLineAsync($"intact: {English.Count(result.Entries, "entry", "entries")}; head {result.HeadSequence} {result.HeadHash}");
            return ExitCodes.Ok;
        }

        await console.Out.WriteLineAsync($"broken: {result.Message}");
        return ExitCodes.Failures;
    }
}
