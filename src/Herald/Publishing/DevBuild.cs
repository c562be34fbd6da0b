namespace Herald.Publishing;

/// <summary>One published development build; the shape of <c>herald publish --dev --json</c> and of the dev index.</summary>
/// <param name="Branch">The branch it was made from, e.g. <c>master</c>.</param>
/// <param name="Name">Its folder name, <c>&lt;yyyymmdd&gt;-&lt;short sha&gt;</c> (the UTC date it was published).</param>
/// <param name="Commit">The full id of the branch head it was made from.</param>
/// <param name="PublishedAt">When it was published (UTC).</param>
/// <param name="Files">Its files (the snapshot, added files, checksum files), name order.</param>
public sealed record DevBuild(string Branch, string Name, string Commit, DateTimeOffset PublishedAt, IReadOnlyList<PublishedArtifact> Files)
{
    /// <summary>Its folder under the artifact root: <c>dev/&lt;slug&gt;/&lt;branch&gt;/&lt;name&gt;</c>.</summary>
    public string Folder(string slug) => DevPublisher.Folder(slug, Branch, Name);
}

/// <summary>What <c>herald publish --dev</c> did.</summary>
/// <param name="Build">The build.</param>
/// <param name="Changed">False when the same build was already published and nothing was written.</param>
/// <param name="Removed">The older builds of the branch removed to keep the newest <c>dev_keep</c>.</param>
public sealed record DevPublishResult(DevBuild Build, bool Changed, IReadOnlyList<string> Removed);
