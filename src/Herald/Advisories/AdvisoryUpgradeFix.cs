namespace Herald.Advisories;

/// <summary>An advisory that affects a release and what fixes it.</summary>
/// <param name="Id">The advisory id.</param>
/// <param name="Cves">Its CVE ids.</param>
/// <param name="State"><see cref="AdvisoryFixState.Fixed"/> (in <paramref name="FixedIn"/>) or <see cref="AdvisoryFixState.Unreleased"/>.</param>
/// <param name="FixedIn">The first release of the series containing the fix, or null while unreleased.</param>
/// <param name="Commits">The fix commits on the series' branch.</param>
public sealed record AdvisoryUpgradeFix(string Id, IReadOnlyList<string> Cves, AdvisoryFixState State, string? FixedIn, IReadOnlyList<string> Commits);
