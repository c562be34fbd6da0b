namespace Herald.Advisories;

/// <summary>What one run of <see cref="AdvisoryPublisher.RunDueAsync"/> did for one advisory.</summary>
/// <param name="Id">The advisory (<c>XSA-500</c>).</param>
/// <param name="Claimed">Whether this run stored it as public (exactly one run does, whatever the instances).</param>
/// <param name="PostsPublished">The slugs of the held posts this run published.</param>
/// <param name="Mailed">The lists this run mailed the advisory to (not those that had it already).</param>
/// <param name="ReleasesPublished">The staged releases this run moved into the artifact store.</param>
/// <param name="Completed">Whether its publication is now complete (recorded by this run).</param>
/// <param name="Error">Why its publication is not complete (a list that could not be mailed …), or null; the next run tries again.</param>
public sealed record AdvisoryPublication(
    string Id,
    bool Claimed,
    IReadOnlyList<string> PostsPublished,
    IReadOnlyList<string> Mailed,
    IReadOnlyList<string> ReleasesPublished,
    bool Completed,
    string? Error);
