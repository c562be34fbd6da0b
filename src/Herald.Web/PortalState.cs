using Herald.Storage;

namespace Herald.Web;

/// <summary>
/// What the portal serves (<see cref="View"/>, swapped whole after every index run), the signals between
/// requests and background loops, and the counters requests keep.
/// </summary>
public sealed class PortalState : IDisposable
{
    private PortalView _view = PortalView.Empty;
    private readonly SemaphoreSlim _refreshRequested = new(0, 1);

    /// <summary>What is served now; a request reads it once and uses that view throughout.</summary>
    public PortalView View => Volatile.Read(ref _view);

    /// <summary>The current snapshot, or null before the first index (then <c>/healthz</c> answers 503).</summary>
    public IndexSnapshot? Snapshot => View.Snapshot;

    /// <summary>
    /// Replaces the view with <paramref name="change"/> of it, in one step: concurrent updates are applied one
    /// after the other (<paramref name="change"/> may run more than once), and readers see the old view or the new.
    /// </summary>
    public PortalView Update(Func<PortalView, PortalView> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        while (true)
        {
            var current = View;
            var next = change(current);
            if (ReferenceEquals(Interlocked.CompareExchange(ref _view, next, current), current))
            {
                return next;
            }
        }
    }

    private long _epoch;
    private long _changedAt;

    /// <summary>The clock <see cref="ChangedAt"/> is read from.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>When pages last changed other than by a new index (posts, published files, mirror reports), or the minimum before.</summary>
    public DateTimeOffset ChangedAt => new(Interlocked.Read(ref _changedAt), TimeSpan.Zero);

    /// <summary>Counts refreshes: pages also show files on disk, so validators change with every refresh.</summary>
    public long Epoch => Interlocked.Read(ref _epoch);

