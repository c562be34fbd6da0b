using System.Text;
using Herald.Backports;
using Herald.History;
using Herald.Releases;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Advisories;

/// <summary>
/// Which releases the advisories not yet public hold back: a release the security team linked to one (a hold of kind
/// <see cref="AdvisoryStore.HoldRelease"/>), or whose range (<see cref="ReleaseRange"/>, the commits since the
/// previous release) has a commit naming one, by its id or one of its CVE ids (<see cref="AdvisoryReferences"/>), or
/// one of the commits it lists. One streamed <c>git log</c> over the range, filtered by git to the commits that
/// mention those names; none at all when every advisory is public.
/// </summary>
public sealed class ReleaseHolds
{
    private readonly IReadOnlyList<ManagedAdvisory> _advisories;
    private readonly GitRepository _repository;
    private readonly ReleaseCatalog _catalog;

    /// <summary>The holds of <paramref name="advisories"/> on the releases of <paramref name="catalog"/> in <paramref name="repository"/>.</summary>
    public ReleaseHolds(IReadOnlyList<ManagedAdvisory> advisories, GitRepository repository, ReleaseCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(advisories);
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(catalog);
        _advisories = advisories;
        _repository = repository;
        _catalog = catalog;
    }

    /// <summary>
    /// The holds of the advisories in <paramref name="database"/>; none without reading it when it does not exist yet
    /// (a data folder with no index has no advisories).
    /// </summary>
    public static async Task<ReleaseHolds> LoadAsync(IndexDatabase? database, TimeProvider clock, GitRepository repository, ReleaseCatalog catalog, CancellationToken cancellationToken = default)
    {
        if (database is null || (!database.IsPostgres && !File.Exists(database.File)))
        {
            return new ReleaseHolds([], repository, catalog);
        }

        await database.EnsureMigratedAsync(cancellationToken: cancellationToken);
        return new ReleaseHolds(await new AdvisoryStore(database, clock).ListAsync(cancellationToken), repository, catalog);
    }

