using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Herald.Storage;

/// <summary>
/// Where the index lives: a SQLite file in the data folder by default, or PostgreSQL when a connection
/// string (<c>Host=…;Database=…</c>) is given. Creates contexts and applies migrations.
/// </summary>
public sealed class IndexDatabase
{
    private readonly Lock _gate = new();
    private Task? _migration;

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

        DataFolder.EnsureWritable(dataDirectory);
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

    /// <summary>
    /// How long a migration waits for another process's migration of the same SQLite index to finish
    /// before it gives up with an error that says so.
    /// </summary>
    public static TimeSpan MigrationPatience { get; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Brings the schema up to date once for this instance: later calls return the same task, so a portal
    /// migrates when it starts, not on every refresh. A failed or cancelled migration is tried again.
    /// </summary>
    /// <param name="progress">Told when the migration has to wait for another process's.</param>
    /// <param name="cancellationToken">Stops the migration (a later call tries again).</param>
    public Task EnsureMigratedAsync(IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_migration is null || _migration.IsFaulted || _migration.IsCanceled)
            {
                _migration = MigrateAsync(progress, cancellationToken);
            }

            return _migration;
        }
    }

    /// <summary>
    /// Brings the schema up to date (migrations); SQLite also switches to WAL so readers never wait.
    /// </summary>
    /// <remarks>
    /// EF Core marks a SQLite migration in progress with a row in <c>__EFMigrationsLock</c> and waits for
    /// that row to go, for ever: a process killed mid-migration leaves it behind. So every Herald migration
    /// of a SQLite index first holds <c>index.db.lock</c> beside it (an OS lock, which dies with its
    /// process); holding that file, a row left in the table belongs to no living process and is cleared.
    /// </remarks>
    /// <param name="progress">Told when the migration has to wait for another process's.</param>
    /// <param name="cancellationToken">Stops the migration.</param>
    /// <exception cref="HeraldException">Another process has been migrating the index for longer than <see cref="MigrationPatience"/>.</exception>
    public async Task MigrateAsync(IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        if (IsPostgres)
        {
            // EF Core's own lock (a table lock) is held per migration's transaction: between two migrations another
            // instance slipped in and applied the second one too ("column already exists"). A session advisory lock
            // around all of them serialises whole migrations; the server releases it when its holder dies.
            await using var connection = new Npgsql.NpgsqlConnection(ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using (var take = new Npgsql.NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection))
            {
                take.Parameters.AddWithValue("key", MigrationAdvisoryKey);
                await take.ExecuteNonQueryAsync(cancellationToken);
            }

            try
            {
                await using var postgres = CreateContext();
                await postgres.Database.MigrateAsync(cancellationToken);
            }
            finally
            {
                await using var release = new Npgsql.NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
                release.Parameters.AddWithValue("key", MigrationAdvisoryKey);
                await release.ExecuteNonQueryAsync(CancellationToken.None);
            }

            return;
        }

        await using var held = await HoldMigrationLockAsync(File + ".lock", progress, cancellationToken);
        await using var context = CreateContext();
        await ClearStaleMigrationLockAsync(context, cancellationToken);
        await context.Database.MigrateAsync(cancellationToken);
        await context.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
    }

    /// <summary>The advisory lock key of Herald's migrations ("HeraldM" in ASCII), apart from the index's write lock.</summary>
    private const long MigrationAdvisoryKey = 0x48_65_72_61_6C_64_4D;

    private static Task<FileStream> HoldMigrationLockAsync(string path, IProgress<string>? progress, CancellationToken cancellationToken) =>
        LockFile.AcquireAsync(
            path,
            progress,
            $"waiting for '{path}': another herald process is updating the index's schema (at most {MigrationPatience.TotalSeconds:0} s)",
            MigrationPatience,
            e => new HeraldException($"'{path}' has been held for {MigrationPatience.TotalSeconds:0} s by another herald process updating the index's schema; let it finish or stop it, then run again.", e),
            cancellationToken);

    /// <summary>Deletes the row of EF Core's migration lock; called only while holding the lock file, when no living process owns the row.</summary>
    private static async Task ClearStaleMigrationLockAsync(HeraldDbContext context, CancellationToken cancellationToken)
    {
        var connection = context.Database.GetDbConnection();
        await context.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var exists = connection.CreateCommand();
            exists.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsLock'";
            if (Convert.ToInt64(await exists.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) > 0)
            {
                await using var delete = connection.CreateCommand();
                delete.CommandText = "DELETE FROM \"__EFMigrationsLock\"";
                await delete.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        finally
        {
            await context.Database.CloseConnectionAsync();
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
