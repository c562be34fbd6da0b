namespace Herald.Releases;

/// <summary>
/// What a user asked about: a release (with the range the previous-release rule gives), a range
/// <c>A..B</c>, or a ref's whole history.
/// </summary>
/// <param name="Label">The target as the user wrote it.</param>
/// <param name="From">The start (excluded) as a name people read: a tag, ref or commit; null for the whole history.</param>
/// <param name="To">The end (included) as a name people read.</param>
/// <param name="Revisions">The git revisions selecting the commits.</param>
/// <param name="Release">The release when the target is one, else null.</param>
/// <param name="Previous">The release before <paramref name="Release"/>, for comparisons; null otherwise.</param>
public sealed record Target(string Label, string? From, string To, IReadOnlyList<string> Revisions, Release? Release, Release? Previous);
