using Herald.Storage;
using Npgsql;

namespace Herald.Advisories;

/// <summary>
/// The lock every embargo publisher takes before doing what a publication entails, shared by every process
/// and instance on one index: in PostgreSQL a session advisory lock on a fixed key (the server drops it when
/// its holder dies), for a SQLite file an OS lock on <c>index.db.publish.lock</c> beside it (a SQLite index
/// is on one machine; the OS drops it when its holder dies). Not SQLite's own write lock: the steps under it
/// write the database through connections of their own, which that lock would shut out.
/// </summary>
internal sealed class PublicationLock : IAsyncDisposable
{
    /// <summary>The advisory lock key of embargo publication ("HeraldP" in ASCII), apart from the index's other locks.</summary>
    private const long AdvisoryKey = 0x48_65_72_61_6C_64_50;

    private static readonly int[] SharingViolation = [11, unchecked((int)0x80070020)];

    private readonly NpgsqlConnection? _connection;
    private readonly FileStream? _file;

    private PublicationLock(NpgsqlConnection? connection, FileStream? file)
    {
        _connection = connection;
        _file = file;
    }

    /// <summary>Takes the lock of <paramref name="database"/> when it is free; null when another publisher holds it.</summary>
    public static async Task<PublicationLock?> TryAcquireAsync(IndexDatabase database, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (database.IsPostgres)
        {
            var connection = new NpgsqlConnection(database.ConnectionString);
            try
            {
                await connection.OpenAsync(cancellationToken);
                await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
                command.Parameters.AddWithValue("key", AdvisoryKey);
                if ((bool)(await command.ExecuteScalarAsync(cancellationToken))!)
                {
                    return new PublicationLock(connection, null);
                }
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }

            await connection.DisposeAsync();
            return null;
        }

        try
        {
            return new PublicationLock(null, new FileStream(database.File + ".publish.lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException e) when (SharingViolation.Contains(e.HResult))
        {
            return null;
        }
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
                await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", _connection);
                command.Parameters.AddWithValue("key", AdvisoryKey);
                await command.ExecuteScalarAsync(CancellationToken.None);
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
            {
                // The session ends below, and its lock with it.
            }

            await _connection.DisposeAsync();
        }
    }
}
