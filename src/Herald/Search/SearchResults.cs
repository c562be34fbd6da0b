namespace Herald.Search;

/// <summary>What a search found, grouped by kind.</summary>
/// <param name="Query">The query as typed (trimmed).</param>
/// <param name="Groups">One group per kind, in the order of <see cref="SearchKinds.All"/>.</param>
public sealed record SearchResults(string Query, IReadOnlyList<SearchGroup> Groups)
{
    /// <summary>Whether nothing was found.</summary>
    public bool IsEmpty => Groups.All(g => g.Hits.Count == 0);
}

/// <summary>The hits of one kind, best first.</summary>
/// <param name="Kind">The kind.</param>
/// <param name="Hits">At most the limit asked for.</param>
/// <param name="More">Whether more hits of this kind exist than were returned.</param>
public sealed record SearchGroup(SearchKind Kind, IReadOnlyList<SearchHit> Hits, bool More);

/// <summary>One thing found.</summary>
/// <param name="Kind">What it is.</param>
/// <param name="Key">Its key: a version, a full commit id, a post's slug.</param>
/// <param name="Title">What to show: the version, the commit's subject, the post's title.</param>
/// <param name="Detail">A second line: the tag, the commit's author, the post's author.</param>
/// <param name="Date">The release date, the author date, the post's date (UTC).</param>
public sealed record SearchHit(SearchKind Kind, string Key, string Title, string Detail, DateTimeOffset Date);
