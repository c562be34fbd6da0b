namespace Herald.History;

/// <summary>What to read with <see cref="CommitLog.Read"/>.</summary>
/// <param name="Revisions">Revisions as git takes them: <c>B</c>, <c>^A</c>, <c>A..B</c>; checked before use.</param>
public sealed record LogRequest(IReadOnlyList<string> Revisions)
{
    /// <summary>Leave merge commits out (<c>--no-merges</c>).</summary>
    public bool NoMerges { get; init; }

    /// <summary>Read per-file line counts (<c>--numstat</c>, renames followed). Costs a diff per commit.</summary>
    public bool WithLines { get; init; }

    /// <summary>Follow only the first parent of merges.</summary>
    public bool FirstParent { get; init; }

    /// <summary>Read at most this many commits; null for all.</summary>
    public int? MaxCount { get; init; }

    /// <summary>Leave out this many commits first (for paging; <c>--skip</c>).</summary>
    public int Offset { get; init; }
}
