using System.Globalization;
using Oversight.Worker.Service.Auth;

namespace Oversight.Worker.Cli;

/// <summary><c>oversight keys revoke ID</c>: refuse a key from now on, also in a running service.</summary>
internal sealed class KeysRevokeVerb : IVerb
{
    public VerbSpec Spec { get; } = new(
        "keys revoke",
        "Revoke an API key by its id (from 'oversight keys list'); a running service refuses it from its next call.",
        "keys revoke ID [--db D]",
        [new("db", "D", DatabaseOption.Help)],
        "The key stays listed as revoked; what it did stays in the decision log.\n" +
        "Exit status: 0 revoked (or already revoked); 2 no such key or database.")
    {
        MaxPositionals = 1,
    };

    public async Task<int> RunAsync(Arguments args, Console2 console)
    {
        if (args.Positionals.Count != 1 || !long.TryParse(args.Positionals[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            await console.Error.WriteLineAsync("oversight keys revoke: give the key's id, a number from 'oversight keys list'");
            return ExitCodes.Invalid;
        }

        if (DatabaseOption.Target(args, console, "keys revoke", mustExist: true) is not { } database)
        {
            return ExitCodes.Invalid;
        }

        await database.MigrateAsync();
        await using var db = database.CreateContext();
        var wasRevoked = await db.ApiKeys.FindAsync(id) is { Revoked: true };
        var key = await ApiKeys.RevokeAsync(db, id, TimeProvider.System);
        if (key is null)
        {
            await console.Error.WriteLineAsync($"oversight keys revoke: no key with id {id} in {database.Display}");
            return ExitCodes.Invalid;
        }

        var what = $"key {id} ({key.Role}{(key.Agency is { } a ? $" for {a}" : string.Empty)}{(key.Name is { } n ? $", '{n}'" : string.Empty)})";
        await console.Out.WriteLineAsync(wasRevoked ? $"{what} was already revoked" : $"revoked {what}");
        return ExitCodes.Ok;
    }
}
