using System.Globalization;
using Herald.History;
using Herald.Releases;

namespace Herald.Policy;

/// <summary>
/// Every series' status on a date, as the repository stood then: the series that existed by that day,
/// policy dates (see <see cref="SupportPolicy"/>) with the support statements as they read then, the
/// newest release on or before the date, and the commits waiting on the stable branch (or, for the
/// newest series released from the mainline without one, on the mainline).
/// </summary>
public sealed class StatusReport
{
    private StatusReport(DateOnly asOf, IReadOnlyList<SeriesStatus> series, IReadOnlyList<SupportWindow> windows, IReadOnlyList<string> warnings, string? defaultsNote)
    {
        AsOf = asOf;
        Series = series;
        Windows = windows;
        Warnings = warnings;
        DefaultsNote = defaultsNote;
    }

    /// <summary>The date the report is for (UTC).</summary>
    public DateOnly AsOf { get; }

    /// <summary>The series, newest first.</summary>
    public IReadOnlyList<SeriesStatus> Series { get; }

    /// <summary>The support windows the report used, newest first.</summary>
    public IReadOnlyList<SupportWindow> Windows { get; }

    /// <summary>Disagreements between statements and configuration (the configuration won), and past statements that could not be read.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>
    /// A sentence saying which series got Herald's built-in support windows (source <see cref="DateSource.Default"/>)
    /// because the project states no <c>[policy]</c> and their branches no statement; null when none did.
    /// </summary>
    public string? DefaultsNote { get; }

    /// <summary>The support windows of every series of <paramref name="catalog"/>, newest first, from the statements at the branch tips.</summary>
    public static (IReadOnlyList<SupportWindow> Windows, IReadOnlyList<string> Warnings) ReadWindows(GitRepository repository, ReleaseCatalog catalog, PolicySettings settings)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(settings);
        CommitLog.EnsureComplete(repository);

