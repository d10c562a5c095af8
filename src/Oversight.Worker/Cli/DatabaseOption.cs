using Microsoft.Data.Sqlite;
using Oversight.Storage;

namespace Oversight.Worker.Cli;

/// <summary>The <c>--db</c> option shared by the verbs that use the service's database.</summary>
internal static class DatabaseOption
{
    public const string Help = "SQLite file path (default data/oversight.db) or PostgreSQL connection string (Host=…;Database=…); also env OVERSIGHT_DB.";

    /// <summary>The <c>--db</c> value, else the OVERSIGHT_DB environment variable, else null (the default SQLite file).</summary>
    public static string? From(Arguments args) => args["db"] ?? Environment.GetEnvironmentVariable("OVERSIGHT_DB");

    /// <summary>
    /// Opens the database named by <c>--db</c>, which must already exist (a SQLite file that is not
    /// there is never created), bringing its schema up to date; null, with the reason on standard
    /// error, when it cannot be opened.
    /// </summary>
    public static async Task<OversightDbContext?> OpenExistingAsync(Arguments args, Console2 console, string verb)
    {
        if (Target(args, console, verb, mustExist: true) is not { } database)
        {
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

    /// <summary>
    /// The database named by <c>--db</c>, or null after saying what is wrong: a connection string
    /// that does not parse, or (with <paramref name="mustExist"/>) a SQLite file that is not there.
    /// </summary>
    public static DatabaseTarget? Target(Arguments args, Console2 console, string verb, bool mustExist)
    {
        ArgumentNullException.ThrowIfNull(console);
        DatabaseTarget database;
        try
        {
            database = DatabaseTarget.Parse(From(args));
        }
        catch (Exception e) when (e is ArgumentException or FormatException or UriFormatException)
        {
            console.Error.WriteLine($"oversight {verb}: --db: not a usable connection string or SQLite path: {e.Message}");
            return null;
        }

        if (database.Provider == DatabaseProvider.Sqlite)
        {
            var file = new SqliteConnectionStringBuilder(database.ConnectionString).DataSource;
            if (Directory.Exists(file))
            {
                console.Error.WriteLine($"oversight {verb}: --db {file}: is a folder; name the database file (e.g. {Path.Combine(file, "oversight.db")})");
                return null;
            }

            if (mustExist && !File.Exists(file))
            {
                console.Error.WriteLine($"oversight {verb}: no database at {file} (give --db, or run where the service keeps data/oversight.db)");
                return null;
            }
        }

        return database;
    }
}
