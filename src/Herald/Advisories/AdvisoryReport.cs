namespace Herald.Advisories;

/// <summary>An advisory and, for every series, where its fix landed (<c>/api/advisories/{id}</c>).</summary>
/// <param name="Id">The advisory id.</param>
/// <param name="Cves">The CVE ids the same commits name.</param>
/// <param name="FirstNamed">The commit date (UTC) of the first commit naming it.</param>
/// <param name="Mainline">The fix on the mainline branch, or null when the mainline holds none of its commits.</param>
/// <param name="Series">Every series of the index, newest first.</param>
public sealed record AdvisoryReport(string Id, IReadOnlyList<string> Cves, DateOnly FirstNamed, AdvisoryMainline? Mainline, IReadOnlyList<AdvisorySeries> Series);
