namespace Herald.Advisories;

/// <summary>A commit of the index that names advisories: the input of <see cref="AdvisoryCatalog"/>.</summary>
/// <param name="Sha">The full commit id.</param>
/// <param name="Ids">The advisory and CVE ids its message names, upper-cased, in order of first mention.</param>
/// <param name="MasterCommit">The full id of the mainline commit it copies, or null.</param>
/// <param name="Time">Its commit time, seconds since the epoch.</param>
/// <param name="Fixes">The full ids of the commits its <c>Fixes:</c> trailers name (those the index holds).</param>
public sealed record AdvisoryCommit(string Sha, IReadOnlyList<string> Ids, string? MasterCommit, long Time, IReadOnlyList<string> Fixes);
