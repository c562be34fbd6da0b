using Herald.History;
using Herald.Releases;
using Herald.Stats;

namespace Herald.Storage.Indexing;

/// <summary>Step 2, releases: the row, change list and own statistics of each release whose key changed.</summary>
internal static class ReleasesStep
{
    /// <summary>
    /// Computes <paramref name="releases"/> (in parallel); statistics are without growth, which needs the
    /// comparable release's (<see cref="StatisticsStep"/>). Candidates have none. <paramref name="keys"/> holds
    /// each release's <see cref="IndexInputs.ReleaseKey"/>, computed beforehand (<see cref="IndexInputs"/> is
    /// not thread-safe).
    /// </summary>
    public static IReadOnlyList<ComputedRelease> Compute(HeraldProject project, IndexInputs inputs, IReadOnlyDictionary<string, string> keys, IReadOnlyList<Release> releases, StatsCalculator calculator, int parallelism)
    {
        var repository = project.Repository;
        var catalog = project.Catalog;
        var computed = new ComputedRelease[releases.Count];
        // Each release's notes are its section of CHANGELOG.md as its tag has it: one git process for all tags.
        var changelogs = Announcements.ReleaseNotes.ReadChangelogs(repository, releases.Where(r => !r.IsCandidate).Select(r => r.Tag));
        Concurrently.For(releases.Count, parallelism, i =>
        {
            var release = releases[i];
            var range = ReleaseRange.For(catalog, release);
            var shas = repository.Run(["rev-list", "--end-of-options", .. range.Revisions, "--"]).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var row = new ReleaseRow
            {
                Version = release.Name,
                Series = release.Series.ToString(),
                Major = release.Version.Major,
                Minor = release.Version.Minor,
                Patch = release.Version.Patch,
                Candidate = release.Candidate,
                Tag = release.Tag,
                Commit = release.Commit,
                Date = DateOnly.FromDateTime(release.Date.UtcDateTime),
                Time = release.Date.ToUnixTimeSeconds(),
                Signed = release.Signed,
                Branch = catalog.StableBranches.GetValueOrDefault(release.Series),
                Previous = range.From?.Version.ToString(),
                Notes = !release.IsCandidate && changelogs.GetValueOrDefault(release.Tag) is { } changelog
                    && Announcements.ReleaseNotes.Find(changelog, release.Name)?.Body is { Length: > 0 } notes
                    ? notes
                    : null,
            };
            computed[i] = new ComputedRelease(
                release,
                row,
                shas.Select((sha, ordinal) => new ReleaseChangeRow { Version = release.Name, Sha = sha, Ordinal = ordinal }).ToList(),
                release.IsCandidate ? null : calculator.Compute(range.From?.Tag, release.Tag, range.Revisions),
                keys[release.Name]);
        });
        return computed;
    }
}

/// <summary>A release computed by <see cref="ReleasesStep"/>.</summary>
/// <param name="Release">The release.</param>
/// <param name="Row">Its row (statistics filled in by <see cref="StatisticsStep"/>).</param>
/// <param name="Changes">Its commits in log order.</param>
/// <param name="Stats">Its own statistics without growth, or null for a candidate.</param>
/// <param name="Key">The key of its inputs (<see cref="IndexInputs.ReleaseKey"/>).</param>
internal sealed record ComputedRelease(Release Release, ReleaseRow Row, List<ReleaseChangeRow> Changes, ContributionStats? Stats, string Key);
