namespace Herald.History;

/// <summary>One commit as Herald reads it from <c>git log</c>.</summary>
/// <param name="Sha">The full object id.</param>
/// <param name="Parents">The parents' object ids; more than one for a merge.</param>
/// <param name="Author">The author after .mailmap.</param>
/// <param name="Committer">The committer after .mailmap.</param>
/// <param name="Subject">The first paragraph of the message on one line.</param>
/// <param name="Body">The whole message.</param>
/// <param name="Trailers">The trailers Herald understands (see <see cref="TrailerKeys"/>), in message order.</param>
/// <param name="Files">The files changed with line counts; empty unless lines were asked for, and for merges.</param>
public sealed record Commit(
    string Sha,
    IReadOnlyList<string> Parents,
    Signature Author,
    Signature Committer,
    string Subject,
    string Body,
    IReadOnlyList<Trailer> Trailers,
    IReadOnlyList<FileChange> Files)
{
    /// <summary>Whether the commit has more than one parent.</summary>
    public bool IsMerge => Parents.Count > 1;

    /// <summary>Lines added over all text files.</summary>
    public int LinesAdded => Files.Sum(f => f.Added ?? 0);

    /// <summary>Lines removed over all text files.</summary>
    public int LinesRemoved => Files.Sum(f => f.Removed ?? 0);

    /// <summary>The trailers with the given key (compared without case).</summary>
    public IEnumerable<Trailer> TrailersOf(string key) =>
        Trailers.Where(t => string.Equals(t.Key, key, StringComparison.OrdinalIgnoreCase));
}
