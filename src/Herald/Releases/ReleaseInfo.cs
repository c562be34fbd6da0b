namespace Herald.Releases;

/// <summary>A release as <c>herald releases --json</c> prints it and the API serves it.</summary>
/// <param name="Version">The version, e.g. <c>4.9.0</c>, or <c>4.9.0-rc2</c> for a candidate.</param>
/// <param name="Series">The series, e.g. <c>4.9</c>.</param>
/// <param name="Tag">The tag name.</param>
/// <param name="Commit">The commit the tag points to.</param>
/// <param name="Date">The release date (tagger date, else commit date), UTC.</param>
/// <param name="Signed">Whether the tag is signed.</param>
/// <param name="Candidate">Whether this is a release candidate.</param>
/// <param name="Branch">The stable branch of the series, or null where there is none.</param>
public sealed record ReleaseInfo(string Version, string Series, string Tag, string Commit, DateOnly Date, bool Signed, bool Candidate, string? Branch)
{
    /// <summary>The record of <paramref name="release"/> in <paramref name="catalog"/>.</summary>
    public static ReleaseInfo From(Release release, ReleaseCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(release);
        ArgumentNullException.ThrowIfNull(catalog);
        return new ReleaseInfo(
            release.Name,
            release.Series.ToString(),
            release.Tag,
            release.Commit,
            DateOnly.FromDateTime(release.Date.UtcDateTime),
            release.Signed,
            release.IsCandidate,
            catalog.StableBranches.GetValueOrDefault(release.Series));
    }
}
