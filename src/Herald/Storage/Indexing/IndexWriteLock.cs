using Npgsql;

namespace Herald.Storage.Indexing;

/// <summary>
/// The one-writer-at-a-time lock of an index, held from reading what the index holds to committing what a
/// run adds: in PostgreSQL a session advisory lock on a fixed key, for a SQLite file an OS lock on
/// <c>index.db.write.lock</c> beside it. The server or the OS releases it when its holder dies. Another
/// herald writing the same index makes <see cref="AcquireAsync"/> wait (saying so once), then it finds the
/// index up to date or adds only what is still missing.
/// </summary>
internal sealed class IndexWriteLock : IAsyncDisposable
{
    /// <summary>The advisory lock key of every Herald index ("Herald" in ASCII); one database holds one index.</summary>
    private const long AdvisoryKey = 0x48_65_72_61_6C_64;

    private readonly NpgsqlConnection? _connection;
    private readonly FileStream? _file;

    private IndexWriteLock(NpgsqlConnection? connection, FileStream? file)
    {
        _connection = connection;
        _file = file;
    }

    /// <summary>Takes the lock of <paramref name="database"/>, waiting as long as another writer holds it.</summary>
    public static async Task<IndexWriteLock> AcquireAsync(IndexDatabase database, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        const string Waiting = "waiting for another herald process that is writing the index";
        if (database.IsPostgres)
        {
            var connection = new NpgsqlConnection(database.ConnectionString);
            try
            {
                await connection.OpenAsync(cancellationToken);
                if (!await ScalarAsync<bool>(connection, "SELECT pg_try_advisory_lock(@key)", cancellationToken))
                {
                    progress?.Report(Waiting);
                    await ScalarAsync<object>(connection, "SELECT pg_advisory_lock(@key)", cancellationToken);
                }

                return new IndexWriteLock(connection, null);
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
        }

        var file = await LockFile.AcquireAsync(database.File + ".write.lock", progress, Waiting, patience: null, timedOut: null, cancellationToken);
        return new IndexWriteLock(null, file);
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
                await ScalarAsync<object>(_connection, "SELECT pg_advisory_unlock(@key)", CancellationToken.None);
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
            {
                // The session ends below, and its locks with it.
            }

            await _connection.DisposeAsync();
        }
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        command.Parameters.AddWithValue("key", AdvisoryKey);
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
