namespace Herald.Search;

/// <summary>
/// What a search hit is. Each kind owns a range of ids in the search table (<see cref="SearchKinds.Lowest"/>),
/// so that a query asks the full-text index for one kind at a time, and a kind's rows are replaced as a
/// block. Advisories come as a new member with its own range, rows and link.
/// </summary>
public enum SearchKind
{
    /// <summary>A release or release candidate: its version and tag. Key: the version.</summary>
    Release = 1,

    /// <summary>A commit: its subject and author. Key: the full commit id.</summary>
    Commit = 2,

    /// <summary>A published news post: its title and body. Key: the slug.</summary>
    Post = 3,
}

/// <summary>The id ranges of the kinds in the search table.</summary>
public static class SearchKinds
{
    /// <summary>How many ids each kind has (2^40).</summary>
    public const long RangeSize = 1L << 40;

    /// <summary>Every kind, in the order results are shown.</summary>
    public static IReadOnlyList<SearchKind> All { get; } = [SearchKind.Release, SearchKind.Commit, SearchKind.Post];

    /// <summary>The first id of <paramref name="kind"/>'s rows.</summary>
    public static long Lowest(this SearchKind kind) => (long)kind * RangeSize;

    /// <summary>The last id of <paramref name="kind"/>'s rows.</summary>
    public static long Highest(this SearchKind kind) => Lowest(kind) + RangeSize - 1;

    /// <summary>The name the API uses (<c>release</c>, <c>commit</c>, <c>post</c>).</summary>
    public static string Name(this SearchKind kind) => kind switch
    {
        SearchKind.Release => "release",
        SearchKind.Commit => "commit",
        SearchKind.Post => "post",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
