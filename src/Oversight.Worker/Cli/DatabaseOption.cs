using Oversight.Storage;

namespace Oversight.Worker.Cli;

/// <summary>The <c>--db</c> option shared by the verbs that use the service's database.</summary>
internal static class DatabaseOption
{
    public const string Help = "SQLite file path (default data/oversight.db) or PostgreSQL connection string (Host=…;Database=…); also env OVERSIGHT_DB.";

    /// <summary>The <c>--db</c> value, else the OVERSIGHT_DB environment variable, else null (the default SQLite file).</summary>
    public static string? From(Arguments args) => args["db"] ?? Environment.GetEnvironmentVariable("OVERSIGHT_DB");

    /// <summary>
    /// Opens a database that must already exist (a SQLite file that is not there is never created),
    /// bringing its schema up to date; null, with the reason on standard error, when it cannot be opened.
    /// </summary>
    public static async Task<OversightDbContext?> OpenExistingAsync(DatabaseTarget database, Console2 console, string verb)
    {
        if (database.Provider == DatabaseProvider.Sqlite
            && !File.Exists(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(database.ConnectionString).DataSource))
        {
            await console.Error.WriteLineAsync($"oversight {verb}: no database at {database.Display}");
            return null;
        }

        try
        {
            await database.MigrateAsync();
            return database.CreateContext();
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
        {
            await console.Error.WriteLineAsync($"oversight {verb}: cannot open {database.Display}: {e.Message}");
            return null;
        }
    }
}
