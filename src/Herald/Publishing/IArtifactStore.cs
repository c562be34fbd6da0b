namespace Herald.Publishing;

/// <summary>
/// Where published files live: the local file system (the default, <c>DATA/artifacts</c>) or an
/// S3-compatible object store. Paths are the download layout's, with '/' separators
/// (<c>release/xen/4.19.1/xen-4.19.1.tar.gz</c>). A release folder is visible only once its
/// <c>.manifest</c> is there, and the manifest is the last thing a publish writes.
/// </summary>
public interface IArtifactStore
{
    /// <summary>Where the store is, for messages: a folder or <c>s3://bucket/prefix</c>.</summary>
    string Location { get; }

    /// <summary>The text of a small file (a manifest, a sums file), or null when there is none.</summary>
    Task<string?> ReadTextAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>The files directly in <paramref name="folder"/>, hidden ones included; empty when there is none.</summary>
    Task<IReadOnlyList<StoredFile>> ListAsync(string folder, CancellationToken cancellationToken = default);

    /// <summary>
    /// A new, empty local folder to assemble the files of <paramref name="folder"/> in before
    /// <see cref="CommitAsync"/>; staging folders left by a crashed publish are removed first.
    /// </summary>
    string CreateStaging(string folder);

    /// <summary>
    /// Makes the files of <paramref name="staging"/> the contents of <paramref name="folder"/>, replacing
    /// what was there, so that readers see either the old release or the new one whole; removes
    /// <paramref name="staging"/>.
    /// </summary>
    Task CommitAsync(string staging, string folder, CancellationToken cancellationToken = default);

    /// <summary>Removes <paramref name="folder"/> and its files (nothing when there is none).</summary>
    Task DeleteAsync(string folder, CancellationToken cancellationToken = default);

    /// <summary>A text that changes whenever anything published changes (pages showing files are re-rendered then).</summary>
    Task<string> StampAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Where a download of <paramref name="path"/> is answered from: a local file, or a time-limited URL
    /// to redirect to; null when there is no such published file (or the path is not a plain one).
    /// </summary>
    Task<ArtifactSource?> LocateAsync(string path, CancellationToken cancellationToken = default);
}

/// <summary>A file in the store.</summary>
/// <param name="Name">The file name.</param>
/// <param name="Size">The size in bytes.</param>
public sealed record StoredFile(string Name, long Size);

/// <summary>Where a download is answered from: exactly one of a local file and a redirect URL.</summary>
/// <param name="LocalFile">The full path of a local file, or null.</param>
/// <param name="RedirectUrl">A (presigned, time-limited) URL of the object, or null.</param>
public sealed record ArtifactSource(string? LocalFile, Uri? RedirectUrl);
