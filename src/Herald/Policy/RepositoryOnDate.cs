using System.Globalization;
using Herald.History;
using Herald.Releases;

namespace Herald.Policy;

/// <summary>
/// What the repository looked like at the end of a day: the series that existed then (released, or in
/// development as the successor of the newest release, a candidate or a stable branch) and the commit
/// each of their stable branches pointed at. A past date costs one process for the branch tips' dates,
/// one for when the newer branches forked, and one per listed branch that has moved since; never one per commit.
/// </summary>
internal sealed class RepositoryOnDate
{
    private RepositoryOnDate(IReadOnlyList<SeriesId> series, IReadOnlyDictionary<SeriesId, string> revisions, IReadOnlySet<SeriesId> moved)
    {
        Series = series;
        BranchRevisions = revisions;
        MovedSince = moved;
    }

    /// <summary>The series that existed, newest first.</summary>
    public IReadOnlyList<SeriesId> Series { get; }

    /// <summary>Series → the commit its stable branch pointed at, for the listed series whose branch existed then.</summary>
    public IReadOnlyDictionary<SeriesId, string> BranchRevisions { get; }

    /// <summary>The series whose stable branch has commits after the date (its revision is not the tip).</summary>
    public IReadOnlySet<SeriesId> MovedSince { get; }

    /// <summary>The end of <paramref name="date"/> (UTC) as git's <c>--before</c> reads it.</summary>
    public static string EndOf(DateOnly date) =>
        date.ToDateTime(new TimeOnly(23, 59, 59), DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// Reads the state on <paramref name="asOf"/>. A stable branch existed once its first commit that
    /// <paramref name="mainlineTip"/> lacks was made (without a mainline: once its tip was).
    /// </summary>
    public static RepositoryOnDate Read(GitRepository repository, ReleaseCatalog catalog, DateOnly asOf, string? mainlineTip)
    {
        var end = asOf.ToDateTime(new TimeOnly(23, 59, 59), DateTimeKind.Utc);
        var endText = EndOf(asOf);
        bool By(DateTimeOffset date) => date.UtcDateTime <= end;

        var released = catalog.Releases.Where(r => By(r.Date)).Select(r => r.Series).ToHashSet();
        SeriesId? newest = released.Count == 0 ? null : released.Max();
        var known = catalog.Series.Concat(catalog.Candidates.Select(c => c.Series)).Distinct().Order().ToList();
        var newer = known.Where(s => newest is null || s > newest.Value).ToList();

        var tips = catalog.StableBranches.ToDictionary(b => b.Key, b => catalog.Branches[b.Value]);
        var tipDates = CommitDates(repository, [.. tips.Values.Distinct()]);
        var moved = tips.Where(t => !tipDates.TryGetValue(t.Value, out var d) || !By(d)).Select(t => t.Key).ToHashSet();

        // Newer series exist through a candidate or a branch made by the date; the successor of the newest
        // release was in development from that release on, even before either.
        var existed = newer.Where(s => catalog.Candidates.Any(c => c.Series == s && By(c.Date))).ToHashSet();
        if (newest is not null && newer.Count > 0)
        {
            existed.Add(newer[0]);
        }

        // A branch of a series released by then is taken as there; a newer one once it had a commit of its own.
        var newerBranches = newer.Where(s => tips.ContainsKey(s) && moved.Contains(s)).ToList();
        var firstOwn = mainlineTip is null ? [] : FirstOwnCommits(repository, [.. newerBranches.Select(s => tips[s]).Distinct()], mainlineTip);
        var branched = tips.Keys.Where(s => released.Contains(s) || !moved.Contains(s) || (firstOwn.TryGetValue(tips[s], out var first) && By(first))).ToHashSet();
        existed.UnionWith(newer.Where(branched.Contains));

        var series = released.Concat(existed).OrderDescending().ToList();
        var listedBranches = series.Where(branched.Contains).ToList();
        var revisions = new string?[listedBranches.Count];
        Concurrently.For(listedBranches.Count, Math.Max(2, Environment.ProcessorCount), i =>
        {
            var tip = tips[listedBranches[i]];
            revisions[i] = moved.Contains(listedBranches[i])
                ? repository.Run("log", "-1", "--format=%H", "--before=" + endText, "--end-of-options", tip, "--").Trim()
                : tip;
        });

        var byDate = new Dictionary<SeriesId, string>();
        for (var i = 0; i < listedBranches.Count; i++)
        {
            if (revisions[i] is { Length: > 0 } revision)
            {
                byDate[listedBranches[i]] = revision;
            }
        }

        return new RepositoryOnDate(series, byDate, moved);
    }

    /// <summary>
    /// Tip → the date of the oldest commit reachable from it that the mainline lacks, in one walk
    /// (<c>--source</c> names the tip each commit was reached from).
    /// </summary>
    private static Dictionary<string, DateTimeOffset> FirstOwnCommits(GitRepository repository, IReadOnlyList<string> tips, string mainlineTip)
    {
        var result = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        if (tips.Count == 0)
        {
            return result;
        }

        var output = repository.Run(["log", "--format=%ct %S", "--source", "--end-of-options", .. tips, "^" + mainlineTip, "--"]);
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split(' ');
            if (parts.Length == 2 && long.TryParse(parts[0], CultureInfo.InvariantCulture, out var seconds))
            {
                var date = DateTimeOffset.FromUnixTimeSeconds(seconds);
                if (!result.TryGetValue(parts[1], out var known) || date < known)
                {
                    result[parts[1]] = date;
                }
            }
        }

        return result;
    }

    private static Dictionary<string, DateTimeOffset> CommitDates(GitRepository repository, IReadOnlyList<string> commits)
    {
        var result = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        if (commits.Count == 0)
        {
            return result;
        }

        foreach (var line in repository.Run(["log", "--no-walk=unsorted", "--format=%H %ct", "--end-of-options", .. commits, "--"]).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split(' ');
            if (parts.Length == 2 && long.TryParse(parts[1], CultureInfo.InvariantCulture, out var seconds))
            {
                result[parts[0]] = DateTimeOffset.FromUnixTimeSeconds(seconds);
            }
        }

        return result;
    }
}
