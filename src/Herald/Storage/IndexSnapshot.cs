using System.Globalization;
using System.Text.Json;
using Herald.Advisories;
using Herald.Backports;
using Herald.History;
using Herald.Policy;
using Herald.Releases;
using Herald.Stats;
using Microsoft.EntityFrameworkCore;

namespace Herald.Storage;

/// <summary>
/// What the portal serves, read from the index into memory at once: releases, series, refs and the
/// commit graph. Immutable; a refresh makes a new one. Commit texts stay in the database and are read
/// per page.
/// </summary>
public sealed class IndexSnapshot
{
    private readonly Dictionary<string, ReleaseRow> _releases;
    private readonly Dictionary<string, SeriesRow> _series;
    private readonly Dictionary<string, RefRow> _refs;
    private readonly ILookup<string, string> _tagsBySha;

    private IndexSnapshot(long generation, string projectName, string mainline, DateOnly asOf, DateTimeOffset indexedAt, List<ReleaseRow> releases, List<SeriesRow> series, List<RefRow> refs, CommitGraph graph, IReadOnlyList<(string Sha, string Advisories, string? MasterCommit, long CommitTime, string Body)> advisoryCommits)
    {
        Generation = generation;
        ProjectName = projectName;
        Mainline = mainline;
        AsOf = asOf;
        IndexedAt = indexedAt;
        Releases = releases;
        Series = series;
        Graph = graph;
        _releases = releases.ToDictionary(r => r.Version, StringComparer.Ordinal);
        _series = series.ToDictionary(s => s.Series, StringComparer.Ordinal);
        _refs = refs.ToDictionary(r => r.Name, StringComparer.Ordinal);
        _tagsBySha = refs.Where(r => r.Kind == "tag").OrderBy(r => r.Name, StringComparer.Ordinal).ToLookup(r => r.Sha, r => r.Name, StringComparer.Ordinal);
        Advisories = new AdvisoryCatalog(this, advisoryCommits.Select(c => new AdvisoryCommit(
            c.Sha,
            c.Advisories.Split(',', StringSplitOptions.RemoveEmptyEntries),
            c.MasterCommit is { } m ? graph.Expand(m) : null,
            c.CommitTime,
            [.. FixesTargets(TrailerParser.Parse(c.Body)).Values.Distinct(StringComparer.Ordinal)])));
    }

    /// <summary>A number that changes with every snapshot (for ETags and caches).</summary>
    public long Generation { get; }

    /// <summary>The project's name.</summary>
    public string ProjectName { get; }

    /// <summary>The mainline branch.</summary>
    public string Mainline { get; }

    /// <summary>The date the index computed status for.</summary>
    public DateOnly AsOf { get; }

    /// <summary>When the index was written.</summary>
    public DateTimeOffset IndexedAt { get; }

    /// <summary>Releases and candidates, newest version first.</summary>
    public IReadOnlyList<ReleaseRow> Releases { get; }

    /// <summary>Series, newest first.</summary>
    public IReadOnlyList<SeriesRow> Series { get; }

    /// <summary>The commit graph.</summary>
    public CommitGraph Graph { get; }

    /// <summary>The advisories commit messages name, and where their fixes landed.</summary>
    public AdvisoryCatalog Advisories { get; }

    /// <summary>Reads the snapshot from <paramref name="context"/>.</summary>
    public static async Task<IndexSnapshot> LoadAsync(HeraldDbContext context, long generation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);

