using System.Globalization;
using Herald.History;
using Herald.Policy;
using Herald.Releases;

namespace Herald.Backports;

/// <summary>
/// What waits on a stable branch: the commits since its latest release, classified, and the mainline
/// fixes that newer supported series received but this one did not. The shape of
/// <c>herald backports SERIES --json</c>.
/// </summary>
/// <param name="Series">The series.</param>
/// <param name="Branch">Its stable branch.</param>
/// <param name="Status">The series' support status on the as-of date.</param>
/// <param name="Since">The latest release (tag) on or before the as-of date; null when none.</param>
/// <param name="Commits">Non-merge commits on the branch after <paramref name="Since"/>, newest first.</param>
/// <param name="Missing">Fixes backported to a newer supported series but not to this one; empty unless this series is supported or security-only (then only security fixes).</param>
/// <param name="NotApplicable">
/// Fixes that would be missing but repair only code the branch never had: every commit their
/// <c>Fixes:</c> trailers name is absent from the branch (neither in its history nor backported to it).
/// A fix without <c>Fixes:</c>, or with one target the branch has or that the repository does not know,
/// stays in <paramref name="Missing"/>.
/// </param>
public sealed record BackportReport(string Series, string Branch, SupportStatus Status, string? Since, IReadOnlyList<BackportEntry> Commits, IReadOnlyList<MissingBackport> Missing, IReadOnlyList<NotApplicableBackport> NotApplicable)
{
    /// <summary>Builds the reports of <paramref name="series"/> (each must have a stable branch).</summary>
    public static IReadOnlyList<BackportReport> Build(
        GitRepository repository,
        ReleaseCatalog catalog,
        BackportIndex index,
        IReadOnlyList<SupportWindow> windows,
        IEnumerable<SeriesId> series,
        DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(windows);
        var statuses = windows.ToDictionary(w => w.Series, w => w.StatusOn(asOf));
        var endOfDay = new DateTimeOffset(asOf.ToDateTime(new TimeOnly(23, 59, 59)), TimeSpan.Zero);
        var wanted = series.ToList();

        // Stable fixes of a series are the backports after its X.Y.0: cherry-picks made while preparing
        // the release itself are not fixes other series lack.
        var fixes = index.Series.ToDictionary(
            s => s,
            s => catalog.InSeries(s).FirstOrDefault() is { } first
                ? index.CommitsOf(s).Where(c => c.Date > first.Date).Select(c => c.Sha).ToHashSet(StringComparer.Ordinal)
                : []);

        var reports = new BackportReport[wanted.Count];
        Concurrently.For(wanted.Count, Math.Max(2, Environment.ProcessorCount), i =>
        {
            reports[i] = BuildOne(repository, catalog, index, statuses, fixes, wanted[i], asOf, endOfDay);
        });

        return reports;
    }