    /// <summary>
    /// After what pages show has changed: drops what was rendered and moves the validators on, before the
    /// caller shows anything new, so that no reader sees a new validator on old content.
    /// </summary>
    public async Task InvalidateAsync(Microsoft.AspNetCore.OutputCaching.IOutputCacheStore cache, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cache);
        await cache.EvictByTagAsync(PortalApp.CacheTag, cancellationToken);
        Interlocked.Exchange(ref _changedAt, Clock.GetUtcNow().UtcTicks);
        Interlocked.Increment(ref _epoch);
    }

    private long _contentVersion;

    /// <summary>
    /// Part of every cached page's key (see <see cref="PortalApp"/>): moves on only after a change has taken effect
    /// (<see cref="ShownAsync"/>), so that a page a request rendered from what was there before, and stored after the
    /// change's eviction, sits under a key no later request asks for. Views only move forward, so a key taken at a
    /// request's start never names newer content than the request renders.
    /// </summary>
    public long ContentVersion => Interlocked.Read(ref _contentVersion);

    /// <summary>
    /// After a change of what pages show has taken effect (a new view swapped in, files published, mirrors checked):
    /// moves <see cref="ContentVersion"/> on and drops what was rendered, again. <see cref="InvalidateAsync"/> comes
    /// first, before anything new is shown (validators); this comes last.
    /// </summary>
    public async Task ShownAsync(Microsoft.AspNetCore.OutputCaching.IOutputCacheStore cache, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cache);
        Interlocked.Increment(ref _contentVersion);
        await cache.EvictByTagAsync(PortalApp.CacheTag, cancellationToken);
    }

    /// <summary>The latest check of each mirror for each release, by mirror and version.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<(Uri Mirror, string Version), Herald.Publishing.MirrorReport> Mirrors { get; } = new();

    private readonly SemaphoreSlim _mirrorCheckRequested = new(0, 1);

    /// <summary>Asks the mirror monitor to check now (after an index refresh or a publish).</summary>
    public void RequestMirrorCheck() => Signal(_mirrorCheckRequested);

    /// <summary>Waits until a mirror check is requested or <paramref name="timeout"/> passes.</summary>
    public Task<bool> WaitForMirrorCheckAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _mirrorCheckRequested.WaitAsync(timeout, cancellationToken);

    /// <summary>Downloads served per file (path under the artifact root) since the portal started.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, long> Downloads { get; } = new(StringComparer.Ordinal);

    private readonly SemaphoreSlim _newsGate = new(1, 1);

    /// <summary>
    /// Reads the posts again when they changed since the view's (a write here, by the CLI or by another
    /// instance sharing the database), or always with <paramref name="force"/>: drops what was rendered,
    /// then serves the new posts. Returns whether they changed. Does nothing before the first refresh.
    /// </summary>
    public async Task<bool> ReloadNewsAsync(Microsoft.AspNetCore.OutputCaching.IOutputCacheStore cache, TimeProvider clock, bool force = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cache);
        if (View.Database is not { } database)
        {
            return false;
        }

        await _newsGate.WaitAsync(cancellationToken);
        try
        {
            var store = new Herald.News.NewsStore(database, clock);
            if (!force && await store.ReadGenerationAsync(cancellationToken) == View.News.Generation)
            {
                return false;
            }

            var news = await store.LoadSnapshotAsync(cancellationToken);
            await InvalidateAsync(cache, cancellationToken);
            Update(view => view with { News = news });
            await ShownAsync(cache, cancellationToken);
            return true;
        }
        finally
        {
            _newsGate.Release();
        }
    }

    private readonly SemaphoreSlim _advisoriesGate = new(1, 1);
    private string? _publicAdvisories;

    /// <summary>
    /// Reads the managed advisories again when they changed since the view's (their generation), or always with
    /// <paramref name="force"/>, then checks what anonymous visitors may see of them now
    /// (<see cref="Herald.Advisories.AdvisoryDesk.PublicFingerprint"/>, which also moves when an embargo ends): only when
    /// that changed are rendered pages dropped and validators moved. A change to an advisory anonymous visitors may
    /// not see changes nothing they can observe. Returns whether the public part changed. Does nothing before the
    /// first refresh.
    /// </summary>
    public async Task<bool> SyncAdvisoriesAsync(Microsoft.AspNetCore.OutputCaching.IOutputCacheStore cache, TimeProvider clock, bool force = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(clock);
        if (View.Database is not { } database)
        {
            return false;
        }

        await _advisoriesGate.WaitAsync(cancellationToken);
        try
        {
            var store = new Herald.Advisories.AdvisoryStore(database, clock);
            if (force || await store.ReadGenerationAsync(cancellationToken) != View.Desk.Generation)
            {
                var desk = await Herald.Advisories.AdvisoryDesk.LoadAsync(database, clock, cancellationToken);
                Update(view => view with { Desk = desk });
            }

            var view = View;
            var fingerprint = view.Desk.PublicFingerprint(clock.GetUtcNow(), view.Snapshot?.Advisories);
            if (_publicAdvisories is null)
            {
                // The first desk is served with the first snapshot, which dropped what was rendered already.
                _publicAdvisories = fingerprint;
                return false;
            }

            if (string.Equals(fingerprint, _publicAdvisories, StringComparison.Ordinal))
            {
                return false;
            }

            // After the swap: a page rendered from the old desk in between is dropped here, never kept.
            _publicAdvisories = fingerprint;
            await InvalidateAsync(cache, cancellationToken);
            await ShownAsync(cache, cancellationToken);
            return true;
        }
        finally
        {
            _advisoriesGate.Release();
        }
    }

    /// <summary>Publishes a new snapshot (the rest of the view unchanged).</summary>
    public void Publish(IndexSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        Update(view => view with { Snapshot = snapshot });
    }

    /// <summary>Asks the refresher to run now.</summary>
    public void RequestRefresh() => Signal(_refreshRequested);

    private static void Signal(SemaphoreSlim request)
    {
        if (request.CurrentCount == 0)
        {
            try
            {
                request.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already requested.
            }
        }
    }

    /// <summary>Waits until a refresh is requested or <paramref name="timeout"/> passes.</summary>
    public Task<bool> WaitForRequestAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _refreshRequested.WaitAsync(timeout, cancellationToken);

    /// <summary>Releases the signals; the host disposes the state after its background loops have stopped.</summary>
    public void Dispose()
    {
        _refreshRequested.Dispose();
        _mirrorCheckRequested.Dispose();
        _newsGate.Dispose();
        _advisoriesGate.Dispose();
    }
}
