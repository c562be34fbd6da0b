namespace Herald.Advisories;

/// <summary>
/// Who may see which advisory, in one place: pages, API, feeds, exports, search and the CLI ask here.
/// Before publication an advisory exists only for the security team (drafts and embargoed) and the
/// pre-disclosure members (embargoed); for everyone else it does not exist.
/// </summary>
public static class AccessPolicy
{
    /// <summary>Whether <paramref name="viewer"/> may see <paramref name="advisory"/> at <paramref name="now"/>.</summary>
    public static bool CanSee(Viewer viewer, ManagedAdvisory advisory, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(advisory);
        return advisory.IsPublicAt(now)
            || viewer.Kind == ViewerKind.Security
            || (viewer.Kind == ViewerKind.Member && advisory.State == AdvisoryState.Embargoed);
    }

    /// <summary>The advisories of <paramref name="advisories"/> <paramref name="viewer"/> may see, in their order.</summary>
    public static IReadOnlyList<ManagedAdvisory> Visible(Viewer viewer, IEnumerable<ManagedAdvisory> advisories, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(advisories);
        return advisories.Where(a => CanSee(viewer, a, now)).ToList();
    }

    /// <summary>
    /// The ids of <paramref name="advisories"/> hidden from <paramref name="viewer"/> at <paramref name="now"/>:
    /// what must be left out wherever ids appear (the advisories commits name, search, release pages).
    /// </summary>
    public static IReadOnlySet<string> Hidden(Viewer viewer, IEnumerable<ManagedAdvisory> advisories, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(advisories);
        return advisories.Where(a => !CanSee(viewer, a, now)).Select(a => a.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Whether <paramref name="viewer"/> may be told which advisory holds a release and until when (else: "held").</summary>
    public static bool MaySeeHolds(Viewer viewer)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        return viewer.Kind == ViewerKind.Security;
    }

    /// <summary>Whether <paramref name="viewer"/> may write, update and publish advisories.</summary>
    public static bool MayManage(Viewer viewer)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        return viewer.Kind == ViewerKind.Security;
    }
}
