using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Oversight.Storage;

/// <summary>Lets <c>dotnet ef migrations add</c> build the SQLite context.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteOversightDbContext>
{
    public SqliteOversightDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteOversightDbContext>().UseSqlite("Data Source=design.db").Options);
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the PostgreSQL context (no server is contacted).</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresOversightDbContext>
{
    public PostgresOversightDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresOversightDbContext>().UseNpgsql("Host=localhost;Database=design").Options);
}
