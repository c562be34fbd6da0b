namespace Herald.Releases;

/// <summary>
/// The commits a release brings: reachable from its tag and not from the release before it. This is the
/// one place that knows which release comes before which:
/// <list type="bullet">
/// <item>a point release X.Y.Z (Z &gt; 0) starts at the newest existing release of its series below it
/// (gaps such as a missing 4.6.2 are skipped);</item>
/// <item>X.Y.0 starts at the newest X'.Y'.0 below it, wherever that tag sits (often on its own stable
/// branch, after master moved on);</item>
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
        if (!version.IsSeriesStart)
        {
            var inSeries = catalog.Releases.LastOrDefault(r => r.Series == version.Series && r.Version < version);
            if (inSeries is not null)
            {
                return inSeries;
            }
        }

        return catalog.Releases.LastOrDefault(r => r.Version.IsSeriesStart && r.Version < new ReleaseVersion(version.Major, version.Minor, 0));
    }

    /// <summary>The git revisions selecting the range: <c>refs/tags/To ^refs/tags/From</c>.</summary>
    public IReadOnlyList<string> Revisions => From is null ? [To.TagRef] : [To.TagRef, "^" + From.TagRef];

    /// <summary>The range as people write it: <c>RELEASE-4.8.0..RELEASE-4.9.0</c>.</summary>
    public override string ToString() => From is null ? To.Tag : $"{From.Tag}..{To.Tag}";
}
