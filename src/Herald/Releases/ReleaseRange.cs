namespace Herald.Releases;

/// <summary>
/// The commits a release brings: reachable from its tag and not from the release before it. This is the
/// one place that knows which release comes before which:
/// <list type="bullet">
/// <item>a point release X.Y.Z (Z &gt; 0) starts at the newest existing release of its series below it
/// (gaps such as a missing 4.6.2 are skipped);</item>
/// <item>X.Y.0 starts at the newest X'.Y'.0 below it, wherever that tag sits (often on its own stable
/// branch, after master moved on); where no X'.Y'.0 exists below it, at the newest release below it;</item>
/// <item>a candidate (any pre-release) starts where its development cycle does: the newest X'.Y'.0 below its version;</item>
/// <item>with nothing before it, a release covers its whole history.</item>
/// </list>
/// </summary>
/// <param name="From">The release the range starts after, or null for the whole history.</param>
/// <param name="To">The release the range ends at.</param>
public sealed record ReleaseRange(Release? From, Release To)
{
    /// <summary>The range of <paramref name="release"/> in <paramref name="catalog"/>.</summary>
    public static ReleaseRange For(ReleaseCatalog catalog, Release release)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(release);
        return new ReleaseRange(Previous(catalog, release), release);
    }

    /// <summary>The release before <paramref name="release"/> by the rule above, or null.</summary>
    public static Release? Previous(ReleaseCatalog catalog, Release release)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(release);
        var version = release.Version;
        if (release.IsCandidate)
        {
            // A candidate previews a development cycle: it starts where that cycle does.
            return PreviousSeriesStart(catalog, version);
        }

        if (!version.IsSeriesStart)
        {
            var inSeries = catalog.Releases.LastOrDefault(r => r.Series == version.Series && r.Version < version);
            if (inSeries is not null)
            {
                return inSeries;
            }
        }

        return PreviousSeriesStart(catalog, new ReleaseVersion(version.Major, version.Minor, 0));
    }

    /// <summary>
    /// Where a development cycle that ends in <paramref name="version"/> (an X.Y.0, or a candidate of one)
    /// starts: the newest X'.Y'.0 below it; where none exists (the first release after a change of tag
    /// scheme, or a project whose first tag is X.Y.0), the newest release of any kind below it; null when
    /// nothing comes before.
    /// </summary>
    public static Release? PreviousSeriesStart(ReleaseCatalog catalog, ReleaseVersion version)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return catalog.Releases.LastOrDefault(r => r.Version.IsSeriesStart && r.Version < version)
            ?? catalog.Releases.LastOrDefault(r => r.Version < version);
    }

    /// <summary>
    /// The release whose own range <paramref name="release"/>'s figures are compared with, like with like:
    /// for X.Y.0 the release its range starts at (the previous development cycle); for a point release the
    /// same point of the newest earlier series that has it (4.9.1 against 4.8.1, not against the whole 4.9 cycle);
    /// null when there is none.
    /// </summary>
    public static Release? Comparable(ReleaseCatalog catalog, Release release)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(release);
        var version = release.Version;
        if (version.IsSeriesStart)
        {
            return Previous(catalog, release);
        }

        return catalog.Releases.LastOrDefault(r => r.Series < version.Series
            && r.Version.Patch == version.Patch && r.Version.Build == version.Build && r.Version.Letter == version.Letter);
    }

    /// <summary>The git revisions selecting the range: <c>refs/tags/To ^refs/tags/From</c>.</summary>
    public IReadOnlyList<string> Revisions => From is null ? [To.TagRef] : [To.TagRef, "^" + From.TagRef];

    /// <summary>The range as people write it: <c>RELEASE-4.8.0..RELEASE-4.9.0</c>.</summary>
    public override string ToString() => From is null ? To.Tag : $"{From.Tag}..{To.Tag}";
}
