using System.Diagnostics;
using Herald.Publishing;
using Herald.Storage;
using Herald.Web.Serving;
using Microsoft.AspNetCore.OutputCaching;

namespace Herald.Web;

/// <summary>
/// Indexes the repository when the portal starts, then on an interval and when <c>POST /api/refresh</c>
/// asks, and publishes each new snapshot; in between, notices new publishes in a local artifact store.
/// The only writer of the index in the portal.
/// </summary>
internal sealed partial class IndexRefresher(PortalOptions options, PortalState state, TimeProvider clock, IOutputCacheStore cache, ILogger<IndexRefresher> logger) : BackgroundLoop
{
    private long _generation;
    private long _databaseGeneration = -1;
    private (string Data, string? Connection)? _databaseFor;
    private string? _artifactsStamp;

    protected override async Task RunAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await RefreshAsync(stoppingToken);
            var since = Stopwatch.StartNew();
            try
            {
                // Between refreshes, a cheap look at what is published: a publish shows on the pages at once.
                while (since.Elapsed < options.RefreshInterval)
                {
                    var left = options.RefreshInterval - since.Elapsed;
                    var wait = left < TimeSpan.Zero ? TimeSpan.Zero : left < options.PublishCheckInterval ? left : options.PublishCheckInterval;
                    if (await state.WaitForRequestAsync(wait, stoppingToken))
                    {
                        break;
                    }

                    await CheckPublishedAsync(stoppingToken);
                    await CheckNewsAsync(stoppingToken);
                    await CheckAdvisoriesAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Re-renders pages when a local store's releases changed (a stat of each release folder); an object
    /// store is listed only on refreshes, a request each.
    /// </summary>
    private async Task CheckPublishedAsync(CancellationToken cancellationToken)
    {
        var view = state.View;
        if (view.Store is not LocalArtifactStore store || view.Snapshot is null)
        {
            return;
        }

        try
        {
            var stamp = await store.StampAsync(cancellationToken);
            if (stamp != _artifactsStamp)
            {
                _artifactsStamp = stamp;
                await state.InvalidateAsync(cache, cancellationToken);
                await state.ShownAsync(cache, cancellationToken);
                state.RequestMirrorCheck();
                LogPublishedFilesChanged(logger);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogPublishedFilesUnreadable(logger, store.Location, e.Message);
        }
    }

    /// <summary>Notices posts written by the CLI or another instance: a cheap read of their generation.</summary>
    private async Task CheckNewsAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (await state.ReloadNewsAsync(cache, clock, cancellationToken: cancellationToken))
            {
                LogNewsChanged(logger, state.View.News.Generation);
            }
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
        {
            LogNewsUnreadable(logger, e.Message);
        }
    }

    /// <summary>
    /// Notices advisories written by the CLI or another instance (a read of their generation), and embargoes that
    /// ended (by the clock, before the publisher has run): pages are dropped only when what anonymous visitors see changed.
    /// </summary>
    private async Task CheckAdvisoriesAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (await state.SyncAdvisoriesAsync(cache, clock, cancellationToken: cancellationToken))
            {
                LogAdvisoriesChanged(logger);
            }
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
        {
            LogAdvisoriesUnreadable(logger, e.Message);
        }
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        try
        {
            var home = HeraldProject.DefaultDataHome(Environment.GetEnvironmentVariable("XDG_DATA_HOME"), Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));
            var project = HeraldProject.Open(options.Repository, options.Config, options.Data, Environment.CurrentDirectory, home);
            // The same database as last time keeps its instance, which has migrated already: once per portal, not per refresh.
            var connection = options.Database ?? project.Config.Database;
            var view = state.View;
            var database = view.Database;
            if (database is null || _databaseFor != (project.DataDirectory, connection))
            {
                database = IndexDatabase.For(project.DataDirectory, connection);
                _databaseFor = (project.DataDirectory, connection);
                _databaseGeneration = -1;
            }

            // At start, even when the index is up to date and the indexer would not open it: a refresh then never
            // takes the migration lock (a kill during a refresh used to leave it taken).
            await database.EnsureMigratedAsync(new Progress<string>(waiting => LogWaiting(logger, waiting)), cancellationToken);
            var store = view.Store is null || view.DownloadSettings.S3 != project.Config.Downloads.S3 || view.DownloadSettings.StoreFolder != project.Config.Downloads.StoreFolder
                ? ArtifactStore.For(project)
                : view.Store;
            var result = await new Indexer(project, database, clock).RunAsync(cancellationToken: cancellationToken);
            // Another instance sharing the database may have written it: its generation says so, whoever wrote.
            var generation = await IndexState.ReadGenerationAsync(database, cancellationToken);
            IndexSnapshot? snapshot = null;
            if (result.Changed || state.Snapshot is null || generation != _databaseGeneration)
            {
                await using var context = database.CreateContext();
                snapshot = await IndexSnapshot.LoadAsync(context, Interlocked.Increment(ref _generation), cancellationToken);
                _databaseGeneration = generation;
            }

            // A database's first snapshot is served with its posts, in the same swap: otherwise, until the posts
            // were read just after it, the portal answered as if there were none (an archive 404, an empty /news).
            var news = ReferenceEquals(database, view.Database) ? null : await new Herald.News.NewsStore(database, clock).LoadSnapshotAsync(cancellationToken);
            // Likewise the managed advisories: a first snapshot never shows a release or commit page before it is known
            // which advisory ids must be left out of it.
            var desk = ReferenceEquals(database, view.Database) ? null : await Herald.Advisories.AdvisoryDesk.LoadAsync(database, clock, cancellationToken);

            // Pages also show what is on disk (published files). When either changed: drop what was
            // rendered, move the validators on, and only then serve the new snapshot, so that no reader
            // sees a new validator on old content.
            var stamp = await store.StampAsync(cancellationToken);
            var changed = snapshot is not null || stamp != _artifactsStamp;
            if (changed)
            {
                _artifactsStamp = stamp;
                await state.InvalidateAsync(cache, cancellationToken);
            }

            // One swap: the snapshot, the configuration it was made with and the cleared error together, so no
            // request sees new settings beside an old snapshot.
            state.Update(current => current with
            {
                Snapshot = snapshot ?? current.Snapshot,
                Database = database,
                CadenceMonths = project.Config.Policy.CadenceMonths,
                Store = store,
                KeysFolder = Path.Combine(project.DataDirectory, "keys"),
                Slug = project.Config.Slug,
                DownloadSettings = project.Config.Downloads,
                Mail = project.Config.Mail,
                PortalUrl = project.Config.PortalUrl,
                Links = project.Config.Links,
                Security = project.Config.Security,
                LastError = null,
                News = news ?? current.News,
                Desk = desk ?? current.Desk,
            });
            if (changed)
            {
                // A request that read the old view and stored its page after the eviction above left it under a
                // key no one asks for from now on.
                await state.ShownAsync(cache, cancellationToken);
            }

            await state.ReloadNewsAsync(cache, clock, cancellationToken: cancellationToken);
            await state.SyncAdvisoriesAsync(cache, clock, cancellationToken: cancellationToken);

            // Only now: the check reads the published snapshot's releases. Asked for before the first snapshot
            // was published, it found none and waited a whole interval.
            if (changed)
            {
                state.RequestMirrorCheck();
            }

            if (options.ThreadHeader)
            {
                var kind = SocketThreads.CurrentKind();
                LogRefreshThread(logger, kind);
            }
            LogRefreshed(logger, result.Changed ? "updated" : snapshot is not null ? "reloaded" : "unchanged", result.NewCommits, result.Releases, result.Series, (long)result.Elapsed.TotalMilliseconds);
        }
        catch (HeraldException e)
        {
            // What the user can fix (a missing repository, a shallow clone, a bad configuration): its message says
            // it all, so one line. The portal keeps serving the last snapshot (or 503 on /healthz) and tries again.
            state.Update(current => current with { LastError = e.Message });
            LogIndexingFailed(logger, e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            state.Update(current => current with { LastError = e.Message });
            LogIndexingCrashed(logger, e, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Published files changed: pages re-rendered")]
    private static partial void LogPublishedFilesChanged(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the published files in {Store}: {Message}")]
    private static partial void LogPublishedFilesUnreadable(ILogger logger, string store, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Posts changed (generation {Generation}): pages re-rendered")]
    private static partial void LogNewsChanged(ILogger logger, long generation);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the posts: {Message}")]
    private static partial void LogNewsUnreadable(ILogger logger, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Public advisories changed: pages re-rendered")]
    private static partial void LogAdvisoriesChanged(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the advisories: {Message}")]
    private static partial void LogAdvisoriesUnreadable(ILogger logger, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Index: {Waiting}")]
    private static partial void LogWaiting(ILogger logger, string waiting);

    [LoggerMessage(Level = LogLevel.Information, Message = "Index refresh ended on a {Thread} thread")]
    private static partial void LogRefreshThread(ILogger logger, string thread);

    [LoggerMessage(Level = LogLevel.Information, Message = "Index {Outcome}: {Commits} new commits, {Releases} releases, {Series} series in {Elapsed} ms")]
    private static partial void LogRefreshed(ILogger logger, string outcome, int commits, int releases, int series, long elapsed);

    [LoggerMessage(Level = LogLevel.Error, Message = "Indexing failed: {Message}")]
    private static partial void LogIndexingFailed(ILogger logger, string message);

    [LoggerMessage(Level = LogLevel.Error, Message = "Indexing failed: {Message}")]
    private static partial void LogIndexingCrashed(ILogger logger, Exception exception, string message);
}
