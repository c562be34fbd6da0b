namespace Herald.Storage.Indexing;

/// <summary>
/// The one-writer-at-a-time lock of an index, held from reading what the index holds to committing what a
/// run adds (a <see cref="DatabaseLock"/>: <c>index.db.write.lock</c> beside a SQLite file). Another herald
/// writing the same index makes <see cref="AcquireAsync"/> wait (saying so once), then it finds the index up to
/// date or adds only what is still missing.
/// </summary>
internal static class IndexWriteLock
{
    /// <summary>The advisory lock key of every Herald index ("Herald" in ASCII); one database holds one index.</summary>
    private const long AdvisoryKey = 0x48_65_72_61_6C_64;

    /// <summary>Takes the lock of <paramref name="database"/>, waiting as long as another writer holds it.</summary>
    public static async Task<DatabaseLock> AcquireAsync(IndexDatabase database, IProgress<string>? progress, CancellationToken cancellationToken) =>
        (await DatabaseLock.TakeAsync(database, AdvisoryKey, ".write.lock", wait: true, progress, "waiting for another herald process that is writing the index", cancellationToken))!;
}
