using Herald.Storage;

namespace Herald.Advisories;

/// <summary>
/// The lock every embargo publisher takes before doing what a publication entails, shared by every process and
/// instance on one index (a <see cref="DatabaseLock"/>: <c>index.db.publish.lock</c> beside a SQLite file). It never
/// waits: a publisher that finds it taken leaves the work to the one holding it.
/// </summary>
internal static class PublicationLock
{
    /// <summary>The advisory lock key of embargo publication ("HeraldP" in ASCII), apart from the index's other locks.</summary>
    private const long AdvisoryKey = 0x48_65_72_61_6C_64_50;

    /// <summary>Takes the lock of <paramref name="database"/> when it is free; null when another publisher holds it.</summary>
    public static Task<DatabaseLock?> TryAcquireAsync(IndexDatabase database, CancellationToken cancellationToken) =>
        DatabaseLock.TakeAsync(database, AdvisoryKey, ".publish.lock", wait: false, progress: null, waiting: string.Empty, cancellationToken);
}
