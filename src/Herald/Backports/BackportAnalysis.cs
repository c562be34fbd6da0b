using Herald.Policy;
using Herald.Releases;

namespace Herald.Backports;

/// <summary>
/// The backport reports of some series, computed the one way the CLI and the index both use: one
/// <see cref="BackportIndex"/> over the series and those they are compared with, patch-ids from the data
/// folder's cache (saved afterwards), then <see cref="BackportReport.Build"/>.
/// </summary>
/// <param name="Reports">One report per wanted series, in the order asked.</param>
/// <param name="PatchIdMatches">Stable commits tied to a mainline commit by an identical patch-id alone (no trailer, no cherry-pick line): stable id → mainline id.</param>
public sealed record BackportAnalysis(IReadOnlyList<BackportReport> Reports, IReadOnlyDictionary<string, string> PatchIdMatches)
{
    /// <summary>Analyses <paramref name="wanted"/> (each with a stable branch) on <paramref name="asOf"/>.</summary>
    /// <param name="project">The project (its repository, catalog, mainline and patch-id cache).</param>
    /// <param name="windows">Every series' support window.</param>
    /// <param name="wanted">The series to report on.</param>
    /// <param name="maintained">The series maintained on <paramref name="asOf"/>: a fix one of them has and a wanted one lacks is missing there.</param>
    /// <param name="asOf">The day statuses are taken on.</param>
    /// <param name="parallelism">git pipelines computing patch-ids at once.</param>
    public static BackportAnalysis Run(HeraldProject project, IReadOnlyList<SupportWindow> windows, IReadOnlyList<SeriesId> wanted, IEnumerable<SeriesId> maintained, DateOnly asOf, int parallelism)
    {
        ArgumentNullException.ThrowIfNull(project);
        History.CommitLog.EnsureComplete(project.Repository);
        ArgumentNullException.ThrowIfNull(windows);
        ArgumentNullException.ThrowIfNull(wanted);
        ArgumentNullException.ThrowIfNull(maintained);
        var catalog = project.Catalog;
        var series = wanted.Concat(maintained).Distinct().ToList();
        var patchIds = project.OpenPatchIdCache();
        var index = BackportIndex.Build(project.Repository, catalog, project.Mainline, series, patchIds, parallelism);
        var reports = BackportReport.Build(project.Repository, catalog, index, windows, wanted, asOf);
        patchIds.Save();
        var matches = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var commit in series.SelectMany(index.CommitsOf).Where(c => c.MatchedBy == "patch-id"))
        {
            matches.TryAdd(commit.Sha, commit.MasterCommit!);
        }

        return new BackportAnalysis(reports, matches);
    }
}
