using System.Globalization;
using Herald.History;
using Herald.Releases;

namespace Herald.Policy;

/// <summary>
/// Every series' status on a date: policy dates (see <see cref="SupportPolicy"/>), the newest release on
/// or before the date, and the commits waiting on the stable branch.
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

    /// <summary>Disagreements between statements and configuration (the configuration won).</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>
    /// A sentence saying which series got Herald's built-in support windows (source <see cref="DateSource.Default"/>)
    /// because the project states no <c>[policy]</c> and their branches no statement; null when none did.
    /// </summary>
    public string? DefaultsNote { get; }

    /// <summary>The support windows of every series of <paramref name="catalog"/>, newest first.</summary>
    public static (IReadOnlyList<SupportWindow> Windows, IReadOnlyList<string> Warnings) ReadWindows(GitRepository repository, ReleaseCatalog catalog, PolicySettings settings)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(settings);
        var policy = new SupportPolicy(settings);
        // Series with candidates or a branch but no release are in development only when newer than every
        // released series; older ones were abandoned (Xen's 3.2 to 3.4 candidates, say).
        var released = catalog.Releases.Select(r => r.Series).ToHashSet();
        var newest = released.Count == 0 ? (SeriesId?)null : released.Max();
        var series = catalog.Series.Concat(catalog.Candidates.Select(c => c.Series))
            .Where(s => released.Contains(s) || newest is null || s > newest.Value)
            .Distinct().OrderDescending().ToList();
        var statements = ReadStatements(repository, catalog, settings.Statement);
        var warnings = new List<string>();
        var windows = series.Select(s =>
        {
            var first = catalog.Find(new ReleaseVersion(s.Major, s.Minor, 0)) ?? catalog.InSeries(s).FirstOrDefault();
            DateOnly? released = first is null ? null : DateOnly.FromDateTime(first.Date.UtcDateTime);
            var branch = catalog.StableBranches.GetValueOrDefault(s);
            return policy.WindowFor(s, released, statements.GetValueOrDefault(s), branch is null ? null : $"{branch}:{settings.Statement}", warnings);
        }).ToList();
        return (windows, warnings);
    }

    /// <summary>Builds the report for <paramref name="asOf"/>.</summary>
    public static StatusReport Build(GitRepository repository, ReleaseCatalog catalog, PolicySettings settings, DateOnly asOf)
    {
        var (windows, warnings) = ReadWindows(repository, catalog, settings);
        var endOfDay = asOf.ToDateTime(new TimeOnly(23, 59, 59), DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var rows = new SeriesStatus[windows.Count];
        Concurrently.For(windows.Count, Math.Max(2, Environment.ProcessorCount), i =>
        {
            var window = windows[i];
            var series = window.Series;
            var latest = catalog.InSeries(series).LastOrDefault(r => DateOnly.FromDateTime(r.Date.UtcDateTime) <= asOf);
            var branch = catalog.StableBranches.GetValueOrDefault(series);
            var unreleased = 0;
            if (branch is not null && latest is not null)
            {
                var tip = catalog.Branches[branch];
                unreleased = int.Parse(repository.Run("rev-list", "--count", "--no-merges", "--before=" + endOfDay, "--end-of-options", tip, "^" + latest.TagRef, "--").Trim(), CultureInfo.InvariantCulture);
            }

            DateOnly? latestDate = latest is null ? null : DateOnly.FromDateTime(latest.Date.UtcDateTime);
            rows[i] = SeriesStatus.On(asOf, window, branch, latest?.Version.ToString(), latestDate, unreleased, settings.CadenceMonths);
        });

        return new StatusReport(asOf, rows, windows, warnings, NoteOnDefaults(settings, rows));
    }

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

    private static Dictionary<SeriesId, SupportStatement> ReadStatements(GitRepository repository, ReleaseCatalog catalog, string file)
    {
        var result = new Dictionary<SeriesId, SupportStatement>();
        if (string.IsNullOrEmpty(file) || catalog.StableBranches.Count == 0)
        {
            return result;
        }

        var specs = catalog.StableBranches.ToDictionary(b => b.Key, b => catalog.Branches[b.Value] + ":" + file);
        var blobs = BlobReader.Read(repository, [.. specs.Values]);
        foreach (var (series, spec) in specs)
        {
            if (blobs.GetValueOrDefault(spec) is { } text
                && SupportStatement.Parse(text, catalog.StableBranches[series], file, series) is { } statement)
            {
                result[series] = statement;
            }
        }

        return result;
    }
}
