using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace Herald.Storage;

/// <summary>The keys of <see cref="HeraldDbContext.State"/> and what they hold.</summary>
public static class IndexState
{
    /// <summary>Herald's schema version the index was written by.</summary>
    public const string Schema = "schema";

    /// <summary>The fingerprint of all inputs of the last run.</summary>
    public const string Fingerprint = "fingerprint";

    /// <summary>
    /// A number every write of the index increases, whoever writes: an instance whose snapshot was read at
    /// another generation reloads it.
    /// </summary>
    public const string Generation = "generation";

    /// <summary>The key of the inputs of the stored commits.</summary>
    public const string CommitsKey = "inputs:commits";

    /// <summary>The key of the inputs of the stored series and backport reports.</summary>
    public const string SeriesKey = "inputs:series";

    /// <summary>The prefix of the key of the inputs of one release's row, changes and statistics (then its version).</summary>
    public const string ReleaseKeyPrefix = "inputs:release:";

    /// <summary>When the index was written (round-trip format).</summary>
    public const string IndexedAt = "indexed-at";

    /// <summary>The date status was computed for (yyyy-MM-dd).</summary>
    public const string AsOf = "as-of";

    /// <summary>The project's name.</summary>
    public const string Project = "project";

    /// <summary>The mainline branch.</summary>
    public const string Mainline = "mainline";

    /// <summary>The generation of the index in <paramref name="database"/>: 0 before its first write (or before generations were kept).</summary>
    public static async Task<long> ReadGenerationAsync(IndexDatabase database, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var context = database.CreateContext();
        var value = await context.State.AsNoTracking().Where(s => s.Key == Generation).Select(s => s.Value).FirstOrDefaultAsync(cancellationToken);
        return ParseGeneration(value);
    }

    /// <summary>The generation <paramref name="value"/> holds, or 0.</summary>
    internal static long ParseGeneration(string? value) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var generation) ? generation : 0;
}
