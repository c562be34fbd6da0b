using Herald.Storage;

namespace Herald.Web;

/// <summary>
/// The snapshot the portal serves, swapped whole after every index run; null until the first index is
/// ready (then <c>/healthz</c> answers 503).
/// </summary>
public sealed class PortalState
{
    private IndexSnapshot? _snapshot;
    private readonly SemaphoreSlim _refreshRequested = new(0, 1);

    /// <summary>The current snapshot, or null before the first index.</summary>
    public IndexSnapshot? Snapshot => Volatile.Read(ref _snapshot);

    /// <summary>The database the index lives in (set at start).</summary>
    public IndexDatabase? Database { get; set; }

    /// <summary>The cadence the project expects (months between point releases).</summary>
    public int CadenceMonths { get; set; } = 4;

    private long _epoch;

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
        Interlocked.Increment(ref _epoch);
    }

    /// <summary>The latest check of each mirror for each release, by mirror and version.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<(Uri Mirror, string Version), Herald.Publishing.MirrorReport> Mirrors { get; } = new();

    private readonly SemaphoreSlim _mirrorCheckRequested = new(0, 1);

    /// <summary>Asks the mirror monitor to check now (after an index refresh or a publish).</summary>
    public void RequestMirrorCheck() => Signal(_mirrorCheckRequested);

    /// <summary>Waits until a mirror check is requested or <paramref name="timeout"/> passes.</summary>
    public Task<bool> WaitForMirrorCheckAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _mirrorCheckRequested.WaitAsync(timeout, cancellationToken);

    /// <summary>What <paramref name="mirror"/> has of <paramref name="version"/>: unchecked until checked.</summary>
    public Herald.Publishing.MirrorStatus MirrorStatusOf(Uri mirror, string version) =>
        Mirrors.TryGetValue((mirror, version), out var report) ? report.Status : Herald.Publishing.MirrorStatus.Unchecked;

    /// <summary>A portal path as published: absolute under <c>[downloads] base_url</c> when set, else as given.</summary>
    public string PublicUrl(string path) =>
        DownloadSettings.BaseUrl is { } baseUrl ? baseUrl.AbsoluteUri.TrimEnd('/') + path : path;

    /// <summary>Where published files live (DATA/artifacts, a folder, or S3), set at start.</summary>
    public Herald.Publishing.IArtifactStore? Store { get; set; }

    /// <summary>The folder of the release key (DATA/keys), set at start.</summary>
    public string? KeysFolder { get; set; }

    /// <summary>Download redirects and mirrors from the configuration.</summary>
    public Herald.Publishing.DownloadSettings DownloadSettings { get; set; } = new();

    /// <summary>The project's slug (the download layout's second segment).</summary>
    public string Slug { get; set; } = "project";

    /// <summary>Downloads served per file (path under the artifact root) since the portal started.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, long> Downloads { get; } = new(StringComparer.Ordinal);

    /// <summary>The last index error, shown on /healthz while there is no snapshot.</summary>
    public string? LastError { get; set; }

    /// <summary>Publishes a new snapshot.</summary>
    public void Publish(IndexSnapshot snapshot) => Volatile.Write(ref _snapshot, snapshot);

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
}
