namespace Herald.Policy;

/// <summary>One series' state on a date; the shape of <c>herald status --json</c> and <c>/api/status</c>.</summary>
/// <param name="Series">The series, e.g. <c>4.19</c>.</param>
/// <param name="Branch">Its stable branch, or null.</param>
/// <param name="Status">development, supported, security or eol.</param>
/// <param name="Released">The X.Y.0 release date, or null.</param>
/// <param name="SupportedUntil">The last day of general support (inclusive), or null.</param>
/// <param name="SecurityUntil">The last day of security support (inclusive), or null.</param>
/// <param name="Latest">The newest release of the series on or before the date, or null.</param>
/// <param name="LatestDate">Its date, or null.</param>
/// <param name="UnreleasedCommits">Non-merge commits on the stable branch after <paramref name="Latest"/>, as of the date.</param>
/// <param name="PointReleaseDue">Whether a point release is due: the series is supported (or security-only), has unreleased commits, and the cadence has passed since the latest release.</param>
/// <param name="NextPointRelease">When the next point release is expected by the cadence, or null.</param>
/// <param name="Source">Where the support dates came from: config, statement or policy.</param>
public sealed record SeriesStatus(
    string Series,
    string? Branch,
    SupportStatus Status,
    DateOnly? Released,
    DateOnly? SupportedUntil,
    DateOnly? SecurityUntil,
    string? Latest,
    DateOnly? LatestDate,
    int UnreleasedCommits,
    bool PointReleaseDue,
    DateOnly? NextPointRelease,
    DateSource Source)
{
    /// <summary>
    /// True when the series' next publish waits for an embargo (<c>herald status</c>; an advisory not public holds a release
    /// of it, see <see cref="Advisories.ReleaseHolds"/>); null (not written) when nothing holds it or it was not asked (the
    /// portal's API), so that the record is the same as <c>/api/status</c> serves.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public bool? Held { get; init; }

    /// <summary>The advisories holding it, for the security team (the CLI, with the data folder's authority), or null.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<Advisories.ReleaseHold>? HeldBy { get; init; }

    /// <summary>
    /// The one place that puts a series' state together: its status on <paramref name="asOf"/> from the
    /// window, and when its next point release is expected (the cadence after the latest release, while
    /// supported or security-only) and whether it is due (that date has come and commits wait).
    /// </summary>
    public static SeriesStatus On(DateOnly asOf, SupportWindow window, string? branch, string? latest, DateOnly? latestDate, int unreleasedCommits, int cadenceMonths)
    {
        ArgumentNullException.ThrowIfNull(window);
        var status = window.StatusOn(asOf);
        DateOnly? next = latestDate is { } d && status is SupportStatus.Supported or SupportStatus.Security ? d.AddMonths(cadenceMonths) : null;
        return new SeriesStatus(
            window.Series.ToString(),
            branch,
            status,
            window.Released is { } r && r <= asOf ? r : null,
            window.SupportedUntil,
            window.SecurityUntil,
            latest,
            latestDate,
            unreleasedCommits,
            next is { } n && unreleasedCommits > 0 && asOf >= n,
            next,
            window.Source);
    }
}
