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

    /// <summary>Marks a refresh.</summary>
    public void Advance() => Interlocked.Increment(ref _epoch);

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
    public void RequestRefresh()
    {
        if (_refreshRequested.CurrentCount == 0)
        {
            try
            {
                _refreshRequested.Release();
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
