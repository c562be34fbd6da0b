namespace Herald.Publishing;

/// <summary>
/// <c>[downloads]</c>: where downloads live publicly, old locations that must keep working, mirrors.
/// </summary>
public sealed record DownloadSettings
{
    /// <summary>
    /// The portal's public address (absolute http or https, <c>base_url</c>): download links on pages and
    /// every link in feeds are made absolute with it; null for links relative to the request.
    /// </summary>
    public Uri? BaseUrl { get; init; }

    /// <summary>The folder published files live in (<c>[downloads] store</c>), or null for <c>DATA/artifacts</c>.</summary>
    public string? StoreFolder { get; init; }

    /// <summary>The S3-compatible object store published files live in, or null for a folder.</summary>
    public S3StoreSettings? S3 { get; init; }

    /// <summary>Old locations answered with a permanent redirect to the same file at its new place.</summary>
    public IReadOnlyList<DownloadRedirect> Redirects { get; init; } = [];

    /// <summary>Mirrors of the download tree (each URL ends in '/'; a file's mirror URL is it plus the layout path).</summary>
    public IReadOnlyList<Uri> Mirrors { get; init; } = [];

    /// <summary>How often mirrors are checked (<c>mirror_check_minutes</c>), besides after every publish.</summary>
    public TimeSpan MirrorCheckInterval { get; init; } = TimeSpan.FromHours(6);

    /// <summary>The redirect target of <paramref name="path"/> (rest of the path and query kept), or null.</summary>
    public string? RedirectFor(string path, string query)
    {
        ArgumentNullException.ThrowIfNull(path);
        foreach (var redirect in Redirects)
        {
            if (path.StartsWith(redirect.From, StringComparison.Ordinal))
            {
                return redirect.To + path[redirect.From.Length..] + query;
            }
        }

        return null;
    }
}

/// <summary>An old location prefix and the new one that replaces it.</summary>
/// <param name="From">The old path prefix, e.g. <c>/oss-xen/release/</c>.</param>
/// <param name="To">The new path prefix, e.g. <c>/downloads/release/xen/</c>.</param>
public sealed record DownloadRedirect(string From, string To);
