using Herald.Policy;
using Herald.Releases;

namespace Herald.Storage;

/// <summary>Where a release stands on a date, for the banner of its page.</summary>
/// <param name="Status">Its series' status on the date.</param>
/// <param name="Latest">The newest release of its series on the date when that is newer than it, else null.</param>
/// <param name="Replacement">
/// For an end-of-life series, the series to move to: the oldest newer series still in general support,
/// else the newest released series newer than it; null otherwise or when there is none.
/// </param>
/// <param name="ReplacementLatest">The replacement's newest release, or null.</param>
/// <param name="LedTo">For a candidate, the release it led to (the same version, released), or null while there is none.</param>
public sealed record ReleaseStanding(SupportStatus Status, ReleaseRow? Latest, string? Replacement, ReleaseRow? ReplacementLatest, ReleaseRow? LedTo)
{
    /// <summary>The standing of <paramref name="release"/> in <paramref name="snapshot"/> on <paramref name="date"/>.</summary>
    public static ReleaseStanding Of(IndexSnapshot snapshot, ReleaseRow release, DateOnly date, int cadenceMonths)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(release);
        var statuses = snapshot.Status(date, cadenceMonths);
        var status = statuses.FirstOrDefault(s => s.Series == release.Series)?.Status ?? SupportStatus.Development;
        var latest = snapshot.ReleasesOf(release.Series).FirstOrDefault(r => r.Date <= date);
        var newer = latest is not null && latest.Version != release.Version && IsNewer(latest, release) ? latest : null;
        string? replacement = null;
        if (status == SupportStatus.Eol)
        {
            var series = SeriesId.Parse(release.Series);
            var later = statuses.Where(s => s.Latest is not null && SeriesId.Parse(s.Series) > series).ToList();
            replacement = (later.Where(s => s.Status == SupportStatus.Supported).MinBy(s => SeriesId.Parse(s.Series))
                ?? later.MaxBy(s => SeriesId.Parse(s.Series)))?.Series;
        }

        var replacementLatest = replacement is null ? null : snapshot.ReleasesOf(replacement).FirstOrDefault(r => r.Date <= date);
        var ledTo = release.Candidate is null
            ? null
            : snapshot.Releases.FirstOrDefault(r => r.Candidate is null && r.Series == release.Series && r.Major == release.Major && r.Minor == release.Minor && r.Patch == release.Patch);
        return new ReleaseStanding(status, newer, replacement, replacementLatest, ledTo);
    }

    // A candidate of X.Y.Z is older than X.Y.Z itself; releases compare by their numbers.
    private static bool IsNewer(ReleaseRow latest, ReleaseRow release) =>
        (latest.Major, latest.Minor, latest.Patch).CompareTo((release.Major, release.Minor, release.Patch)) > 0
        || (release.Candidate is not null && (latest.Major, latest.Minor, latest.Patch) == (release.Major, release.Minor, release.Patch));
}