        // One read transaction, so that the several queries see one state of the database even while another
        // instance commits a new index (PostgreSQL: one snapshot for all; SQLite in WAL mode: the same).
        await using var transaction = await context.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        var state = await context.State.AsNoTracking().ToDictionaryAsync(s => s.Key, s => s.Value, cancellationToken);
        var releases = await context.Releases.AsNoTracking().ToListAsync(cancellationToken);
        releases = [.. releases.OrderByDescending(SortKey, Herald.Releases.Release.Order)];
        var series = (await context.Series.AsNoTracking().ToListAsync(cancellationToken))
            .OrderByDescending(s => s.Major).ThenByDescending(s => s.Minor).ToList();
        var refs = await context.Refs.AsNoTracking().ToListAsync(cancellationToken);
        var commits = await context.Commits.AsNoTracking().Select(c => new { c.Sha, c.Parents, c.CommitTime }).ToListAsync(cancellationToken);
        var graph = CommitGraph.Build(commits.Select(c => (c.Sha, c.Parents, c.CommitTime)).ToList());
        var advisoryCommits = await context.Commits.AsNoTracking().Where(c => c.Advisories != null)
            .Select(c => new { c.Sha, c.Advisories, c.MasterCommit, c.CommitTime, c.Body }).ToListAsync(cancellationToken);
        return new IndexSnapshot(
            generation,
            state.GetValueOrDefault("project") ?? "Herald",
            state.GetValueOrDefault("mainline") ?? "master",
            DateOnly.TryParse(state.GetValueOrDefault("as-of"), CultureInfo.InvariantCulture, out var asOf) ? asOf : default,
            DateTimeOffset.TryParse(state.GetValueOrDefault("indexed-at"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : default,
            releases,
            series,
            refs,
            graph,
            advisoryCommits.Select(c => (c.Sha, c.Advisories!, c.MasterCommit, c.CommitTime, c.Body)).ToList());
    }

    // Rows are ordered as the engine orders releases (1.4.1.1 after 1.4.1, beta before rc), from their names.
    private static Herald.Releases.Release SortKey(ReleaseRow row)
    {
        if (!Herald.Releases.Release.TryParseName(row.Version, out var version, out var stage, out var number))
        {
            // Not a name Herald writes (a row from elsewhere): it sorts as the oldest.
            (version, stage, number) = (default, PreReleaseStage.Rc, null);
        }

        return new Herald.Releases.Release(version, number, row.Tag, row.Commit, default, false, false, stage);
    }

    /// <summary>The release (or candidate) named <paramref name="version"/>, or null.</summary>
    public ReleaseRow? Release(string version) => _releases.GetValueOrDefault(version);

    /// <summary>The series <paramref name="series"/>, or null.</summary>
    public SeriesRow? SeriesOf(string series) => _series.GetValueOrDefault(series);

    /// <summary>The releases (not candidates) of <paramref name="series"/>, newest first.</summary>
    public IEnumerable<ReleaseRow> ReleasesOf(string series) => Releases.Where(r => r.Series == series && r.Candidate is null);

    /// <summary>The commit a ref name, tag, version or commit id points to, or null.</summary>
    public string? Resolve(string name)
    {
        if (_refs.TryGetValue(name, out var row))
        {
            return row.Sha;
        }

        if (_releases.TryGetValue(name, out var release))
        {
            return release.Commit;
        }

        return Graph.Expand(name);
    }

    /// <summary>The tags (of releases and candidates) that point at <paramref name="sha"/>, by name; empty when none do.</summary>
    public IEnumerable<string> TagsAt(string sha) => _tagsBySha[sha];

    /// <summary>Whether the index holds the branch <paramref name="name"/>.</summary>
    public bool HasBranch(string name) => _refs.TryGetValue(name, out var row) && row.Kind == "branch";

    /// <summary>
    /// The commits the <c>Fixes:</c> trailers among <paramref name="trailers"/> name, as full ids of commits in
    /// the index; a trailer whose target the index does not hold is left out.
    /// </summary>
    public IReadOnlyDictionary<Trailer, string> FixesTargets(IEnumerable<Trailer> trailers)
    {
        ArgumentNullException.ThrowIfNull(trailers);
        var targets = new Dictionary<Trailer, string>();
        foreach (var trailer in trailers.Where(t => t.Key == TrailerKeys.Fixes))
        {
            if (BackportTrailer.CommitId(trailer) is { } id && Graph.Expand(id) is { } target)
            {
                targets.TryAdd(trailer, target);
            }
        }

        return targets;
    }

    /// <summary>The statistics of a release, or null for a candidate.</summary>
    public static ContributionStats? StatsOf(ReleaseRow release)
    {
        ArgumentNullException.ThrowIfNull(release);
        return release.StatsJson is null ? null : JsonSerializer.Deserialize<ContributionStats>(release.StatsJson, HeraldJson.Options);
    }

    /// <summary>The backport report of a series, or null when it was not supported at indexing.</summary>
    public static BackportReport? BackportsOf(SeriesRow series)
    {
        ArgumentNullException.ThrowIfNull(series);
        return series.BackportsJson is null ? null : JsonSerializer.Deserialize<BackportReport>(series.BackportsJson, HeraldJson.Options);
    }

    /// <summary>The releases as <c>herald releases --json</c> prints them (candidates only when asked).</summary>
    public IReadOnlyList<ReleaseInfo> ReleaseInfos(bool candidates = false) =>
        Releases.Where(r => candidates || r.Candidate is null).Select(Info).ToList();

    /// <summary>The record of one release.</summary>
    public static ReleaseInfo Info(ReleaseRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new ReleaseInfo(row.Version, row.Series, row.Tag, row.Commit, row.Date, row.Signed, row.Candidate is not null, row.Branch);
    }

    /// <summary>Every series' status on <paramref name="date"/>, as <c>herald status --json</c> prints it.</summary>
    public IReadOnlyList<SeriesStatus> Status(DateOnly date, int cadenceMonths) =>
        Series.Select(s =>
        {
            var window = new SupportWindow(SeriesId.Parse(s.Series), s.Released, s.SupportedUntil, s.SecurityUntil, Enum.Parse<DateSource>(s.Source, ignoreCase: true));
            var latest = ReleasesOf(s.Series).FirstOrDefault(r => r.Date <= date);
            return SeriesStatus.On(date, window, s.Branch, latest?.Version, latest?.Date, s.UnreleasedCommits, cadenceMonths);
        }).ToList();

    /// <summary>
    /// Where a fix is, from the index (the shape of <c>herald contains --json</c>): the mainline commit
    /// (following a backport's trailer), each branch that holds it or a copy, and the first release there.
    /// </summary>
    public ContainsReport? Contains(string sha, Func<string, (string Subject, string? MasterCommit)?> commitFacts, Func<string, IReadOnlyList<string>> copiesOf)
    {
        ArgumentNullException.ThrowIfNull(commitFacts);
        ArgumentNullException.ThrowIfNull(copiesOf);
        var full = Graph.Expand(sha);
        if (full is null || commitFacts(full) is not { } facts)
        {
            return null;
        }

        var master = facts.MasterCommit is { } m && Graph.Expand(m) is { } expanded ? expanded : full;
        var subject = master == full ? facts.Subject : commitFacts(master)?.Subject ?? facts.Subject;
        var copies = copiesOf(master);
        var branches = new List<ContainingBranch>();
        if (_refs.TryGetValue(Mainline, out var mainline) && Graph.IsAncestor(master, mainline.Sha))
        {
            var first = Releases.Where(r => r.Candidate is null && ReleaseVersion.TryParse(r.Version, out var v) && v.IsSeriesStart).Reverse().FirstOrDefault(r => Graph.IsAncestor(master, r.Commit));
            branches.Add(new ContainingBranch(Mainline, null, master, first?.Version));
        }

        foreach (var series in Series.Where(s => s.Branch is not null && _refs.ContainsKey(s.Branch)))
        {
            var tip = _refs[series.Branch!].Sha;
            var here = Graph.IsAncestor(master, tip) ? master : copies.FirstOrDefault(c => Graph.IsAncestor(c, tip));
            if (here is null)
            {
                continue;
            }

            var release = ReleasesOf(series.Series).Reverse().FirstOrDefault(r => Graph.IsAncestor(here, r.Commit));
            branches.Add(new ContainingBranch(series.Branch!, series.Series, here, release?.Version));
        }

        return new ContainsReport(master, subject, branches);
    }
}
