namespace Herald.Releases;

/// <summary>A release (or release candidate) read from a tag.</summary>
/// <param name="Version">The version the tag names.</param>
/// <param name="Candidate">The candidate number N of an <c>-rcN</c> tag; null for a release.</param>
/// <param name="Tag">The tag's name.</param>
/// <param name="Commit">The commit the tag points to (peeled).</param>
/// <param name="Date">The tagger date of an annotated tag, else the commit date.</param>
/// <param name="Annotated">Whether the tag is an annotated tag object.</param>
/// <param name="Signed">Whether the tag carries an OpenPGP (or SSH/X.509) signature.</param>
public sealed record Release(ReleaseVersion Version, int? Candidate, string Tag, string Commit, DateTimeOffset Date, bool Annotated, bool Signed)
{
    /// <summary>The series of the release.</summary>
    public SeriesId Series => Version.Series;

    /// <summary>Whether this is a release candidate.</summary>
    public bool IsCandidate => Candidate is not null;

    /// <summary>The fully qualified ref of the tag, unambiguous for git.</summary>
    public string TagRef => "refs/tags/" + Tag;

    /// <summary>The version as people write it: <c>4.9.0</c>, or <c>4.9.0-rc2</c> for a candidate.</summary>
    public string Name => Candidate is { } n ? $"{Version}-rc{n}" : Version.ToString();
}
