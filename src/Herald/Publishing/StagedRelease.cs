namespace Herald.Publishing;

/// <summary>A release built and signed ahead of an embargo's end, waiting in <c>DATA/held/VERSION/</c> (never served).</summary>
/// <param name="Version">The release (<c>4.19.1</c>).</param>
/// <param name="Slug">The project's slug it was built for (the download layout's second segment).</param>
/// <param name="Advisories">The advisories that held it when it was staged; it is published when all of them are public.</param>
/// <param name="StagedAt">When it was staged (UTC).</param>
public sealed record StagedRelease(string Version, string Slug, IReadOnlyList<string> Advisories, DateTimeOffset StagedAt);
