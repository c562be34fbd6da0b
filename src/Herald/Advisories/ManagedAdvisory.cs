namespace Herald.Advisories;

/// <summary>
/// An advisory the security team manages, as stored. Secret until <see cref="IsPublicAt"/>: whoever shows it
/// asks <see cref="AccessPolicy"/> first.
/// </summary>
/// <param name="Id">The id (<c>XSA-500</c>).</param>
/// <param name="Number">Its number (<c>500</c>).</param>
/// <param name="State">Draft, embargoed or public, as stored.</param>
/// <param name="EmbargoUntil">The end of the embargo (UTC), or null.</param>
/// <param name="CreatedAt">When it was made (UTC).</param>
/// <param name="UpdatedAt">The last change (UTC).</param>
/// <param name="PublishedAt">When it was made public (UTC), or null while it is not stored as public.</param>
/// <param name="EarlyReason">Why it was published before its embargo ended, or null.</param>
/// <param name="Revision">The current version.</param>
/// <param name="Content">What the current version says.</param>
/// <param name="Revisions">Every version, oldest first.</param>
/// <param name="Patches">The patch files, by name.</param>
/// <param name="HeldReleases">The releases held until it is public.</param>
/// <param name="HeldPosts">The slugs of the posts held until it is public.</param>
/// <param name="Completed">Whether what its publication does (held posts, mails) is done.</param>
public sealed record ManagedAdvisory(
    string Id,
    int Number,
    AdvisoryState State,
    DateTimeOffset? EmbargoUntil,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? PublishedAt,
    string? EarlyReason,
    int Revision,
    AdvisoryContent Content,
    IReadOnlyList<AdvisoryRevision> Revisions,
    IReadOnlyList<AdvisoryPatch> Patches,
    IReadOnlyList<string> HeldReleases,
    IReadOnlyList<string> HeldPosts,
    bool Completed)
{
    /// <summary>
    /// Whether everyone may see it at <paramref name="now"/>: stored as public, or embargoed with the embargo
    /// over (at the instant itself included), even before the publisher has run.
    /// </summary>
    public bool IsPublicAt(DateTimeOffset now) =>
        State == AdvisoryState.Public || (State == AdvisoryState.Embargoed && EmbargoUntil is { } until && now >= until);

    /// <summary>The slugs of the held posts that are also mailed to the lists when published (<c>announce --mail --after-embargo</c>).</summary>
    public IReadOnlyList<string> PostsToMail { get; init; } = [];

    /// <summary>The current version's text.</summary>
    public AdvisorySections Sections() => Content.Sections;

    /// <summary>
    /// The current version's stored text (clear-signed when made with a release key): once stored as public, the text
    /// without the embargo line signed in advance; before, the pre-disclosure text. Null when none was made.
    /// </summary>
    public string? Text => Revisions.LastOrDefault(r => r.Revision == Revision) is { } current
        ? State == AdvisoryState.Public ? current.PublicText ?? current.Text : current.Text
        : null;

    /// <summary>Whether its embargo is due at <paramref name="now"/> and its publication not done.</summary>
    public bool IsDueAt(DateTimeOffset now) => !Completed && IsPublicAt(now);
}
