using System.Text.Json;
using Herald.Backports;
using Herald.Policy;
using Herald.Releases;

namespace Herald.Storage.Indexing;

/// <summary>Step 4, series and backports: every series' support window and unreleased commits, and the backport reports of those maintained.</summary>
internal static class SeriesStep
{
    /// <summary>
    /// The series rows for <paramref name="today"/>; sets <see cref="CommitRow.MasterCommit"/> of
    /// <paramref name="newCommits"/> that only an identical patch-id ties to mainline.
    /// </summary>
    public static List<SeriesRow> Compute(HeraldProject project, DateOnly today, IReadOnlyList<CommitRow> newCommits, int parallelism)
    {
        var catalog = project.Catalog;
        var status = StatusReport.Build(project.Repository, catalog, project.Config.Policy, today, project.Mainline);
        var supported = SupportPolicy.MaintainedOn(status.Windows, today).Where(catalog.StableBranches.ContainsKey).ToList();
        IReadOnlyList<BackportReport> backports = [];
        if (supported.Count > 0 && catalog.Branches.ContainsKey(project.Mainline))
        {
            var analysis = BackportAnalysis.Run(project, status.Windows, supported, supported, today, parallelism);
            backports = analysis.Reports;
            foreach (var row in newCommits.Where(r => r.MasterCommit is null))
            {
                row.MasterCommit = analysis.PatchIdMatches.GetValueOrDefault(row.Sha);
            }
        }

        return status.Series.Select(s =>
        {
            var id = SeriesId.Parse(s.Series);
            var report = backports.FirstOrDefault(b => b.Series == s.Series);
            return new SeriesRow
            {
                Series = s.Series,
                Major = id.Major,
                Minor = id.Minor,
                Branch = s.Branch,
                Released = status.Windows.First(w => w.Series == id).Released,
                SupportedUntil = s.SupportedUntil,
                SecurityUntil = s.SecurityUntil,
                Source = s.Source.ToString().ToLowerInvariant(),
                UnreleasedCommits = s.UnreleasedCommits,
                BackportsJson = report is null ? null : JsonSerializer.Serialize(report, HeraldJson.Options),
            };
        }).ToList();
    }
}
