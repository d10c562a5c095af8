using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Oversight.Storage;

/// <summary>Which database a <c>--db</c> value names: a SQLite file path, or a PostgreSQL connection string.</summary>
public sealed record DatabaseTarget(DatabaseProvider Provider, string ConnectionString, string Display)
{
    /// <summary>The default: a SQLite file under ./data.</summary>
    public const string DefaultSqlitePath = "data/oversight.db";

    /// <summary>
    /// A value containing <c>Host=</c> (or a <c>postgres://</c> / <c>postgresql://</c> URL) is PostgreSQL;
    /// anything else is a SQLite file path.
    /// </summary>
    public static DatabaseTarget Parse(string? value)
    {
        var text = string.IsNullOrWhiteSpace(value) ? DefaultSqlitePath : value.Trim();
        if (text.Contains("Host=", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            var builder = new Npgsql.NpgsqlConnectionStringBuilder(ToKeyValue(text));
            return new DatabaseTarget(DatabaseProvider.Postgres, builder.ConnectionString, $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}");
        }

        var full = Path.GetFullPath(text);
        var connection = new SqliteConnectionStringBuilder { DataSource = full, Pooling = true, DefaultTimeout = 30 }.ConnectionString;
        return new DatabaseTarget(DatabaseProvider.Sqlite, connection, $"SQLite {full}");
    }

    /// <summary>A context for this database, with migrations of its provider.</summary>
    public OversightDbContext CreateContext()
    {
        if (Provider == DatabaseProvider.Postgres)
        {
            var options = new DbContextOptionsBuilder<PostgresOversightDbContext>().UseNpgsql(ConnectionString).Options;
            return new PostgresOversightDbContext(options);
        }

        var sqlite = new DbContextOptionsBuilder<SqliteOversightDbContext>().UseSqlite(ConnectionString).Options;
        return new SqliteOversightDbContext(sqlite);
    }

    /// <summary>A plain connection (pooled, not yet open) for the rare read that is too small for a context.</summary>
    public System.Data.Common.DbConnection CreateConnection() => Provider == DatabaseProvider.Postgres
        ? new Npgsql.NpgsqlConnection(ConnectionString)
        : new SqliteConnection(ConnectionString);

    /// <summary>Creates or upgrades the schema (SQLite: also creates the file's folder and turns on WAL).</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            var path = new SqliteConnectionStringBuilder(ConnectionString).DataSource;
            Directory.CreateDirectory(Path.GetDirectoryName(path) ?? ".");
        }

        await using var context = CreateContext();
        await context.Database.MigrateAsync(cancellationToken);
        if (Provider == DatabaseProvider.Sqlite)
        {
            await context.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }

    private static string ToKeyValue(string text)
    {
        if (!text.Contains("://", StringComparison.Ordinal))
        {
            return text;
        }

        var uri = new Uri(text);
        var user = uri.UserInfo.Split(':', 2);
        var parts = new List<string> { $"Host={uri.Host}", $"Database={uri.AbsolutePath.TrimStart('/')}" };
        if (uri.Port > 0)
        {
            parts.Add($"Port={uri.Port}");
        }

        if (user.Length > 0 && user[0].Length > 0)
        {
            parts.Add($"Username={Uri.UnescapeDataString(user[0])}");
        }

        if (user.Length > 1)
        {
            parts.Add($"Password={Uri.UnescapeDataString(user[1])}");
        }

        return string.Join(';', parts);
    }
}

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
