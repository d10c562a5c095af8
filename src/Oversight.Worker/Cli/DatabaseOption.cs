namespace Oversight.Worker.Cli;

/// <summary>The <c>--db</c> option shared by the verbs that use the service's database.</summary>
internal static class DatabaseOption
{
    public const string Help = "SQLite file path (default data/oversight.db) or PostgreSQL connection string (Host=…;Database=…); also env OVERSIGHT_DB.";

    /// <summary>The <c>--db</c> value, else the OVERSIGHT_DB environment variable, else null (the default SQLite file).</summary>
    public static string? From(Arguments args) => args["db"] ?? Environment.GetEnvironmentVariable("OVERSIGHT_DB");
}
