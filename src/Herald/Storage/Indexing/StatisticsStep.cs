using System.Text.Json;
using Herald.Releases;
using Herald.Stats;
using Microsoft.EntityFrameworkCore;

namespace Herald.Storage.Indexing;

/// <summary>Step 3, statistics: each computed release's figures compared with its comparable release's, stored as JSON.</summary>
internal static class StatisticsStep
{
    /// <summary>
    /// Fills <see cref="ReleaseRow.StatsJson"/> of <paramref name="computed"/>: growth against
    /// <see cref="ReleaseRange.Comparable"/>, whose figures come from this run or, when its key did not
    /// change, from the index.
    /// </summary>
    public static async Task ApplyAsync(HeraldDbContext context, ReleaseCatalog catalog, IReadOnlyList<ComputedRelease> computed, CancellationToken cancellationToken)
    {
        var fresh = computed.Where(c => c.Stats is not null).ToDictionary(c => c.Row.Version, c => c.Stats!, StringComparer.Ordinal);
        foreach (var release in computed)
        {
            if (release.Stats is not { } stats)
            {
                continue;
            }

            if (ReleaseRange.Comparable(catalog, release.Release) is { } comparable)
            {
                var version = comparable.Version.ToString();
                var before = fresh.GetValueOrDefault(version) ?? await StoredAsync(context, version, cancellationToken);
                if (before is not null)
                {
                    stats = stats.ComparedWith(before with { Previous = null, Growth = null });
                }
            }

            release.Row.StatsJson = JsonSerializer.Serialize(stats, HeraldJson.Options);
        }
    }

    private static async Task<ContributionStats?> StoredAsync(HeraldDbContext context, string version, CancellationToken cancellationToken)
    {
        var json = await context.Releases.AsNoTracking().Where(r => r.Version == version).Select(r => r.StatsJson).FirstOrDefaultAsync(cancellationToken);
        return json is null ? null : JsonSerializer.Deserialize<ContributionStats>(json, HeraldJson.Options);
    }
}
