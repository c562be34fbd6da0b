namespace Herald.Advisories;

/// <summary>An advisory the repository names (<c>/advisories</c>, <c>/api/advisories</c>); those Herald manages are <see cref="ManagedAdvisory"/>.</summary>
/// <param name="Id">The advisory id (<c>XSA-496</c>).</param>
/// <param name="Cves">The CVE ids the same commits name, in order.</param>
/// <param name="FirstNamed">The commit date (UTC) of the first commit naming it.</param>
/// <param name="Commits">The full ids of the commits naming it, oldest first.</param>
public sealed record AdvisorySummary(string Id, IReadOnlyList<string> Cves, DateOnly FirstNamed, IReadOnlyList<string> Commits);
