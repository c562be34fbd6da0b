namespace Herald.Storage;

/// <summary>
/// What lies between two refs, from the index's commit graph (git's <c>from..to</c>), or the whole history
/// of one ref; commits in the branch's order (see <see cref="CommitGraph.History"/>), newest first.
/// </summary>
/// <param name="From">The excluded end as asked (<c>RELEASE-4.18.0</c>), or null for a single ref.</param>
/// <param name="To">The included end as asked.</param>
/// <param name="Commits">Every commit of the range, merges included, as <c>git rev-list</c> counts them.</param>
public sealed record HistoryRange(string? From, string To, IReadOnlyList<string> Commits)
{
    /// <summary>The separator of a range's two ends.</summary>
    public const string Separator = "..";

    /// <summary>
    /// Resolves <paramref name="spec"/>, either <c>A..B</c> or one ref, against <paramref name="snapshot"/>
    /// (branches, tags, versions, commit ids or their abbreviations). Null, with <paramref name="problem"/>
    /// saying why in a sentence, when an end is missing or unknown, or the spec is a symmetric
    /// difference (<c>A...B</c>), which the portal does not show.
    /// </summary>
    public static HistoryRange? Resolve(IndexSnapshot snapshot, string spec, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(spec);
        var at = spec.IndexOf(Separator, StringComparison.Ordinal);
        if (at < 0)
        {
            var tip = snapshot.Resolve(spec);
            problem = tip is null ? $"There is no branch, tag or commit named {spec}." : null;
            return tip is null ? null : new HistoryRange(null, spec, snapshot.Graph.History(tip));
        }

        var from = spec[..at];
        var to = spec[(at + Separator.Length)..];
        if (from.Length == 0 || to.Length == 0 || to.StartsWith('.') || to.Contains(Separator, StringComparison.Ordinal))
        {
            problem = $"{spec} is not a range: write A..B with a branch, tag, version or commit on each side.";
            return null;
        }

        var bottom = snapshot.Resolve(from);
        var top = snapshot.Resolve(to);
        if (bottom is null || top is null)
        {
            problem = $"There is no branch, tag or commit named {(bottom is null ? from : to)}.";
            return null;
        }

        problem = null;
        return new HistoryRange(from, to, snapshot.Graph.History(top, bottom));
    }
}
