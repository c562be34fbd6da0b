using System.Diagnostics;
using Herald.History;
using Herald.Releases;
using Herald.Stats;
using Herald.Storage.Indexing;
using Microsoft.EntityFrameworkCore;

namespace Herald.Storage;

/// <summary>
/// Writes the index: commits, refs, releases with their statistics and change lists, series with their
/// status and backports. Every stored result is keyed on all of its inputs (<see cref="IndexInputs"/>): a run
/// recomputes the results whose key changed and keeps the others, and a run with nothing changed (same refs,
/// configuration, identity files, .mailmap and day) returns at once. Each run is one transaction, so a
/// crash leaves the previous index serving, and runs into one database take turns, whichever process or
/// machine they run on. The only writer of the index.
/// </summary>
/// <remarks>
/// The steps, in order: read new commits (<see cref="CommitsStep"/>), releases (<see cref="ReleasesStep"/>),
/// statistics (<see cref="StatisticsStep"/>), series and backports (<see cref="SeriesStep"/>), write
/// (<see cref="IndexWriter"/>).
/// </remarks>
public sealed class Indexer
{
    private readonly HeraldProject _project;
    private readonly IndexDatabase _database;
    private readonly TimeProvider _clock;
    private readonly int _parallelism;

    /// <summary>Creates an indexer for <paramref name="project"/> writing into <paramref name="database"/>.</summary>
    public Indexer(HeraldProject project, IndexDatabase database, TimeProvider clock, int? parallelism = null)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(clock);
        _project = project;
        _database = database;
        _clock = clock;
        _parallelism = Math.Max(1, parallelism ?? Environment.ProcessorCount);
    }

    /// <summary>Brings the index up to date.</summary>
    /// <param name="progress">Told each step as it starts, and when another process's write is waited for.</param>
    /// <param name="cancellationToken">Stops the run; the index stays as it was.</param>
    public async Task<IndexResult> RunAsync(IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        var repository = _project.Repository;
        CommitLog.EnsureComplete(repository);
        var catalog = _project.Catalog;
        var inputs = IndexInputs.Read(_project, DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime));

        // Nothing changed since the last run into this database: answer before touching it at all.
        var marker = new FingerprintMarker(_project.DataDirectory, _database);
        if (marker.Matches(inputs.Fingerprint))
        {
            return new IndexResult(false, 0, 0, 0, watch.Elapsed);
        }

        await _database.EnsureMigratedAsync(progress, cancellationToken);
        // From reading what the index holds to committing: another writer's run is wholly before or after this one.
        await using var held = await IndexWriteLock.AcquireAsync(_database, progress, cancellationToken);
        await using var context = _database.CreateContext();
        context.ChangeTracker.AutoDetectChangesEnabled = false;
        var state = await context.State.AsNoTracking().ToDictionaryAsync(s => s.Key, s => s.Value, cancellationToken);
        if (state.GetValueOrDefault(IndexState.Fingerprint) == inputs.Fingerprint)
        {
            marker.Write(inputs.Fingerprint);
            return new IndexResult(false, 0, 0, 0, watch.Elapsed);
        }

        progress?.Report("reading new commits");
        var replaceCommits = state.GetValueOrDefault(IndexState.CommitsKey) != inputs.Commits;
        var oldTips = replaceCommits ? [] : await context.Refs.AsNoTracking().Select(r => r.Sha).Distinct().ToListAsync(cancellationToken);
        var known = replaceCommits ? [] : (await context.Commits.AsNoTracking().Select(c => c.Sha).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var newCommits = CommitsStep.ReadNew(repository, catalog, oldTips, known);

        var lineCounts = _project.OpenLineCountCache();
        var calculator = new StatsCalculator(repository, _project.Identities, lineCounts, _parallelism);
        progress?.Report($"counting lines of {newCommits.Count:N0} new commits");
        calculator.EnsureLineCounts([.. newCommits.Where(c => !c.Parents.Contains(' ')).Select(c => c.Sha)]);

        progress?.Report("computing release statistics");
        var all = catalog.Releases.Concat(catalog.Candidates).ToList();
        var keys = all.ToDictionary(r => r.Name, inputs.ReleaseKey, StringComparer.Ordinal);
        var indexed = (await context.Releases.AsNoTracking().Select(r => r.Version).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var changed = all.Where(r => !indexed.Contains(r.Name) || state.GetValueOrDefault(IndexState.ReleaseKeyPrefix + r.Name) != keys[r.Name]).ToList();
        var releases = ReleasesStep.Compute(_project, inputs, keys, changed, calculator, _parallelism);
        await StatisticsStep.ApplyAsync(context, catalog, releases, cancellationToken);

        // Patch-ids tie new commits to mainline here, so commits read anew always come with their series.
        List<SeriesRow>? series = null;
        if (newCommits.Count > 0 || state.GetValueOrDefault(IndexState.SeriesKey) != inputs.Series)
        {
            progress?.Report("computing series status and backports");
            series = SeriesStep.Compute(_project, inputs.Today, newCommits, _parallelism);
        }

        progress?.Report("writing the index");
        var generation = IndexState.ParseGeneration(state.GetValueOrDefault(IndexState.Generation)) + 1;
        await IndexWriter.WriteAsync(
            context,
            new IndexWrite(
                replaceCommits,
                newCommits,
                releases,
                [.. indexed.Except(keys.Keys)],
                series,
                RefRows(catalog),
                IndexWriter.State(_project, inputs, keys, generation, _clock.GetUtcNow())),
            cancellationToken);

        lineCounts.Save();
        marker.Write(inputs.Fingerprint);
        return new IndexResult(true, newCommits.Count, releases.Count, series?.Count ?? 0, watch.Elapsed);
    }

    private static List<RefRow> RefRows(ReleaseCatalog catalog)
    {
        var rows = new Dictionary<string, RefRow>(StringComparer.Ordinal);
        foreach (var (name, sha) in catalog.Branches)
        {
            rows[name] = new RefRow { Name = name, Kind = "branch", Sha = sha };
        }

        foreach (var release in catalog.Releases.Concat(catalog.Candidates))
        {
            rows.TryAdd(release.Tag, new RefRow { Name = release.Tag, Kind = "tag", Sha = release.Commit });
        }

        return [.. rows.Values];
    }
}

/// <summary>What an index run did.</summary>
/// <param name="Changed">False when nothing was new and the index was left as it was.</param>
/// <param name="NewCommits">Commits added.</param>
/// <param name="Releases">Releases (re)computed.</param>
/// <param name="Series">Series written (0 when the stored ones were kept).</param>
/// <param name="Elapsed">How long the run took.</param>
public sealed record IndexResult(bool Changed, int NewCommits, int Releases, int Series, TimeSpan Elapsed);
