using System.Globalization;
using Herald.History;
using Herald.Releases;

namespace Herald.Backports;

/// <summary>
/// The commits of stable branches that the mainline does not have, each tied to the mainline commit it
/// copies: by the <c>master commit:</c> trailer, the <c>(cherry picked from commit …)</c> line, or, for
/// commits that carry neither, an identical <c>git patch-id</c> with a mainline commit made since the
/// branch forked. One <c>git log</c> reads every branch; patch-ids are computed only where needed and cached.
/// </summary>
public sealed class BackportIndex
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<SeriesId, Dictionary<string, DateTimeOffset>> _firstOn = new();
    private readonly Dictionary<SeriesId, IReadOnlyList<BranchCommit>> _commits;
    private readonly Lazy<(Dictionary<SeriesId, string> Forks, Dictionary<string, string[]> Parents)> _mainline;
    private readonly Dictionary<SeriesId, HashSet<string>> _lacking = [];
    private readonly Lazy<Dictionary<string, BranchCommit>> _byId;

    private BackportIndex(string mainline, Dictionary<SeriesId, IReadOnlyList<BranchCommit>> commits, Lazy<(Dictionary<SeriesId, string> Forks, Dictionary<string, string[]> Parents)> mainlineGraph)
    {
        Mainline = mainline;
        _commits = commits;
        _mainline = mainlineGraph;
        _byId = new Lazy<Dictionary<string, BranchCommit>>(() =>
        {
            var byId = new Dictionary<string, BranchCommit>(StringComparer.Ordinal);
            foreach (var commit in commits.Values.SelectMany(l => l))
            {
                byId.TryAdd(commit.Sha, commit);
            }

            return byId;
        });
    }

    /// <summary>The mainline branch's tip commit.</summary>
    public string Mainline { get; }

    /// <summary>The series scanned.</summary>
    public IEnumerable<SeriesId> Series => _commits.Keys;

    /// <summary>
    /// The non-merge mainline commits the branch of <paramref name="series"/> does not have in its history
    /// (made after it forked), worked out in memory from one listing of the mainline since the oldest fork.
    /// </summary>
    public IReadOnlySet<string> MainlineLacking(SeriesId series)
    {
        lock (_lacking)
        {
            if (_lacking.TryGetValue(series, out var known))
            {
                return known;
            }

            var (forks, mainlineParents) = _mainline.Value;
            var reachable = new HashSet<string>(StringComparer.Ordinal);
            if (forks.TryGetValue(series, out var fork))
            {
                var stack = new Stack<string>();
                stack.Push(fork);
                while (stack.TryPop(out var current))
                {
                    if (mainlineParents.TryGetValue(current, out var parents) && reachable.Add(current))
                    {
                        foreach (var parent in parents)
                        {
                            stack.Push(parent);
                        }
                    }
                }
            }

            var lacking = mainlineParents.Where(c => c.Value.Length <= 1 && !reachable.Contains(c.Key)).Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
            _lacking[series] = lacking;
            return lacking;
        }
    }

    /// <summary>
    /// Whether the branch of <paramref name="series"/> has the mainline commit <paramref name="commit"/> (a full
    /// id) in its history: it was made before the branch forked. False for commits the index does not
    /// know as mainline commits made since the oldest fork.
    /// </summary>
    public bool Reaches(SeriesId series, string commit) =>
        _mainline.Value.Parents.ContainsKey(commit) && !MainlineLacking(series).Contains(commit);

    /// <summary>
    /// Whether the branch of <paramref name="series"/> has <paramref name="commit"/> (a full id) by
    /// <paramref name="until"/>: in its history, or copied onto it (<c>master commit:</c>, cherry-pick line or
    /// identical patch). A stable-only commit of another branch counts through the mainline commit it copies.
    /// Commits the index cannot place (older than every fork, or unknown to it) count as present, so a
    /// caller that drops what a branch lacks never drops on a guess.
    /// </summary>
    public bool Holds(SeriesId series, string commit, DateTimeOffset until)
    {
        ArgumentNullException.ThrowIfNull(commit);
        if (HoldsDirectly(series, commit, until) is { } direct)
        {
            return direct;
        }

        if (_byId.Value.TryGetValue(commit, out var elsewhere))
        {
            return elsewhere.MasterCommit is { } master && master != commit && HoldsDirectly(series, master, until) != false;
        }

        return true;
    }

    /// <summary>The branch-only commits of <paramref name="series"/>, newest first; empty when not scanned.</summary>
    public IReadOnlyList<BranchCommit> CommitsOf(SeriesId series) => _commits.GetValueOrDefault(series) ?? [];

    /// <summary>Builds the index of the stable branches of <paramref name="series"/>.</summary>
    /// <param name="repository">The repository.</param>
    /// <param name="catalog">Its releases and branches.</param>
    /// <param name="mainline">The mainline branch name (e.g. master).</param>
    /// <param name="series">The series whose branches to read (those without a branch are skipped).</param>
    /// <param name="patchIds">The patch-id cache.</param>
    /// <param name="parallelism">How many git pipelines may compute patch-ids at once.</param>
    /// <param name="mainlineCandidates">
    /// The mainline commits a trailer-less commit may copy; null for every mainline commit since the
    /// oldest branch forked (the full matrix). Asking about one commit needs only that one.
    /// </param>
    public static BackportIndex Build(GitRepository repository, ReleaseCatalog catalog, string mainline, IEnumerable<SeriesId> series, PatchIdCache patchIds, int parallelism, IReadOnlyCollection<string>? mainlineCandidates = null)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(patchIds);
        var mainlineTip = ResolveMainline(repository, catalog, mainline);
        var tips = new Dictionary<string, SeriesId>(StringComparer.Ordinal);
        foreach (var s in series)
        {
            if (catalog.StableBranches.TryGetValue(s, out var branch))
            {
                tips.TryAdd(catalog.Branches[branch], s);
            }
        }

        var scanned = tips.Values.ToDictionary(s => s, _ => new List<RawCommit>());
        if (tips.Count > 0)
        {
            var arguments = new List<string> { "log", "--no-merges", "--source", "-z", "--format=%x1e%H%x1f%S%x1f%cI%x1f%B", "--end-of-options" };
            arguments.AddRange(tips.Keys);
            arguments.Add("^" + mainlineTip);
            arguments.Add("--");
            foreach (var raw in repository.StreamItems(arguments, Parse))
            {
                if (tips.TryGetValue(raw.Source, out var s))
                {
                    scanned[s].Add(raw);
                }
            }
        }

        // Trailers and Fixes: targets name commits by abbreviations: one cat-file resolves them all.
        var abbreviated = scanned.Values.SelectMany(l => l)
            .SelectMany(r => r.Fixes.Prepend(r.Trailer))
            .Where(t => t is { Length: < 40 })
            .Select(t => t!)
            .Distinct()
            .ToList();
        var full = ExpandAbbreviations(repository, abbreviated);

        // Where each branch forked, and the mainline since the oldest fork (with parents): what the
        // branches may lack, and what a commit without a trailer may copy. Read only when needed.
        var mainlineGraph = new Lazy<(Dictionary<SeriesId, string>, Dictionary<string, string[]>)>(() =>
        {
            var tipList = tips.Keys.ToList();
            var found = new string[tipList.Count];
            Concurrently.For(tipList.Count, Math.Max(2, Environment.ProcessorCount), i =>
            {
                found[i] = repository.TryRun(out var fork, "merge-base", "--end-of-options", mainlineTip, tipList[i]) ? fork.Trim() : string.Empty;
            });
            var forks = tipList.Select((tip, i) => (Series: tips[tip], Fork: found[i])).Where(f => f.Fork.Length > 0).ToDictionary(f => f.Series, f => f.Fork);
            return (forks, MainlineSince(repository, mainlineTip, forks.Values.Distinct().ToList()));
        });

        // Commits with no trailer: match by patch-id against mainline commits since the oldest fork.
        var unmatched = scanned.Values.SelectMany(l => l).Where(r => r.Trailer is null).Select(r => r.Sha).ToList();
        var byPatch = new Dictionary<string, string>(StringComparer.Ordinal);
        if (unmatched.Count > 0)
        {
            var candidates = mainlineCandidates?.ToArray() ?? mainlineGraph.Value.Item2.Where(c => c.Value.Length <= 1).Select(c => c.Key).ToArray();
            var ids = patchIds.Get(repository, [.. candidates, .. unmatched], parallelism);
            var mainlineByPatch = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var candidate in candidates)
            {
                if (ids.TryGetValue(candidate, out var id))
                {
                    mainlineByPatch.TryAdd(id, candidate);
                }
            }

            foreach (var sha in unmatched)
            {
                if (ids.TryGetValue(sha, out var id) && mainlineByPatch.TryGetValue(id, out var master))
                {
                    byPatch[sha] = master;
                }
            }
        }

        var commits = scanned.ToDictionary(
            e => e.Key,
            e => (IReadOnlyList<BranchCommit>)e.Value.Select(r =>
            {
                string? master = r.Trailer is null ? byPatch.GetValueOrDefault(r.Sha) : full.GetValueOrDefault(r.Trailer, r.Trailer);
                var matchedBy = r.Trailer is not null ? r.TrailerKind : master is not null ? "patch-id" : null;
                var fixes = r.Fixes.Select(f => full.GetValueOrDefault(f, f)).ToList();
                return new BranchCommit(r.Sha, r.Subject, r.Date, master, matchedBy, r.Advisories, fixes);
            }).ToList());
        return new BackportIndex(mainlineTip, commits, mainlineGraph);
    }

    // For each commit on a branch, and each mainline commit copied onto it, the date it first got there:
    // built once per series, so that each question is one lookup rather than a walk of the branch.
    private Dictionary<string, DateTimeOffset> FirstOn(SeriesId series) =>
        _firstOn.GetOrAdd(series, s =>
        {
            var first = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
            foreach (var commit in CommitsOf(s))
            {
                foreach (var id in commit.MasterCommit is { } master ? [commit.Sha, master] : new[] { commit.Sha })
                {
                    if (!first.TryGetValue(id, out var known) || commit.Date < known)
                    {
                        first[id] = commit.Date;
                    }
                }
            }

            return first;
        });

    private bool? HoldsDirectly(SeriesId series, string commit, DateTimeOffset until)
    {
        if (FirstOn(series).TryGetValue(commit, out var first) && first <= until)
        {
            return true;
        }

        return _mainline.Value.Parents.ContainsKey(commit) ? !MainlineLacking(series).Contains(commit) : null;
    }

    private static Dictionary<string, string[]> MainlineSince(GitRepository repository, string mainlineTip, List<string> forks)
    {
        var result = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (forks.Count == 0)
        {
            return result;
        }

        // The forks lie on the mainline's history: their common ancestor is the oldest of them.
        var oldest = forks.Count == 1 ? forks[0] : repository.Run(["merge-base", "--octopus", "--end-of-options", .. forks]).Trim();
        foreach (var line in repository.Run("rev-list", "--parents", "--end-of-options", mainlineTip, "^" + oldest, "--").Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split(' ');
            result[parts[0]] = parts[1..];
        }

        return result;
    }

    /// <summary>The tip of the mainline branch; a clear error when it does not exist.</summary>
    public static string ResolveMainline(GitRepository repository, ReleaseCatalog catalog, string mainline)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        if (catalog.Branches.TryGetValue(mainline, out var tip))
        {
            return tip;
        }

        throw new HeraldException($"no branch '{mainline}' to compare stable branches with; set [releases] mainline in herald.toml to the development branch.");
    }

    private static Dictionary<string, string> ExpandAbbreviations(GitRepository repository, List<string> abbreviated)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (abbreviated.Count == 0)
        {
            return result;
        }

        var output = repository.Stream(["cat-file", "--batch-check=%(objectname) %(objecttype)"], s => new StreamReader(s).ReadToEnd(), string.Join('\n', abbreviated) + "\n");
        var lines = output.Split('\n');
        for (var i = 0; i < abbreviated.Count && i < lines.Length; i++)
        {
            var parts = lines[i].Split(' ');
            if (parts.Length == 2 && parts[1] == "commit")
            {
                result[abbreviated[i]] = parts[0];
            }
        }

        return result;
    }

    private static IEnumerable<RawCommit> Parse(Stream stream)
    {
        foreach (var fields in RecordReader.Read(stream, 4))
        {
            var (sha, source, date, message) = (fields[0], fields[1], fields[2], fields[3]);
            var trailers = TrailerParser.Parse(message);
            var found = BackportTrailer.Find(trailers);
            var trailer = found?.Sha;
            var kind = found?.Kind;

            yield return new RawCommit(
                sha,
                source,
                DateTimeOffset.Parse(date, CultureInfo.InvariantCulture),
                CommitReader.SubjectOf(message),
                trailer,
                kind,
                AdvisoryReferences.Find(message),
                BackportTrailer.Fixes(trailers));
        }
    }

    private sealed record RawCommit(string Sha, string Source, DateTimeOffset Date, string Subject, string? Trailer, string? TrailerKind, IReadOnlyList<string> Advisories, IReadOnlyList<string> Fixes);
}
