namespace Herald.Advisories;

/// <summary>What one version of an advisory says: stored as JSON with each version.</summary>
/// <param name="Title">The title.</param>
/// <param name="Cves">The CVE ids, in order.</param>
/// <param name="Affects">The affected series (<c>4.18</c>, <c>4.19</c>).</param>
/// <param name="Versions">The affected versions named one by one (<c>4.19.0</c>), when the series are not enough.</param>
/// <param name="Commits">The full ids of the commits that fix it (on the mainline and the branches), when known.</param>
/// <param name="Sections">The text, by section.</param>
public sealed record AdvisoryContent(
    string Title,
    IReadOnlyList<string> Cves,
    IReadOnlyList<string> Affects,
    IReadOnlyList<string> Versions,
    IReadOnlyList<string> Commits,
    AdvisorySections Sections);
