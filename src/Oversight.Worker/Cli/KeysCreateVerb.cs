using Oversight.Worker.Service.Auth;

namespace Oversight.Worker.Cli;

/// <summary><c>oversight keys create</c>: make an API key; the key is printed once and stored hashed.</summary>
internal sealed class KeysCreateVerb : IVerb
{
    public VerbSpec Spec { get; } = new(
        "keys create",
        "Make an API key. The key is printed once; only its SHA-256 is stored.",
        "keys create --role agency|auditor|council|admin [--agency A] [--name N] [--db D]",
        [
            new("role", "R", "agency (submits and reads its own agency's requests), auditor (reads all, verifies the log), council (reports) or admin (keys, jobs dashboard).", Required: true),
            new("agency", "A", "The agency an agency key acts for (required with --role agency)."),
            new("name", "N", "A label to recognise the key by in 'oversight keys list'."),
            new("db", "D", DatabaseOption.Help),
        ],
        "The database is created when it does not exist yet. The key goes to standard output, the\n" +
        "confirmation to standard error, so that 'KEY=$(oversight keys create …)' keeps only the key.");

    public async Task<int> RunAsync(Arguments args, Console2 console)
    {
        var role = args["role"]!;
        if (!Roles.All.Contains(role))
        {
            await console.Error.WriteLineAsync($"oversight keys create: unknown role '{role}'; expected {string.Join(", ", Roles.All)}{Suggestions.DidYouMean(role, Roles.All)}");
            return ExitCodes.Invalid;
        }

        if ((role == Roles.Agency) != !string.IsNullOrWhiteSpace(args["agency"]))
        {
            await console.Error.WriteLineAsync(role == Roles.Agency
                ? "oversight keys create: an agency key needs --agency"
                : "oversight keys create: --agency goes only with --role agency");
            return ExitCodes.Invalid;
        }

        if (DatabaseOption.Target(args, console, "keys create", mustExist: false) is not { } database)
        {
            return ExitCodes.Invalid;
        }

        await database.MigrateAsync();
        await using var db = database.CreateContext();
        var key = await ApiKeys.CreateAsync(db, role, args["agency"], args["name"], TimeProvider.System);
        await console.Out.WriteLineAsync(key);
        await console.Error.WriteLineAsync(
            $"Created {English.A(role)} key{(args["agency"] is { } a ? $" for {a}" : string.Empty)} in {database.Display}. Keep it: it is not shown again.");
        return ExitCodes.Ok;
    }
}