    private static BackportReport BuildOne(GitRepository repository, ReleaseCatalog catalog, BackportIndex index, Dictionary<SeriesId, SupportStatus> statuses, Dictionary<SeriesId, HashSet<string>> fixes, SeriesId series, DateOnly asOf, DateTimeOffset endOfDay)
    {
        var branch = catalog.StableBranches.GetValueOrDefault(series)
            ?? throw new HeraldException($"series {series} has no stable branch ({catalog.Scheme.BranchFor(series)}); 'herald status' lists the series.");
        var tip = catalog.Branches[branch];
        var status = statuses.GetValueOrDefault(series, SupportStatus.Development);
        var latest = catalog.InSeries(series).LastOrDefault(r => DateOnly.FromDateTime(r.Date.UtcDateTime) <= asOf);
        var all = index.CommitsOf(series);

        HashSet<string> sinceRelease;
        if (latest is null)
        {
            sinceRelease = all.Select(c => c.Sha).ToHashSet(StringComparer.Ordinal);
        }
        else
        {
            sinceRelease = Lines(repository.Run("rev-list", "--no-merges", "--end-of-options", tip, "^" + latest.TagRef, "--"));
        }

        var commits = all
            .Where(c => sinceRelease.Contains(c.Sha) && c.Date <= endOfDay)
            .Select(c => new BackportEntry(c.Sha, c.Subject, DateOnly.FromDateTime(c.Date.UtcDateTime), c.Kinds, c.MasterCommit, c.Advisories))
            .ToList();

        var missing = new List<MissingBackport>();
        var notApplicable = new List<NotApplicableBackport>();
        if (status is SupportStatus.Supported or SupportStatus.Security)
        {
            var notInBranch = index.MainlineLacking(series);
            var here = all.Where(c => c.Date <= endOfDay && c.MasterCommit is not null).Select(c => c.MasterCommit!).ToHashSet(StringComparer.Ordinal);
            var found = new Dictionary<string, (BranchCommit Commit, List<string> PresentIn, List<string> Fixes)>(StringComparer.Ordinal);
            var newerSupported = index.Series.Where(s => s > series && statuses.GetValueOrDefault(s) is SupportStatus.Supported or SupportStatus.Security).Order().ToList();
            foreach (var newer in newerSupported)
            {
                var afterRelease = fixes.GetValueOrDefault(newer) ?? [];
                foreach (var commit in index.CommitsOf(newer))
                {
                    if (commit.MasterCommit is not { } master || !afterRelease.Contains(commit.Sha) || commit.Date > endOfDay || here.Contains(master) || !notInBranch.Contains(master))
                    {
                        continue;
                    }

                    if (status is SupportStatus.Security && commit.Advisories.Count == 0)
                    {
                        continue;
                    }

                    if (!found.TryGetValue(master, out var entry))
                    {
                        found[master] = entry = (commit, [], []);
                    }

                    entry.Fixes.AddRange(commit.Fixes.Except(entry.Fixes, StringComparer.Ordinal));

                    if (!entry.PresentIn.Contains(newer.ToString()))
                    {
                        entry.PresentIn.Add(newer.ToString());
                    }
                }
            }

            // Every newer supported series that has the fix: backported at any time, or forked after it landed.
            foreach (var (master, entry) in found)
            {
                entry.PresentIn.Clear();
                foreach (var newer in newerSupported)
                {
                    var backported = index.CommitsOf(newer).Any(c => c.MasterCommit == master && c.Date <= endOfDay);
                    if (backported || !index.MainlineLacking(newer).Contains(master))
                    {
                        entry.PresentIn.Add(newer.ToString());
                    }
                }
            }

            // A fix for code introduced after the fork (and never backported) has nothing to fix here.
            foreach (var (master, entry) in found.OrderByDescending(e => e.Value.Commit.Date))
            {
                if (entry.Fixes.Count > 0 && entry.Fixes.All(target => !index.Holds(series, target, endOfDay)))
                {
                    notApplicable.Add(new NotApplicableBackport(master, entry.Commit.Subject, entry.Fixes, IntroducedIn(catalog, index, entry.Fixes, asOf), entry.PresentIn, entry.Commit.Advisories));
                }
                else
                {
                    missing.Add(new MissingBackport(master, entry.Commit.Subject, entry.PresentIn, entry.Commit.Advisories));
                }
            }
        }

        return new BackportReport(series.ToString(), branch, status, latest?.Tag, commits, missing, notApplicable);
    }

    /// <summary>The X.Y.0 of the oldest scanned series forked after one of <paramref name="targets"/>; null while none is released.</summary>
    private static string? IntroducedIn(ReleaseCatalog catalog, BackportIndex index, IReadOnlyList<string> targets, DateOnly asOf) =>
        index.Series
            .Order()
            .Where(s => targets.Any(t => index.Reaches(s, t)))
            .Select(s => catalog.InSeries(s).FirstOrDefault(r => r.Version.IsSeriesStart && DateOnly.FromDateTime(r.Date.UtcDateTime) <= asOf))
            .FirstOrDefault(r => r is not null)?.Version.ToString();

    private static HashSet<string> Lines(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
}

/// <summary>One commit waiting on a stable branch.</summary>
/// <param name="Sha">The commit on the branch.</param>
/// <param name="Subject">Its subject.</param>
/// <param name="Date">The date it reached the branch (committer date, UTC).</param>
/// <param name="Kinds">backport and/or security, else other.</param>
/// <param name="MasterCommit">The mainline commit it copies, or null.</param>
/// <param name="Advisories">The advisories its message names.</param>
public sealed record BackportEntry(string Sha, string Subject, DateOnly Date, IReadOnlyList<BackportKind> Kinds, string? MasterCommit, IReadOnlyList<string> Advisories);

/// <summary>A mainline fix a newer supported series has and this one lacks.</summary>
/// <param name="Sha">The mainline commit.</param>
/// <param name="Subject">Its subject (as backported).</param>
/// <param name="PresentIn">The newer series that have it.</param>
/// <param name="Advisories">The advisories its backport names.</param>
public sealed record MissingBackport(string Sha, string Subject, IReadOnlyList<string> PresentIn, IReadOnlyList<string> Advisories);
