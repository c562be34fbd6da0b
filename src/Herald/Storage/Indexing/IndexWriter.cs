using System.Globalization;
using Herald.Search;
using Microsoft.EntityFrameworkCore;

namespace Herald.Storage.Indexing;

/// <summary>Step 5, write: one transaction replacing what the run recomputed, so a crash leaves the previous index serving.</summary>
internal static class IndexWriter
{
    /// <summary>Writes <paramref name="write"/> into <paramref name="context"/> (which tracks no changes by itself).</summary>
    public static async Task WriteAsync(HeraldDbContext context, IndexWrite write, CancellationToken cancellationToken)
    {
        var strategy = context.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
            if (write.ReplaceCommits)
            {
                await context.Commits.ExecuteDeleteAsync(cancellationToken);
            }

            var replaced = write.Releases.Select(r => r.Row.Version).Concat(write.GoneReleases).ToList();
            await context.ReleaseChanges.Where(c => replaced.Contains(c.Version)).ExecuteDeleteAsync(cancellationToken);
            await context.Releases.Where(r => replaced.Contains(r.Version)).ExecuteDeleteAsync(cancellationToken);
            if (write.Series is not null)
            {
                await context.Series.ExecuteDeleteAsync(cancellationToken);
            }

            await context.Refs.ExecuteDeleteAsync(cancellationToken);
            await context.State.ExecuteDeleteAsync(cancellationToken);

            // Large inserts go in chunks with the change tracker cleared: it costs far more memory than the rows.
            foreach (var chunk in write.NewCommits.Chunk(2000))
            {
                context.Commits.AddRange(chunk);
                await context.SaveChangesAsync(cancellationToken);
                context.ChangeTracker.Clear();
            }

            // The search rows of commits follow them in the same transaction: new commits only, or all when replaced.
            await SearchRows.AddCommitsAsync(context, write.NewCommits, write.ReplaceCommits, cancellationToken);

            foreach (var chunk in write.Releases.SelectMany(r => r.Changes).Chunk(5000))
            {
                context.ReleaseChanges.AddRange(chunk);
                await context.SaveChangesAsync(cancellationToken);
                context.ChangeTracker.Clear();
            }

            context.Releases.AddRange(write.Releases.Select(r => r.Row));
            if (write.Series is not null)
            {
                context.Series.AddRange(write.Series);
            }

            context.Refs.AddRange(write.Refs);
            context.State.AddRange(write.State.Select(s => new IndexStateRow { Key = s.Key, Value = s.Value }));
            await context.SaveChangesAsync(cancellationToken);
            if (write.Releases.Count > 0 || write.GoneReleases.Count > 0)
            {
                await SearchRows.ReplaceReleasesAsync(context, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            context.ChangeTracker.Clear();
        });
    }

    /// <summary>The state rows of a run: its keys, the next generation and facts about the index.</summary>
    public static Dictionary<string, string> State(HeraldProject project, IndexInputs inputs, IReadOnlyDictionary<string, string> releaseKeys, long generation, DateTimeOffset now)
    {
        var state = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [IndexState.Schema] = IndexInputs.SchemaVersion,
            [IndexState.Fingerprint] = inputs.Fingerprint,
            [IndexState.Generation] = generation.ToString(CultureInfo.InvariantCulture),
            [IndexState.CommitsKey] = inputs.Commits,
            [IndexState.SeriesKey] = inputs.Series,
            [IndexState.IndexedAt] = now.ToString("O", CultureInfo.InvariantCulture),
            [IndexState.AsOf] = inputs.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            [IndexState.Project] = project.Config.ProjectName,
            [IndexState.Mainline] = project.Mainline,
        };
        foreach (var (version, key) in releaseKeys)
        {
            state[IndexState.ReleaseKeyPrefix + version] = key;
        }

        return state;
    }
}

/// <summary>What one run writes.</summary>
/// <param name="ReplaceCommits">Whether every stored commit is deleted first (their key changed): <paramref name="NewCommits"/> are then all of them.</param>
/// <param name="NewCommits">Commits to add.</param>
/// <param name="Releases">Releases recomputed (their old rows and changes are replaced).</param>
/// <param name="GoneReleases">Versions whose tags are gone.</param>
/// <param name="Series">Every series when recomputed, or null to keep the stored ones.</param>
/// <param name="Refs">Every branch and tag.</param>
/// <param name="State">Every state row.</param>
internal sealed record IndexWrite(
    bool ReplaceCommits,
    IReadOnlyList<CommitRow> NewCommits,
    IReadOnlyList<ComputedRelease> Releases,
    IReadOnlyList<string> GoneReleases,
    IReadOnlyList<SeriesRow>? Series,
    IReadOnlyList<RefRow> Refs,
    IReadOnlyDictionary<string, string> State);
