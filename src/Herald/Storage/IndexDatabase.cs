using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Herald.Storage;

/// <summary>
/// Where the index lives: a SQLite file in the data folder by default, or PostgreSQL when a connection
/// string (<c>Host=…;Database=…</c>) is given. Creates contexts and applies migrations.
/// </summary>
public sealed class IndexDatabase
{
    private IndexDatabase(string connectionString, bool isPostgres, string? file = null)
    {
        ConnectionString = connectionString;
        IsPostgres = isPostgres;
        File = file;
    }

    /// <summary>The SQLite file, or null for PostgreSQL.</summary>
    public string? File { get; }

    /// <summary>The connection string.</summary>
    public string ConnectionString { get; }

    /// <summary>Whether the index is in PostgreSQL.</summary>
    public bool IsPostgres { get; }

    /// <summary>
    /// The database for <paramref name="database"/> (a PostgreSQL connection string) or, when null, the
    /// SQLite file <c>index.db</c> in <paramref name="dataDirectory"/>.
    /// </summary>
    public static IndexDatabase For(string dataDirectory, string? database)
    {
        if (!string.IsNullOrWhiteSpace(database))
        {
            if (!database.Contains("Host=", StringComparison.OrdinalIgnoreCase) && !database.Contains("Server=", StringComparison.OrdinalIgnoreCase))
            {
                throw new HeraldException($"--database '{Redact(database)}' is not a PostgreSQL connection string; write it as \"Host=localhost;Database=herald;Username=herald;Password=…\", or leave it out for SQLite.");
            }

            return new IndexDatabase(database, isPostgres: true);
        }

        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, "index.db");
        return new IndexDatabase($"Data Source={path};Cache=Shared;Pooling=True", isPostgres: false, path);
    }

    /// <summary>A new context; the caller disposes it.</summary>
    public HeraldDbContext CreateContext()
    {
        if (IsPostgres)
        {
            var options = new DbContextOptionsBuilder<PostgresHeraldDbContext>()
                .UseNpgsql(ConnectionString)
                .Options;
            return new PostgresHeraldDbContext(options);
        }

        var sqlite = new DbContextOptionsBuilder<SqliteHeraldDbContext>()
            .UseSqlite(ConnectionString)
            .Options;
        return new SqliteHeraldDbContext(sqlite);
    }

    /// <summary>Brings the schema up to date (migrations); SQLite also switches to WAL so readers never wait.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var context = CreateContext();
        await context.Database.MigrateAsync(cancellationToken);
        if (!IsPostgres)
        {
            await context.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }

    private static string Redact(string text)
    {
        var password = text.IndexOf("Password=", StringComparison.OrdinalIgnoreCase);
        return password < 0 ? text : text[..password] + "Password=…";
    }
}

/// <summary>Lets <c>dotnet ef</c> create the SQLite migrations.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteHeraldDbContext>
{
    public SqliteHeraldDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteHeraldDbContext>().UseSqlite("Data Source=design.db").Options);
}

/// <summary>Lets <c>dotnet ef</c> create the PostgreSQL migrations.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresHeraldDbContext>
{
    public PostgresHeraldDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresHeraldDbContext>().UseNpgsql("Host=localhost;Database=herald_design").Options);
}
