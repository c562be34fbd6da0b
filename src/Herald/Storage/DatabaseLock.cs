using Npgsql;

namespace Herald.Storage;

/// <summary>
/// A lock shared by every process and instance on one index, released by the server or the OS when its holder
/// dies: in PostgreSQL a session advisory lock on a key, for a SQLite file an OS lock on a file beside it (a
/// SQLite index is on one machine). Not SQLite's own write lock: the work under it writes through connections of
/// its own, which that lock would shut out. The index writer's lock and the embargo publisher's are two keys of it.
/// </summary>
internal sealed class DatabaseLock : IAsyncDisposable
{
    private readonly NpgsqlConnection? _connection;
    private readonly FileStream? _file;
    private readonly long _key;

    private DatabaseLock(NpgsqlConnection? connection, FileStream? file, long key)
    {
        _connection = connection;
        _file = file;
        _key = key;
    }

    /// <summary>
    /// Takes the lock <paramref name="key"/> of <paramref name="database"/> (for SQLite the file named by
    /// <paramref name="fileSuffix"/> after <c>index.db</c>). With <paramref name="wait"/>, waits as long as another
    /// holds it, saying <paramref name="waiting"/> once; without, answers null at once when another holds it.
    /// </summary>
    public static async Task<DatabaseLock?> TakeAsync(IndexDatabase database, long key, string fileSuffix, bool wait, IProgress<string>? progress, string waiting, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (database.IsPostgres)
        {
            var connection = new NpgsqlConnection(database.ConnectionString);
            try
            {
                await connection.OpenAsync(cancellationToken);
                if (!await ScalarAsync<bool>(connection, "SELECT pg_try_advisory_lock(@key)", key, cancellationToken))
                {
                    if (!wait)
                    {
                        await connection.DisposeAsync();
                        return null;
                    }

                    progress?.Report(waiting);
                    await ScalarAsync<object>(connection, "SELECT pg_advisory_lock(@key)", key, cancellationToken);
                }

                return new DatabaseLock(connection, null, key);
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
        }

        var path = database.File + fileSuffix;
        var file = wait
            ? await LockFile.AcquireAsync(path, progress, waiting, patience: null, timedOut: null, cancellationToken)
            : LockFile.TryAcquire(path);
        return file is null ? null : new DatabaseLock(null, file, key);
    }

    /// <summary>Releases the lock.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_file is not null)
        {
            await _file.DisposeAsync();
        }

        if (_connection is not null)
        {
            try
            {
                await ScalarAsync<object>(_connection, "SELECT pg_advisory_unlock(@key)", _key, CancellationToken.None);
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
            {
                // The session ends below, and its locks with it.
            }

            await _connection.DisposeAsync();
        }
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, long key, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        command.Parameters.AddWithValue("key", key);
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
