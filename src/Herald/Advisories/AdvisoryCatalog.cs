using System.Collections.Concurrent;
using System.Globalization;
using Herald.Storage;

namespace Herald.Advisories;

/// <summary>
/// The advisories the repository already knows: the <c>XSA-n</c> ids commit messages name, their CVEs, and
/// for every series of an index snapshot where the fix landed. Built from the snapshot alone (never git);
/// immutable and thread-safe, each report computed once on first use.
/// </summary>
public sealed class AdvisoryCatalog
{
    /// <summary>The prefix of advisory ids (<c>XSA-496</c>); CVE ids are attached to the advisories they appear with.</summary>
    public const string Prefix = "XSA-";

    private readonly IndexSnapshot _snapshot;
    private readonly Dictionary<string, AdvisorySummary> _byId;
    private readonly Dictionary<string, AdvisoryCommit> _commits;
    private readonly ConcurrentDictionary<string, AdvisoryReport> _reports = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Func<string, bool>>> _reachable = new(StringComparer.Ordinal);

    /// <summary>Groups <paramref name="commits"/> by the advisories they name, for <paramref name="snapshot"/>.</summary>
    public AdvisoryCatalog(IndexSnapshot snapshot, IEnumerable<AdvisoryCommit> commits)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(commits);
        _snapshot = snapshot;
        _commits = commits.ToDictionary(c => c.Sha, StringComparer.Ordinal);
        var named = new Dictionary<string, List<AdvisoryCommit>>(StringComparer.Ordinal);
        foreach (var commit in _commits.Values.Where(c => c.Ids.Any(IsAdvisory)))
        {
            foreach (var id in commit.Ids.Where(IsAdvisory))
            {
                if (!named.TryGetValue(id, out var list))
                {
                    named[id] = list = [];
                }

                list.Add(commit);
            }
        }

