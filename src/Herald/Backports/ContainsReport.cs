using Herald.History;
using Herald.Releases;

namespace Herald.Backports;

/// <summary>
/// Where a fix is: every branch (the mainline included) that holds the commit or a backport of it, the
/// commit there, and the first release of that branch's series that contains it. The shape of
/// <c>herald contains SHA --json</c>.
/// </summary>
/// <param name="Commit">The mainline commit the fix is (the given commit, or the one its backport trailer names).</param>
/// <param name="Subject">Its subject.</param>
/// <param name="Branches">The branches that hold it, mainline first, then series newest first.</param>
public sealed record ContainsReport(string Commit, string Subject, IReadOnlyList<ContainingBranch> Branches)
{
    /// <summary>Finds <paramref name="revision"/> (a full or abbreviated commit id, or any revision).</summary>
    public static ContainsReport Build(GitRepository repository, ReleaseCatalog catalog, string mainline, PatchIdCache patchIds, int parallelism, string revision)
    {
        ArgumentNullException.ThrowIfNull(repository);
        CommitLog.EnsureComplete(repository);
        ArgumentNullException.ThrowIfNull(catalog);
        RevisionName.Validate(revision);
        if (!repository.TryRun(out var resolved, "rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}"))
        {
            throw new HeraldException($"unknown commit '{revision}': no commit has that id (or the abbreviation is ambiguous); give more digits.");
        }

        var given = new CommitLog(repository).Read(new LogRequest([resolved.Trim()]) { MaxCount = 1 }).First();
        var fromTrailer = BackportTrailer.Find(given.Trailers)?.Sha;
        var master = given.Sha;
        var subject = given.Subject;
        var mainlineTip = BackportIndex.ResolveMainline(repository, catalog, mainline);
        if (fromTrailer is not null && repository.TryRun(out var original, "rev-parse", "--verify", "--quiet", "--end-of-options", fromTrailer + "^{commit}"))
        {
            master = original.Trim();
        }
        else if (!ReleaseLocator.IsAncestor(repository, given.Sha, mainlineTip))
        {
            // A copy without a trailer: the mainline commit with the same patch, made since the fork.
            master = ByPatch(repository, patchIds, parallelism, given.Sha, mainlineTip) ?? given.Sha;
        }

        if (master != given.Sha)
        {
            subject = new CommitLog(repository).Read(new LogRequest([master]) { MaxCount = 1 }).First().Subject;
        }

        var masterDate = repository.Run("show", "-s", "--format=%ct", "--end-of-options", master).Trim();
        var stable = catalog.StableBranches.OrderByDescending(b => b.Key).ToList();

        // Commit dates only grow along history (a day of clock skew allowed): a branch whose tip, or a
        // release whose tag, is older than the commit cannot contain it, and needs no ancestry check.
        var since = long.Parse(masterDate, System.Globalization.CultureInfo.InvariantCulture) - 86_400;
        var tips = stable.Select(b => catalog.Branches[b.Value]).Prepend(mainlineTip).ToList();
        var tipDates = repository.Run(["show", "-s", "--format=%H %ct", "--end-of-options", .. tips.Distinct()])
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(' '))
            .ToDictionary(p => p[0], p => long.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal);
        var holds = new bool[tips.Count];
        Concurrently.For(tips.Count, Math.Max(2, parallelism), i =>
        {
            holds[i] = tipDates[tips[i]] >= since && ReleaseLocator.IsAncestor(repository, master, tips[i]);
        });

        var toScan = stable.Where((b, i) => !holds[i + 1] && tipDates[catalog.Branches[b.Value]] >= since).Select(b => b.Key).ToList();
        var index = BackportIndex.Build(repository, catalog, mainline, toScan, patchIds, parallelism, [master]);
        var sinceDate = DateTimeOffset.FromUnixTimeSeconds(since);

        var holding = new List<(ContainingBranch Branch, IReadOnlyList<Release> Releases)>();
        if (holds[0])
        {
            holding.Add((new ContainingBranch(mainline, null, master, null), catalog.Releases.Where(r => r.Version.IsSeriesStart && r.Date >= sinceDate).ToList()));
        }

        for (var i = 0; i < stable.Count; i++)
        {
            var (series, branch) = stable[i];
            var releases = catalog.InSeries(series).Where(r => r.Date >= sinceDate).ToList();
            if (holds[i + 1])
            {
                holding.Add((new ContainingBranch(branch, series.ToString(), master, null), releases));
                continue;
            }

            var copy = index.CommitsOf(series).LastOrDefault(c => c.MasterCommit == master);
            if (copy is not null)
            {
                holding.Add((new ContainingBranch(branch, series.ToString(), copy.Sha, null), releases));
            }
        }

        var withReleases = new ContainingBranch[holding.Count];
        Concurrently.For(holding.Count, Math.Max(2, parallelism), i =>
        {
            var (entry, releases) = holding[i];
            withReleases[i] = entry with { Release = ReleaseLocator.FirstContaining(repository, entry.Commit, releases)?.Version.ToString() };
        });

        return new ContainsReport(master, subject, withReleases);
    }

    private static string? ByPatch(GitRepository repository, PatchIdCache patchIds, int parallelism, string commit, string mainlineTip)
    {
        if (!repository.TryRun(out var fork, "merge-base", "--end-of-options", mainlineTip, commit) || fork.Trim().Length == 0)
        {
            return null;
        }

        var candidates = repository.Run("rev-list", "--no-merges", "--end-of-options", mainlineTip, "^" + fork.Trim(), "--")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var ids = patchIds.Get(repository, [.. candidates, commit], parallelism);
        if (!ids.TryGetValue(commit, out var id))
        {
            return null;
        }

        return candidates.LastOrDefault(c => ids.TryGetValue(c, out var other) && other == id);
    }
}

/// <summary>A branch that holds a fix.</summary>
/// <param name="Branch">The branch name.</param>
/// <param name="Series">Its series; null for the mainline.</param>
/// <param name="Commit">The commit on that branch (the fix itself, or its backport).</param>
/// <param name="Release">The first release of the series (for the mainline: of any series) that contains it; null while unreleased.</param>
public sealed record ContainingBranch(string Branch, string? Series, string Commit, string? Release);
