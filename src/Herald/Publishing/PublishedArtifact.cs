namespace Herald.Publishing;

/// <summary>One published file; the shape of each entry of <c>herald publish --json</c>.</summary>
/// <param name="Name">The file name, e.g. <c>xen-4.19.0.tar.gz</c>.</param>
/// <param name="Path">The path under the artifact root, e.g. <c>release/xen/4.19.0/xen-4.19.0.tar.gz</c>.</param>
/// <param name="Size">The size in bytes.</param>
/// <param name="Sha256">The SHA-256 digest, lower-case hex.</param>
/// <param name="Sha512">The SHA-512 digest, lower-case hex.</param>
/// <param name="Signature">The path of its detached signature, or null.</param>
public sealed record PublishedArtifact(string Name, string Path, long Size, string Sha256, string Sha512, string? Signature)
{
    /// <summary>For a tarball brought in by <c>herald import</c>: how it compares with its tag; null for files Herald made.</summary>
    public ImportCheck? Import { get; init; }
}

/// <summary>What <c>herald publish</c> did; the shape of <c>herald publish --json</c>.</summary>
/// <param name="Version">The version published.</param>
/// <param name="Artifacts">The files of the release (archives, extra files, checksum files).</param>
/// <param name="Changed">False when the same bytes were already published and nothing was written.</param>
public sealed record PublishResult(string Version, IReadOnlyList<PublishedArtifact> Artifacts, bool Changed);