        _byId = named.ToDictionary(
            p => p.Key,
            p =>
            {
                var ordered = p.Value.OrderBy(c => c.Time).ThenBy(c => c.Sha, StringComparer.Ordinal).ToList();
                var cves = ordered.SelectMany(c => c.Ids).Where(i => i.StartsWith("CVE-", StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).ToList();
                return new AdvisorySummary(p.Key, cves, DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeSeconds(ordered[0].Time).UtcDateTime), ordered.Select(c => c.Sha).ToList());
            },
            StringComparer.Ordinal);
        All = _byId.Values.OrderByDescending(a => Number(a.Id)).ThenByDescending(a => a.FirstNamed).ToList();
    }

    /// <summary>Every advisory named, newest (highest number) first.</summary>
    public IReadOnlyList<AdvisorySummary> All { get; }

    /// <summary>The advisory <paramref name="id"/> (any case), or null when no commit names it.</summary>
    public AdvisorySummary? Find(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return _byId.GetValueOrDefault(id.ToUpperInvariant());
    }

    /// <summary>The advisory ids (not CVEs) <paramref name="sha"/>'s message names; empty when none.</summary>
    public IReadOnlyList<string> NamedBy(string sha) =>
        _commits.TryGetValue(sha, out var commit) ? commit.Ids.Where(IsAdvisory).ToList() : [];

    /// <summary>The advisories any of <paramref name="shas"/> names, newest first (a release's range: what it fixes).</summary>
    public IReadOnlyList<AdvisorySummary> NamedByAny(IEnumerable<string> shas)
    {
        ArgumentNullException.ThrowIfNull(shas);
        var ids = shas.SelectMany(NamedBy).ToHashSet(StringComparer.Ordinal);
        return All.Where(a => ids.Contains(a.Id)).ToList();
    }

    /// <summary>Where the fix of <paramref name="id"/> landed in every series, or null for an unknown advisory.</summary>
    public AdvisoryReport? Report(string id) =>
        Find(id) is { } summary ? _reports.GetOrAdd(summary.Id, _ => Compute(summary)) : null;

    /// <summary>
    /// The advisories affecting a user of <paramref name="version"/> (a release of the snapshot): those whose fix its
    /// series' branch holds and the release does not, with the first release of the series containing each; null
    /// for an unknown version.
    /// </summary>
    public AdvisoryUpgrade? Upgrade(string version)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (_snapshot.Release(version) is not { } release)
        {
            return null;
        }

        var inRelease = Reachable(release.Commit);
        var fixes = new List<AdvisoryUpgradeFix>();
        foreach (var summary in All)
        {
            var series = Report(summary.Id)!.Series.FirstOrDefault(s => s.Series == release.Series);
            if (series is { State: AdvisoryFixState.Fixed or AdvisoryFixState.Unreleased } && !series.Commits.All(inRelease))
            {
                fixes.Add(new AdvisoryUpgradeFix(summary.Id, summary.Cves, series.State, series.FixedIn, series.Commits));
            }
        }

        return new AdvisoryUpgrade(release.Version, release.Series, fixes);
    }

    private static bool IsAdvisory(string id) => id.StartsWith(Prefix, StringComparison.Ordinal);

    private static int Number(string id) =>
        int.TryParse(id.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;

    private Func<string, bool> Reachable(string tip) =>
        _reachable.GetOrAdd(tip, t => new Lazy<Func<string, bool>>(() => _snapshot.Graph.ReachableFrom(t))).Value;

    private AdvisoryReport Compute(AdvisorySummary summary)
    {
        var naming = summary.Commits.Select(s => _commits[s]).ToList();
        var fixCommits = naming.Select(c => c.Sha)
            .Concat(naming.Select(c => c.MasterCommit).OfType<string>().Where(_snapshot.Graph.Contains))
            .Distinct(StringComparer.Ordinal).ToList();
        var targets = naming.SelectMany(c => c.Fixes).Distinct(StringComparer.Ordinal).ToList();
        AdvisoryMainline? mainline = null;
        if (_snapshot.HasBranch(_snapshot.Mainline) && _snapshot.Resolve(_snapshot.Mainline) is { } mainlineTip && fixCommits.Where(Reachable(mainlineTip)).ToList() is { Count: > 0 } onMainline)
        {
            var first = _snapshot.Releases
                .Where(r => r.Candidate is null && Herald.Releases.ReleaseVersion.TryParse(r.Version, out var v) && v.IsSeriesStart)
                .Reverse()
                .FirstOrDefault(r => onMainline.All(Reachable(r.Commit)));
            mainline = new AdvisoryMainline(_snapshot.Mainline, onMainline, first?.Version);
        }

        var series = new List<AdvisorySeries>();
        foreach (var row in _snapshot.Series)
        {
            var releases = _snapshot.ReleasesOf(row.Series).Reverse().ToList();
            var branch = row.Branch is not null && _snapshot.HasBranch(row.Branch) ? row.Branch : null;
            var tip = branch is not null ? _snapshot.Resolve(branch) : releases.LastOrDefault()?.Commit;
            if (tip is null)
            {
                continue;
            }

            var onBranch = Reachable(tip);
            var here = fixCommits.Where(onBranch).ToList();
            if (here.Count > 0)
            {
                var first = releases.FirstOrDefault(r => here.All(Reachable(r.Commit)));
                series.Add(new AdvisorySeries(row.Series, branch, first is null ? AdvisoryFixState.Unreleased : AdvisoryFixState.Fixed, here, first?.Version));
                continue;
            }

            var state = targets.Count > 0 && !targets.Any(onBranch) ? AdvisoryFixState.NotApplicable
                : (row.SecurityUntil ?? row.SupportedUntil) is { } until && until < _snapshot.AsOf ? AdvisoryFixState.NotSupported
                : AdvisoryFixState.NoFix;
            series.Add(new AdvisorySeries(row.Series, branch, state, [], null));
        }

        return new AdvisoryReport(summary.Id, summary.Cves, summary.FirstNamed, mainline, series);
    }
}
