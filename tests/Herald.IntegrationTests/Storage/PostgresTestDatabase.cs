using Npgsql;

namespace Herald.Tests.Storage;

/// <summary>
/// A fresh, empty PostgreSQL database (<c>herald_test_&lt;guid&gt;</c>) on the server
/// <c>HERALD_TEST_POSTGRES</c> names (test.sh starts one and sets it), dropped on dispose. Without the
/// variable, or without a server, creating one fails with a message saying what to do: tests that need
/// PostgreSQL never skip.
/// </summary>
public sealed class PostgresTestDatabase : IAsyncDisposable
{
    /// <summary>The variable naming the server (a connection string whose role may CREATE DATABASE).</summary>
    public const string Variable = "HERALD_TEST_POSTGRES";

    private readonly string _adminConnectionString;
    private bool _disposed;

    private PostgresTestDatabase(string adminConnectionString, string name, string connectionString)
    {
        _adminConnectionString = adminConnectionString;
        Name = name;
        ConnectionString = connectionString;
    }

    /// <summary>The database's name.</summary>
    public string Name { get; }

    /// <summary>A connection string for the new database.</summary>
    public string ConnectionString { get; }

    /// <summary>Creates the database.</summary>
    /// <exception cref="InvalidOperationException">HERALD_TEST_POSTGRES is unset, or the server refused.</exception>
    public static async Task<PostgresTestDatabase> CreateAsync()
    {
        var server = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(server))
        {
            throw new InvalidOperationException(
                $"{Variable} is not set: these tests need PostgreSQL. Run ./test.sh (it installs and starts PostgreSQL and sets it), " +
                $"or set {Variable}=\"Host=127.0.0.1;Port=5432;Username=herald;Password=herald;Database=herald_test\" for a server whose role may create databases.");
        }

        var name = "herald_test_" + Guid.NewGuid().ToString("N");
        var admin = new NpgsqlConnectionStringBuilder(server) { Pooling = false }.ConnectionString;
        try
        {
            await using var connection = new NpgsqlConnection(admin);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException e)
        {
            throw new InvalidOperationException($"Could not create a test database on the PostgreSQL server {Variable} names ({Redacted(server)}): {e.Message}", e);
        }

        var own = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        return new PostgresTestDatabase(admin, name, own);
    }

    /// <summary>Runs one SQL statement in the database.</summary>
    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Drops the database (closing any connection still open to it).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    private static string Redacted(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.Password is not null)
        {
            builder.Password = "…";
        }

        return builder.ConnectionString;
    }
}
