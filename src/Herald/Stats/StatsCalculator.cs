using Herald.History;
using Herald.Releases;

namespace Herald.Stats;

/// <summary>
/// Computes <see cref="ContributionStats"/> for a target. One streamed <c>git log</c> reads who made each
/// commit and the trailers; line counts come from the <see cref="LineCountCache"/>, and those missing are
/// read by several <c>git log --numstat</c> processes in parallel over disjoint sets of commits, then cached.
/// </summary>
public sealed class StatsCalculator
{
    // Each git process pays to map the packs and warm its delta cache: few large chunks beat many small ones.
    private const int ChunksPerWorker = 1;

    private readonly GitRepository _repository;
    private readonly IdentityResolver _identities;
    private readonly LineCountCache _cache;
    private readonly int _parallelism;
    private readonly IProgress<string>? _progress;

    /// <summary>Creates a calculator.</summary>
    /// <param name="repository">The repository to read.</param>
    /// <param name="identities">Who is who, and their employers.</param>
    /// <param name="cache">Line counts already known; new ones are added (the caller saves it).</param>
    /// <param name="parallelism">How many git processes may compute line counts at once; default: the processor count.</param>
    /// <param name="progress">Receives a sentence on what is being done, or null.</param>
    public StatsCalculator(GitRepository repository, IdentityResolver identities, LineCountCache cache, int? parallelism = null, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(identities);
        ArgumentNullException.ThrowIfNull(cache);
        _repository = repository;
        _identities = identities;
        _cache = cache;
        _parallelism = Math.Max(1, parallelism ?? Environment.ProcessorCount);
        _progress = progress;
    }

    /// <summary>
    /// The statistics of <paramref name="target"/>; for a release, compared with the own range of the
    /// release <see cref="ReleaseRange.Comparable"/> names (like with like).
    /// </summary>
    public ContributionStats Compute(Target target, ReleaseCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(catalog);
        var current = Compute(target.From, target.To, target.Revisions);
        if (target.Release is null || ReleaseRange.Comparable(catalog, target.Release) is not { } comparable)
        {
            return current;
        }

        var range = ReleaseRange.For(catalog, comparable);
        var previous = Compute(range.From?.Tag, range.To.Tag, range.Revisions);
        return current.ComparedWith(previous);
    }

    /// <summary>The statistics of the commits <paramref name="revisions"/> select.</summary>
    public ContributionStats Compute(string? from, string to, IReadOnlyList<string> revisions)
    {
        ArgumentNullException.ThrowIfNull(revisions);
        var tally = new Tally(_identities);
        _progress?.Report($"reading the history of {to}");
        foreach (var commit in new CommitLog(_repository).Read(new LogRequest(revisions) { NoMerges = true }))
        {
            tally.Add(commit);
        }

        EnsureLineCounts(tally.Commits.Select(c => c.Sha).ToList());
        foreach (var commit in tally.Commits)
        {
            _cache.TryGet(commit.Sha, out var counts);
            commit.Developer.LinesAdded += counts.Added;
            commit.Developer.LinesRemoved += counts.Removed;
            commit.Employer.LinesAdded += counts.Added;
            commit.Employer.LinesRemoved += counts.Removed;
        }

        return tally.Build(from, to, Mailmap.Resolve(_repository, tally.CreditedIdentities));
    }

    /// <summary>
    /// Makes sure the cache knows the line counts of <paramref name="commits"/> (non-merge commit ids),
    /// reading the missing ones in parallel git processes.
    /// </summary>
    public void EnsureLineCounts(IReadOnlyCollection<string> commits)
    {
        ArgumentNullException.ThrowIfNull(commits);
        var missing = commits.Where(c => !_cache.TryGet(c, out _)).Distinct().ToList();
        if (missing.Count == 0)
        {
            return;
        }

        _progress?.Report($"counting the lines of {missing.Count:N0} commits (cached for next time)");
        var chunkCount = _parallelism * ChunksPerWorker;
        var chunkSize = Math.Max(1, (missing.Count + chunkCount - 1) / chunkCount);
        var chunks = missing.Chunk(chunkSize).ToList();
        var results = new (string Sha, LineCounts Counts)[chunks.Count][];
        Concurrently.For(chunks.Count, _parallelism, i =>
        {
            results[i] = [.. LineCountReader.Read(_repository, chunks[i])];
        });

        foreach (var chunk in results)
        {
            foreach (var (sha, counts) in chunk)
            {
                _cache.Add(sha, counts);
            }
        }
    }
}
