using Herald.Backports;
using Herald.History;
using Herald.Releases;

namespace Herald.Storage.Indexing;

/// <summary>Step 1, read new commits: those reachable from the refs and not yet in the index, as rows.</summary>
internal static class CommitsStep
{
    /// <summary>
    /// The commits reachable from the catalog's branches and tags and from none of <paramref name="oldTips"/>
    /// (the refs of the last run) that <paramref name="known"/> lacks; <paramref name="known"/> gains them.
    /// </summary>
    public static List<CommitRow> ReadNew(GitRepository repository, ReleaseCatalog catalog, IReadOnlyList<string> oldTips, HashSet<string> known)
    {
        var tips = catalog.Branches.Values.Concat(catalog.Releases.Select(r => r.Commit)).Concat(catalog.Candidates.Select(r => r.Commit)).Distinct().ToList();
        var rows = new List<CommitRow>();
        if (tips.Count == 0)
        {
            return rows;
        }

        // A tip the repository lost (a deleted branch, a pruned tag) cannot bound the walk.
        var request = new LogRequest([.. tips, .. Existing(repository, oldTips).Select(t => "^" + t)]);
        foreach (var commit in new CommitLog(repository).Read(request))
        {
            if (known.Add(commit.Sha))
            {
                rows.Add(ToRow(commit));
            }
        }

        return rows;
    }

    private static List<string> Existing(GitRepository repository, IReadOnlyList<string> commits)
    {
        if (commits.Count == 0)
        {
            return [];
        }

        var output = repository.Stream(["cat-file", "--batch-check=%(objectname) %(objecttype)"], s => new StreamReader(s, leaveOpen: true).ReadToEnd(), string.Join('\n', commits) + "\n");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')).Where(p => p.Length == 2 && p[1] == "commit").Select(p => p[0]).ToList();
    }

    private static CommitRow ToRow(Commit commit)
    {
        var master = BackportTrailer.Find(commit.Trailers)?.Sha;
        var advisories = AdvisoryReferences.Find(commit.Body);
        return new CommitRow
        {
            Sha = commit.Sha,
            Parents = string.Join(' ', commit.Parents),
            Subject = commit.Subject,
            Body = commit.Body,
            AuthorName = commit.Author.Name,
            AuthorEmail = commit.Author.Email,
            AuthorTime = commit.Author.Date.ToUnixTimeSeconds(),
            AuthorOffset = (int)commit.Author.Date.Offset.TotalMinutes,
            CommitTime = commit.Committer.Date.ToUnixTimeSeconds(),
            MasterCommit = master,
            Advisories = advisories.Count == 0 ? null : string.Join(',', advisories),
        };
    }
}