        // Series with candidates or a branch but no release are in development only when newer than every
        // released series; older ones were abandoned (Xen's 3.2 to 3.4 candidates, say).
        var released = catalog.Releases.Select(r => r.Series).ToHashSet();
        var newest = released.Count == 0 ? (SeriesId?)null : released.Max();
        var series = catalog.Series.Concat(catalog.Candidates.Select(c => c.Series))
            .Where(s => released.Contains(s) || newest is null || s > newest.Value)
            .Distinct().OrderDescending().ToList();
        var revisions = catalog.StableBranches.ToDictionary(b => b.Key, b => catalog.Branches[b.Value]);
        return WindowsOf(repository, catalog, settings, series, revisions, null);
    }

    /// <summary>
    /// Builds the report for <paramref name="asOf"/>: only the series that existed by the end of that day,
    /// with the support statements as they read then. <paramref name="mainline"/> names the development
    /// branch: stable branches exist from their first commit it lacks, and the newest series, when released
    /// from it without a stable branch, counts its unreleased commits there. Null (or a branch that does not
    /// exist) takes a branch as made once its tip was, and leaves such a series at 0.
    /// </summary>
    public static StatusReport Build(GitRepository repository, ReleaseCatalog catalog, PolicySettings settings, DateOnly asOf, string? mainline = null)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(settings);
        // Answers from a cut history would be wrong: the same refusal as stats and index.
        CommitLog.EnsureComplete(repository);
        var mainlineTip = mainline is not null && catalog.Branches.TryGetValue(mainline, out var m) ? m : null;
        var state = RepositoryOnDate.Read(repository, catalog, asOf, mainlineTip);
        var (windows, warnings) = WindowsOf(repository, catalog, settings, state.Series, state.BranchRevisions, (asOf, state.MovedSince));
        var endOfDay = RepositoryOnDate.EndOf(asOf);
        var newestReleased = catalog.Releases.Where(r => OnOrBefore(r, asOf)).Select(r => (SeriesId?)r.Series).Max();
        var rows = new SeriesStatus[windows.Count];
        Concurrently.For(windows.Count, Math.Max(2, Environment.ProcessorCount), i =>
        {
            var window = windows[i];
            var series = window.Series;
            var latest = catalog.InSeries(series).LastOrDefault(r => OnOrBefore(r, asOf));
            var branch = state.BranchRevisions.ContainsKey(series) ? catalog.StableBranches[series] : null;
            var unreleased = 0;
            if (branch is not null && latest is not null)
            {
                unreleased = CountAfter(repository, catalog.Branches[branch], latest, endOfDay);
            }
            else if (branch is null && latest is not null && series == newestReleased && mainlineTip is not null
                && repository.TryRun(out _, "merge-base", "--is-ancestor", latest.Commit, mainlineTip))
            {
                // Released from the mainline: what waits for the next release is on the mainline.
                unreleased = CountAfter(repository, mainlineTip, latest, endOfDay);
            }

            DateOnly? latestDate = latest is null ? null : DateOnly.FromDateTime(latest.Date.UtcDateTime);
            rows[i] = SeriesStatus.On(asOf, window, branch, latest?.Version.ToString(), latestDate, unreleased, settings.CadenceMonths);
        });

        return new StatusReport(asOf, rows, windows, warnings, NoteOnDefaults(settings, rows));
    }

    private static bool OnOrBefore(Release release, DateOnly date) => DateOnly.FromDateTime(release.Date.UtcDateTime) <= date;

    private static int CountAfter(GitRepository repository, string tip, Release latest, string endOfDay) =>
        int.Parse(repository.Run("rev-list", "--count", "--no-merges", "--before=" + endOfDay, "--end-of-options", tip, "^" + latest.TagRef, "--").Trim(), CultureInfo.InvariantCulture);

    private static string? NoteOnDefaults(PolicySettings settings, IReadOnlyList<SeriesStatus> rows)
    {
        var guessed = rows.Where(r => r.Source == DateSource.Default && (r.SupportedUntil is not null || r.SecurityUntil is not null)).Select(r => r.Series).ToList();
        if (guessed.Count == 0)
        {
            return null;
        }

        var which = guessed.Count == 1 ? guessed[0] : $"{guessed.Count} series ({guessed[^1]} to {guessed[0]})";
        return $"no [policy] and no support statement for {which}; using default support windows of {settings.GeneralMonths} months general, "
            + $"{settings.SecurityMonths} months security (source 'default'); set [policy] in herald.toml.";
    }

    private static (IReadOnlyList<SupportWindow> Windows, IReadOnlyList<string> Warnings) WindowsOf(
        GitRepository repository, ReleaseCatalog catalog, PolicySettings settings, IReadOnlyList<SeriesId> series,
        IReadOnlyDictionary<SeriesId, string> revisions, (DateOnly Date, IReadOnlySet<SeriesId> Moved)? onDate)
    {
        var policy = new SupportPolicy(settings);
        var warnings = new List<string>();
        var statements = ReadStatements(repository, catalog, settings.Statement, revisions, onDate, warnings);
        var windows = series.Select(s =>
        {
            // On a past date a release still to come is unknown, and so are months counted from it.
            var first = catalog.Find(new ReleaseVersion(s.Major, s.Minor, 0)) ?? catalog.InSeries(s).FirstOrDefault();
            DateOnly? released = first is null || (onDate is { } d && !OnOrBefore(first, d.Date)) ? null : DateOnly.FromDateTime(first.Date.UtcDateTime);
            var branch = catalog.StableBranches.GetValueOrDefault(s);
            return policy.WindowFor(s, released, statements.GetValueOrDefault(s), branch is null ? null : $"{branch}:{settings.Statement}", warnings);
        }).ToList();
        return (windows, warnings);
    }

    /// <summary>
    /// Each branch's statement at its revision. A statement from the past that cannot be read is history
    /// nobody can fix any more: it is skipped with a warning rather than stopping the report.
    /// </summary>
    private static Dictionary<SeriesId, SupportStatement> ReadStatements(
        GitRepository repository, ReleaseCatalog catalog, string file, IReadOnlyDictionary<SeriesId, string> revisions,
        (DateOnly Date, IReadOnlySet<SeriesId> Moved)? onDate, List<string> warnings)
    {
        var result = new Dictionary<SeriesId, SupportStatement>();
        if (string.IsNullOrEmpty(file) || revisions.Count == 0)
        {
            return result;
        }

        var specs = revisions.ToDictionary(b => b.Key, b => b.Value + ":" + file);
        var blobs = BlobReader.Read(repository, [.. specs.Values.Distinct()]);
        foreach (var (series, spec) in specs.OrderBy(s => s.Key))
        {
            if (blobs.GetValueOrDefault(spec) is not { } text)
            {
                continue;
            }

            var branch = catalog.StableBranches[series];
            try
            {
                if (SupportStatement.Parse(text, branch, file, series) is { } statement)
                {
                    result[series] = statement;
                }
            }
            catch (HeraldException e) when (onDate is { } d && d.Moved.Contains(series))
            {
                // The advice after ';' (fix the file) does not apply to history.
                warnings.Add($"{e.Message.Split(';')[0].TrimEnd('.')} in the statement as it read on {d.Date:yyyy-MM-dd}; its dates are left unknown.");
            }
        }

        return result;
    }
}
