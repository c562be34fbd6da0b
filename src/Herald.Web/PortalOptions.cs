using Herald.Web.Serving;

namespace Herald.Web;

/// <summary>What the portal serves and how: the repository, configuration, data folder and database.</summary>
public sealed record PortalOptions
{
    /// <summary>The repository to index.</summary>
    public string Repository { get; init; } = ".";

    /// <summary>The configuration file, or null to look beside the repository.</summary>
    public string? Config { get; init; }

    /// <summary>The data folder, or null for the default.</summary>
    public string? Data { get; init; }

    /// <summary>A PostgreSQL connection string, or null for SQLite in the data folder.</summary>
    public string? Database { get; init; }

    /// <summary>The token <c>POST /api/refresh</c> requires (Bearer); null disables the endpoint.</summary>
    public string? AdminToken { get; init; }

    /// <summary>Where the request log goes: <c>-</c> for standard output, a file to append to, or <c>off</c> (also null).</summary>
    public string? AccessLog { get; init; }

    /// <summary>
    /// Whether requests are handled on the socket event threads that read them (Kestrel's
    /// <c>UnsafePreferInlineScheduling</c>) instead of being handed to the thread pool; off by default. An
    /// expert switch: with <see cref="SocketThreads.InlineCompletionsVariable"/> set for the process
    /// (<c>herald serve --inline-io true</c> does), it served 27–46% more requests per second of a
    /// cached page, with a shorter tail (docs/benchmarks.md), but anything that blocks before
    /// <see cref="SocketThreads.LeaveAsync"/> holds up every connection of a socket thread
    /// (docs/serving.md).
    /// </summary>
    public bool InlineIo { get; init; }

    /// <summary>
    /// Whether Kestrel's buffers come from <see cref="LargeBlockMemoryPool"/> (64 KiB blocks, on by default)
    /// instead of Kestrel's own pool of 4 KiB blocks.
    /// </summary>
    public bool BlockPool { get; init; } = true;

    /// <summary>
    /// Whether each response names, in <see cref="SocketThreads.ThreadHeader"/>, the kind of thread its
    /// endpoint started on (<c>socket</c>, <c>pool</c> or <c>other</c>) and each index refresh logs where it
    /// ended; a diagnostic, off by default.
    /// </summary>
    public bool ThreadHeader { get; init; }

    /// <summary>
    /// The reverse proxies whose <c>X-Forwarded-For</c>, <c>X-Forwarded-Proto</c> and <c>X-Forwarded-Host</c> are
    /// believed (<c>--known-proxy</c>, <c>[portal] known_proxies</c>); from any other peer they are ignored. Empty:
    /// none is believed, and the access log names the connection's own address.
    /// </summary>
    public IReadOnlyList<System.Net.IPAddress> KnownProxies { get; init; } = [];

    /// <summary>How often the index is refreshed.</summary>
    public TimeSpan RefreshInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How often, between refreshes, a local artifact store is looked at for new publishes.</summary>
    public TimeSpan PublishCheckInterval { get; init; } = TimeSpan.FromSeconds(2);
}