    /// <summary>Records that <paramref name="advisoryId"/> holds post <paramref name="slug"/> until it is public (<c>announce --after-embargo</c>).</summary>
    /// <exception cref="HeraldException">No such advisory, or it is public already.</exception>
    public static Task HoldPostAsync(IndexDatabase database, string advisoryId, string slug, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        HoldAsync(database, advisoryId, AdvisoryStore.HoldPost, slug, now, cancellationToken);

    /// <summary>
    /// Records that <paramref name="advisoryId"/> holds post <paramref name="slug"/> until it is public, and that the post
    /// is then mailed to the <c>[mail]</c> lists (<c>announce --mail --after-embargo</c>).
    /// </summary>
    /// <exception cref="HeraldException">No such advisory, or it is public already.</exception>
    public static Task HoldMailedPostAsync(IndexDatabase database, string advisoryId, string slug, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        HoldAsync(database, advisoryId, AdvisoryStore.HoldMailedPost, slug, now, cancellationToken);

    /// <summary>Records that <paramref name="advisoryId"/> holds release <paramref name="version"/> until it is public.</summary>
    /// <exception cref="HeraldException">No such advisory, or it is public already.</exception>
    public static Task HoldReleaseAsync(IndexDatabase database, string advisoryId, string version, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        HoldAsync(database, advisoryId, AdvisoryStore.HoldRelease, version, now, cancellationToken);

    /// <summary>The advisories not public at <paramref name="now"/> that hold release <paramref name="version"/>, by embargo end; empty when it is free.</summary>
    public IReadOnlyList<ReleaseHold> For(string version, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(version);
        var pending = Pending(now);
        if (pending.Count == 0)
        {
            return [];
        }

        var holds = pending.Where(a => a.HeldReleases.Contains(version, StringComparer.Ordinal)).Select(a => new ReleaseHold(a.Id, a.EmbargoUntil, null, version)).ToList();
        if (ReleaseVersion.TryParse(version, out var parsed) && _catalog.Find(parsed) is { } release)
        {
            holds.AddRange(Named(pending, ReleaseRange.For(_catalog, release).Revisions, version));
        }

        return Order(holds);
    }

    /// <summary>
    /// The advisories not public at <paramref name="now"/> that hold the next release of <paramref name="series"/>: linked to
    /// a release of it, or named in the latest release's range or on <paramref name="branch"/> since (what its next
    /// publish would carry).
    /// </summary>
    public IReadOnlyList<ReleaseHold> ForSeries(SeriesId series, string? branch, DateTimeOffset now)
    {
        var pending = Pending(now);
        if (pending.Count == 0)
        {
            return [];
        }

        var holds = pending
            .SelectMany(a => a.HeldReleases.Where(v => ReleaseVersion.TryParse(v, out var held) && held.Series == series).Select(v => new ReleaseHold(a.Id, a.EmbargoUntil, null, v)))
            .ToList();
        var latest = _catalog.InSeries(series).LastOrDefault(r => !r.IsCandidate);
        var revisions = new List<string>();
        if (branch is not null && _catalog.Branches.ContainsKey(branch))
        {
            revisions.Add("refs/heads/" + branch);
        }

        if (latest is not null)
        {
            revisions.Add(latest.TagRef);
            if (ReleaseRange.Previous(_catalog, latest) is { } previous)
            {
                revisions.Add("^" + previous.TagRef);
            }
        }

        if (revisions.Any(r => !r.StartsWith('^')))
        {
            holds.AddRange(Named(pending, revisions, null));
        }

        return Order(holds);
    }

    private List<ManagedAdvisory> Pending(DateTimeOffset now) => _advisories.Where(a => !a.IsPublicAt(now)).ToList();

    private static List<ReleaseHold> Order(List<ReleaseHold> holds) =>
        holds.GroupBy(h => h.Advisory, StringComparer.OrdinalIgnoreCase).Select(g => g.OrderBy(h => h.Commit is null ? 0 : 1).First())
            .OrderBy(h => h.EmbargoUntil ?? DateTimeOffset.MaxValue).ThenBy(h => h.Advisory, StringComparer.Ordinal).ToList();

    /// <summary>The pending advisories a commit of <paramref name="revisions"/> names or that list one of its commits.</summary>
    private List<ReleaseHold> Named(List<ManagedAdvisory> pending, IReadOnlyList<string> revisions, string? version)
    {
        var byName = new Dictionary<string, ManagedAdvisory>(StringComparer.OrdinalIgnoreCase);
        foreach (var advisory in pending)
        {
            byName.TryAdd(advisory.Id, advisory);
            foreach (var cve in advisory.Content.Cves)
            {
                byName.TryAdd(cve, advisory);
            }
        }

        var listed = pending.SelectMany(a => a.Content.Commits.Select(c => (Commit: c, Advisory: a))).ToLookup(p => p.Commit, p => p.Advisory, StringComparer.OrdinalIgnoreCase);
        var holds = new List<ReleaseHold>();
        CommitLog.EnsureComplete(_repository);
        // git keeps only the commits mentioning a name (fixed strings, any case); AdvisoryReferences then decides exactly.
        var arguments = new List<string> { "log", "-z", "--format=%H%n%B", "--no-color", "--no-show-signature", "-F", "-i" };
        arguments.AddRange(byName.Keys.Select(n => "--grep=" + n));
        arguments.Add("--end-of-options");
        foreach (var revision in revisions)
        {
            RevisionName.Validate(revision.TrimStart('^'));
            arguments.Add(revision);
        }

        arguments.Add("--");
        foreach (var (sha, message) in _repository.StreamItems(arguments, ReadCommits))
        {
            foreach (var name in AdvisoryReferences.Find(message))
            {
                if (byName.TryGetValue(name, out var advisory))
                {
                    holds.Add(new ReleaseHold(advisory.Id, advisory.EmbargoUntil, sha, version));
                }
            }
        }

        // The commits advisories list (their fixes), wherever their messages keep quiet: in the range when reachable from it.
        if (listed.Count > 0)
        {
            var included = revisions.Where(r => !r.StartsWith('^')).ToList();
            var excluded = revisions.Where(r => r.StartsWith('^')).Select(r => r[1..]).ToList();
            foreach (var group in listed)
            {
                if (included.Any(r => IsAncestor(group.Key, r)) && !excluded.Any(r => IsAncestor(group.Key, r)))
                {
                    holds.AddRange(group.Select(a => new ReleaseHold(a.Id, a.EmbargoUntil, group.Key, version)));
                }
            }
        }

        return holds;
    }

    private bool IsAncestor(string commit, string revision) =>
        _repository.TryRun(out _, "merge-base", "--is-ancestor", "--end-of-options", commit, revision);

    private static IEnumerable<(string Sha, string Message)> ReadCommits(Stream stream)
    {
        var reader = new NulTokenReader(stream);
        while (reader.TryRead(out var token))
        {
            var text = Encoding.UTF8.GetString(token).TrimStart('\n');
            var newline = text.IndexOf('\n', StringComparison.Ordinal);
            yield return newline < 0 ? (text, string.Empty) : (text[..newline], text[(newline + 1)..]);
        }
    }

    private static async Task HoldAsync(IndexDatabase database, string advisoryId, string kind, string target, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(advisoryId);
        var advisory = await new AdvisoryStore(database, TimeProvider.System).FindAsync(advisoryId, cancellationToken)
            ?? throw new HeraldException($"no advisory '{advisoryId}' is managed here; 'herald advisory list' shows them.");
        if (advisory.IsPublicAt(now))
        {
            throw new HeraldException($"{advisory.Id} is public already; nothing waits for it.");
        }

        await using var context = database.CreateContext();
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        if (!await context.AdvisoryHolds.AnyAsync(h => h.Number == advisory.Number && h.Kind == kind && h.Target == target, cancellationToken))
        {
            context.AdvisoryHolds.Add(new AdvisoryHoldRow { Number = advisory.Number, Kind = kind, Target = target });
            await context.SaveChangesAsync(cancellationToken);
            await ContentGeneration.BumpAsync(context, AdvisoryStore.GenerationKey, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
