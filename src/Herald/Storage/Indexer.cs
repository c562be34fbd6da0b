using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Herald.Backports;
using Herald.History;
using Herald.Policy;
using Herald.Releases;
using Herald.Stats;
using Microsoft.EntityFrameworkCore;

namespace Herald.Storage;

/// <summary>
/// Writes the index: commits, refs, releases with their statistics and change lists, series with their
/// status and backports. Incremental: only commits and tags new since the last run are read, and a run
/// with nothing new (same refs, same configuration, same day) returns at once. Each run is one
/// transaction, so a crash leaves the previous index serving. The only writer of the index.
/// </summary>
public sealed class Indexer
{
    /// <summary>Bumped when what the index holds changes meaning: forces a full rebuild.</summary>
    /// <remarks>
    /// 2: tags of tags peeled, growth compared like with like (<see cref="ReleaseRange.Comparable"/>),
    /// release statistics join developers' name variants (<see cref="IdentityResolver.ExactNames"/>), and
    /// backport reports list fixes for code a branch never had apart from the missing ones.
    /// </remarks>
    private const string SchemaVersion = "2";

    private readonly HeraldProject _project;
    private readonly IndexDatabase _database;
    private readonly TimeProvider _clock;
    private readonly int _parallelism;

    /// <summary>Creates an indexer for <paramref name="project"/> writing into <paramref name="database"/>.</summary>
    public Indexer(HeraldProject project, IndexDatabase database, TimeProvider clock, int? parallelism = null)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(clock);
        _project = project;
        _database = database;
        _clock = clock;
        _parallelism = Math.Max(1, parallelism ?? Environment.ProcessorCount);
    }

    /// <summary>Brings the index up to date.</summary>
    public async Task<IndexResult> RunAsync(IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        var repository = _project.Repository;
        CommitLog.EnsureComplete(repository);
        var catalog = _project.Catalog;
        var today = DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime);
        var fingerprint = Fingerprint(catalog, today);

        // Nothing new since the last run into this database: answer before touching it at all.
        var marker = MarkerPath();
        if (File.Exists(marker) && (_database.File is null || File.Exists(_database.File)) && File.ReadAllText(marker) == fingerprint)
        {
            return new IndexResult(false, 0, 0, 0, watch.Elapsed);
        }

        await _database.EnsureMigratedAsync(progress, cancellationToken);
        await using var context = _database.CreateContext();
        context.ChangeTracker.AutoDetectChangesEnabled = false;
        var state = await context.State.AsNoTracking().ToDictionaryAsync(s => s.Key, s => s.Value, cancellationToken);
        var rebuild = state.GetValueOrDefault("schema") != SchemaVersion;
        if (!rebuild && state.GetValueOrDefault("fingerprint") == fingerprint)
        {
            WriteMarker(marker, fingerprint);
            return new IndexResult(false, 0, 0, 0, watch.Elapsed);
        }

        progress?.Report("reading new commits");
        var oldTips = rebuild ? [] : await context.Refs.AsNoTracking().Select(r => r.Sha).Distinct().ToListAsync(cancellationToken);
        var known = rebuild ? new HashSet<string>(StringComparer.Ordinal) : (await context.Commits.AsNoTracking().Select(c => c.Sha).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var tips = catalog.Branches.Values.Concat(catalog.Releases.Select(r => r.Commit)).Concat(catalog.Candidates.Select(r => r.Commit)).Distinct().ToList();
        var existingOld = Existing(repository, oldTips);
        var newCommits = new List<CommitRow>();
        if (tips.Count > 0)
        {
            var request = new LogRequest([.. tips, .. existingOld.Select(t => "^" + t)]);
            foreach (var commit in new CommitLog(repository).Read(request))
            {
                if (known.Add(commit.Sha))
                {
                    newCommits.Add(ToRow(commit));
                }
            }
        }

        var lineCounts = _project.OpenLineCountCache();
        var calculator = new StatsCalculator(repository, _project.Identities, lineCounts, _parallelism);
        progress?.Report($"counting lines of {newCommits.Count:N0} new commits");
        calculator.EnsureLineCounts([.. newCommits.Where(c => !c.Parents.Contains(' ')).Select(c => c.Sha)]);

        progress?.Report("computing release statistics");
        var indexed = rebuild
            ? new Dictionary<string, (string Commit, string? Previous)>()
            : await context.Releases.AsNoTracking().ToDictionaryAsync(r => r.Version, r => (r.Commit, r.Previous), cancellationToken);
        var all = catalog.Releases.Concat(catalog.Candidates).ToList();
        var changed = all.Where(r =>
            !indexed.TryGetValue(r.Name, out var row) || row.Commit != r.Commit
            || row.Previous != (r.IsCandidate ? PreviousSeriesStart(catalog, r) : ReleaseRange.Previous(catalog, r))?.Version.ToString()).ToList();
        var releaseRows = new ReleaseRow[changed.Count];
        var changeRows = new List<ReleaseChangeRow>[changed.Count];
        var own = new ContributionStats?[changed.Count];
        Concurrently.For(changed.Count, _parallelism, i =>
        {
            var release = changed[i];
            var range = release.IsCandidate ? new ReleaseRange(PreviousSeriesStart(catalog, release), release) : ReleaseRange.For(catalog, release);
            var shas = repository.Run(["rev-list", "--end-of-options", .. range.Revisions, "--"]).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            changeRows[i] = shas.Select((sha, ordinal) => new ReleaseChangeRow { Version = release.Name, Sha = sha, Ordinal = ordinal }).ToList();
            own[i] = release.IsCandidate ? null : calculator.Compute(range.From?.Tag, release.Tag, range.Revisions);
            releaseRows[i] = new ReleaseRow
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
                Signed = release.Signed,
                Branch = catalog.StableBranches.GetValueOrDefault(release.Series),
                Previous = range.From?.Version.ToString(),
            };
        });

        // Growth needs the comparable release's own figures: from this run, or from the index.
        var statsByVersion = new Dictionary<string, ContributionStats>(StringComparer.Ordinal);
        for (var i = 0; i < changed.Count; i++)
        {
            if (own[i] is { } s)
            {
                statsByVersion[releaseRows[i].Version] = s;
            }
        }

        for (var i = 0; i < changed.Count; i++)
        {
            if (changed[i].IsCandidate)
            {
                continue;
            }

            var row = releaseRows[i];
            var stats = statsByVersion[row.Version];
            if (ReleaseRange.Comparable(catalog, changed[i]) is { } comparable)
            {
                var previous = comparable.Version.ToString();
                var before = statsByVersion.GetValueOrDefault(previous) ?? await StoredStatsAsync(context, previous, cancellationToken);
                if (before is not null)
                {
                    stats = stats.ComparedWith(before with { Previous = null, Growth = null });
                }
            }

            row.StatsJson = JsonSerializer.Serialize(stats, HeraldJson.Options);
        }

        progress?.Report("computing series status and backports");
        var status = StatusReport.Build(repository, catalog, _project.Config.Policy, today, _project.Mainline);
        var supported = SupportPolicy.MaintainedOn(status.Windows, today).Where(catalog.StableBranches.ContainsKey).ToList();
        IReadOnlyList<BackportReport> backports = [];
        if (supported.Count > 0 && catalog.Branches.ContainsKey(_project.Mainline))
        {
            var patchIds = _project.OpenPatchIdCache();
            var backportIndex = BackportIndex.Build(repository, catalog, _project.Mainline, supported, patchIds, _parallelism);
            backports = BackportReport.Build(repository, catalog, backportIndex, status.Windows, supported, today);
            patchIds.Save();
            var byPatch = supported.SelectMany(backportIndex.CommitsOf).Where(c => c.MatchedBy == "patch-id").ToDictionary(c => c.Sha, c => c.MasterCommit!, StringComparer.Ordinal);
            foreach (var row in newCommits.Where(r => r.MasterCommit is null && byPatch.ContainsKey(r.Sha)))
            {
                row.MasterCommit = byPatch[row.Sha];
            }
        }

        var seriesRows = status.Series.Select(s =>
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

        progress?.Report("writing the index");
        var strategy = context.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
            if (rebuild)
            {
                await context.ReleaseChanges.ExecuteDeleteAsync(cancellationToken);
                await context.Releases.ExecuteDeleteAsync(cancellationToken);
                await context.Commits.ExecuteDeleteAsync(cancellationToken);
            }

            var changedVersions = releaseRows.Select(r => r.Version).ToList();
            var gone = indexed.Keys.Except(all.Select(r => r.Name)).ToList();
            var replaced = changedVersions.Concat(gone).ToList();
            await context.ReleaseChanges.Where(c => replaced.Contains(c.Version)).ExecuteDeleteAsync(cancellationToken);
            await context.Releases.Where(r => replaced.Contains(r.Version)).ExecuteDeleteAsync(cancellationToken);
            await context.Series.ExecuteDeleteAsync(cancellationToken);
            await context.Refs.ExecuteDeleteAsync(cancellationToken);
            await context.State.ExecuteDeleteAsync(cancellationToken);

            foreach (var chunk in newCommits.Chunk(2000))
            {
                context.Commits.AddRange(chunk);
                await context.SaveChangesAsync(cancellationToken);
                context.ChangeTracker.Clear();
            }

            // Large inserts go in chunks with the change tracker cleared: it costs far more memory than the rows.
            foreach (var chunk in changeRows.SelectMany(rows => rows).Chunk(5000))
            {
                context.ReleaseChanges.AddRange(chunk);
                await context.SaveChangesAsync(cancellationToken);
                context.ChangeTracker.Clear();
            }

            context.Releases.AddRange(releaseRows);
            context.Series.AddRange(seriesRows);
            context.Refs.AddRange(RefRows(catalog));
            context.State.AddRange(
                new IndexStateRow { Key = "schema", Value = SchemaVersion },
                new IndexStateRow { Key = "fingerprint", Value = fingerprint },
                new IndexStateRow { Key = "indexed-at", Value = _clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture) },
                new IndexStateRow { Key = "as-of", Value = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) },
                new IndexStateRow { Key = "project", Value = _project.Config.ProjectName },
                new IndexStateRow { Key = "mainline", Value = _project.Mainline });
            await context.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        });

        lineCounts.Save();
        WriteMarker(marker, fingerprint);
        return new IndexResult(true, newCommits.Count, releaseRows.Length, seriesRows.Count, watch.Elapsed);
    }

    /// <summary>The file that remembers the fingerprint of the last run into this database.</summary>
    private string MarkerPath()
    {
        var database = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(_database.ConnectionString)))[..16];
        return Path.Combine(_project.DataDirectory, "index-" + database + ".fingerprint");
    }

    private static void WriteMarker(string path, string fingerprint)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temporary = path + "." + Environment.ProcessId + ".tmp";
            File.WriteAllText(temporary, fingerprint);
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Only a shortcut: without it the next run asks the database.
        }
    }

    private static async Task<ContributionStats?> StoredStatsAsync(HeraldDbContext context, string version, CancellationToken cancellationToken)
    {
        var json = await context.Releases.AsNoTracking().Where(r => r.Version == version).Select(r => r.StatsJson).FirstOrDefaultAsync(cancellationToken);
        var stats = json is null ? null : JsonSerializer.Deserialize<ContributionStats>(json, HeraldJson.Options);
        return stats is null ? null : stats with { Previous = null, Growth = null };
    }

    private static Release? PreviousSeriesStart(ReleaseCatalog catalog, Release candidate) =>
        ReleaseRange.PreviousSeriesStart(catalog, candidate.Version);

    private static IEnumerable<RefRow> RefRows(ReleaseCatalog catalog)
    {
        var rows = new Dictionary<string, RefRow>(StringComparer.Ordinal);
        foreach (var (name, sha) in catalog.Branches)
        {
            rows[name] = new RefRow { Name = name, Kind = "branch", Sha = sha };
        }

        foreach (var release in catalog.Releases.Concat(catalog.Candidates))
        {
            rows.TryAdd(release.Tag, new RefRow { Name = release.Tag, Kind = "tag", Sha = release.Commit });
        }

        return rows.Values;
    }

    private static List<string> Existing(GitRepository repository, List<string> commits)
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

    private string Fingerprint(ReleaseCatalog catalog, DateOnly today)
    {
        var text = new StringBuilder();
        text.Append(SchemaVersion).Append('\n').Append(today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append('\n');
        if (_project.Config.SourcePath is { } config && File.Exists(config))
        {
            text.Append(File.ReadAllText(config)).Append('\n');
        }

        foreach (var (name, sha) in catalog.Branches.OrderBy(b => b.Key, StringComparer.Ordinal))
        {
            text.Append(name).Append(' ').Append(sha).Append('\n');
        }

        foreach (var release in catalog.Releases.Concat(catalog.Candidates).OrderBy(r => r.Tag, StringComparer.Ordinal))
        {
            text.Append(release.Tag).Append(' ').Append(release.Commit).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}

/// <summary>What an index run did.</summary>
/// <param name="Changed">False when nothing was new and the index was left as it was.</param>
/// <param name="NewCommits">Commits added.</param>
/// <param name="Releases">Releases (re)computed.</param>
/// <param name="Series">Series written.</param>
/// <param name="Elapsed">How long the run took.</param>
public sealed record IndexResult(bool Changed, int NewCommits, int Releases, int Series, TimeSpan Elapsed);
