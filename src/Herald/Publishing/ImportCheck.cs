namespace Herald.Publishing;

/// <summary>How an imported tarball compares with <c>git archive</c> of its release tag.</summary>
public enum ImportVerdict
{
    /// <summary>
    /// The decompressed tarball holds exactly the regular files (bytes and executable bit) and links
    /// that <c>git archive --prefix=&lt;slug&gt;-&lt;version&gt;/</c> of the tag gives, at the same paths;
    /// folders, owners, times and compression are not compared.
    /// </summary>
    Verified,

    /// <summary>The tarball and the tag differ at some path (listed in <see cref="ImportCheck.Differences"/>).</summary>
    Differs,

    /// <summary>The comparison could not be made (the reason is in <see cref="ImportCheck.Detail"/>).</summary>
    Unverifiable,
}

/// <summary>What <c>herald import</c> found out about one imported tarball; kept beside the files and shown on the release page.</summary>
/// <param name="Verdict">The verdict of the comparison with the tag.</param>
/// <param name="Detail">One sentence saying what was compared, or why it could not be.</param>
/// <param name="Differences">The first differing paths (at most 10), each with how it differs; empty unless <see cref="ImportVerdict.Differs"/>.</param>
/// <param name="Signature">The name of the original detached signature kept with it (<c>.sig</c> or <c>.asc</c>), or null when it was unsigned.</param>
/// <param name="Checksums">What the old tree's checksum files said of its bytes, or null when none named it.</param>
public sealed record ImportCheck(ImportVerdict Verdict, string Detail, IReadOnlyList<string> Differences, string? Signature, string? Checksums);
