using Herald.Releases;

namespace Herald.Storage;

/// <summary>
/// The series the mainline is working towards, with its newest release candidate: the series that has
/// candidates or a branch but no release yet and is newer than every released one, or else the minor
/// version after the newest released series (Xen's 4.23 once 4.22.0 is out).
/// </summary>
/// <param name="Series">The series, e.g. <c>4.23</c>.</param>
/// <param name="Candidate">Its newest release candidate, or null when none is tagged yet.</param>
public sealed record DevelopmentSeries(string Series, ReleaseRow? Candidate)
{
    /// <summary>The series in development in <paramref name="snapshot"/>, or null when the index has no mainline branch.</summary>
    public static DevelopmentSeries? Of(IndexSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (!snapshot.HasBranch(snapshot.Mainline))
        {
            return null;
        }

        var released = snapshot.Releases.Where(r => r.Candidate is null).Select(r => SeriesId.Parse(r.Series)).DefaultIfEmpty().Max();
        var unreleased = snapshot.Series
            .Where(s => s.Released is null && SeriesId.Parse(s.Series) > released)
            .Select(s => SeriesId.Parse(s.Series))
            .DefaultIfEmpty(new SeriesId(released.Major, released.Minor + 1))
            .Max();
        var name = unreleased.ToString();

        // Releases are ordered newest first, so the first candidate of the series is the newest.
        return new DevelopmentSeries(name, snapshot.Releases.FirstOrDefault(r => r.Series == name && r.Candidate is not null));
    }
}
