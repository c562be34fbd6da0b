namespace Herald.Advisories;

/// <summary>
/// The upgrade question for one release (<c>/api/advisories?version=…</c>): the known advisories whose fix
/// its series has after it, or on its branch unreleased, and the first release carrying each.
/// </summary>
/// <param name="Version">The release asked about.</param>
/// <param name="Series">Its series.</param>
/// <param name="Advisories">The advisories affecting it, newest first.</param>
public sealed record AdvisoryUpgrade(string Version, string Series, IReadOnlyList<AdvisoryUpgradeFix> Advisories);
