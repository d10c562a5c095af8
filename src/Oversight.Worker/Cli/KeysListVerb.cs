using System.Globalization;
using Oversight.Storage;
using Oversight.Worker.Service.Auth;

namespace Oversight.Worker.Cli;

/// <summary><c>oversight keys list</c>: every API key with its role, agency, name and use — never its secret.</summary>
internal sealed class KeysListVerb : IVerb
{
    public VerbSpec Spec { get; } = new(
        "keys list",
        "List the API keys: id, role, agency, name, created, last used and whether revoked (never the key itself).",
        "keys list [--db D]",
        [new("db", "D", DatabaseOption.Help)],
        "Times are UTC; 'last used' is kept to the minute. Revoke a key with 'oversight keys revoke ID'.\n" +
        "Exit status: 0 listed; 2 no such database.");

    public async Task<int> RunAsync(Arguments args, Console2 console)
    {
        if (DatabaseOption.Target(args, console, "keys list", mustExist: true) is not { } database)
        {
            return ExitCodes.Invalid;
        }

        await database.MigrateAsync();
        await using var db = database.CreateContext();
        var keys = await ApiKeys.ListAsync(db);
        if (keys.Count == 0)
        {
            await console.Error.WriteLineAsync($"No keys in {database.Display}; make one with 'oversight keys create --role admin'.");
            return ExitCodes.Ok;
        }

        var rows = keys.Select(k => new[]
        {
            k.Id.ToString(CultureInfo.InvariantCulture), k.Role, k.Agency ?? "-", k.Name ?? "-", Time(k.CreatedAtTicks),
            k.LastUsedAtTicks is { } used ? Time(used) : "never",
            k.Revoked ? $"revoked {(k.RevokedAtTicks is { } at ? Time(at) : string.Empty)}".TrimEnd() : "active",
        }).Prepend(["id", "role", "agency", "name", "created (UTC)", "last used (UTC)", "status"]).ToList();
        var widths = Enumerable.Range(0, 7).Select(c => rows.Max(r => r[c].Length)).ToArray();
        foreach (var row in rows)
        {
            await console.Out.WriteLineAsync(string.Join("  ", row.Select((cell, c) => c == 0 ? cell.PadLeft(widths[c]) : cell.PadRight(widths[c]))).TrimEnd());
        }

        var active = keys.Count(k => !k.Revoked);
        await console.Error.WriteLineAsync($"{English.Count(keys.Count, "key")} in {database.Display}, {active:N0} active");
        return ExitCodes.Ok;
    }

    private static string Time(long ticks) => new DateTime(ticks, DateTimeKind.Utc).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
