using Herald.Releases;

namespace Herald.Announcements;

/// <summary>Checks what may be announced together and writes lists of versions as sentences do.</summary>
internal static class AnnouncedVersions
{
    /// <summary>
    /// The releases of <paramref name="versions"/>, oldest first, duplicates dropped: one X.Y.0 alone, or
    /// point releases of different series.
    /// </summary>
    /// <exception cref="HeraldException">No version, not a version, unknown (naming the closest), an X.Y.0 with others, two of one series.</exception>
    public static IReadOnlyList<Release> Resolve(ReleaseCatalog catalog, IReadOnlyList<string> versions)
    {
        if (versions.Count == 0)
        {
            throw new HeraldException("no version given; name the releases to announce, e.g. 'herald announce 4.6.6 4.7.3' or 'herald announce 4.9.0'.");
        }

        var releases = new List<Release>();
        foreach (var text in versions.Select(v => v.Trim()))
        {
            if (!ReleaseVersion.TryParse(text, out var version))
            {
                throw new HeraldException($"'{text}' is not a version like 4.8.1; announcements are of releases, not candidates or refs.");
            }

            var release = catalog.Find(version) ?? throw new HeraldException(Unknown(catalog, version));
            if (!releases.Contains(release))
            {
                releases.Add(release);
            }
        }

        releases.Sort((a, b) => a.Version.CompareTo(b.Version));
        if (releases.Count > 1 && releases.FirstOrDefault(r => r.Version.IsSeriesStart) is { } major)
        {
            var others = Join([.. releases.Where(r => r != major).Select(r => r.Version.ToString())]);
            throw new HeraldException($"{major.Version} is a major release and is announced on its own ('What's new'); announce it alone, and {others} in a separate maintenance announcement.");
        }

        if (releases.GroupBy(r => r.Series).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new HeraldException($"{Join([.. twice.Select(r => r.Version.ToString())])} are releases of one series ({twice.Key}); announce only the newest, or each on its own.");
        }

        return releases;
    }

    /// <summary>Items joined as a sentence: <c>A</c>, <c>A and B</c>, <c>A, B and C</c>.</summary>
    public static string Join(IReadOnlyList<string> items) => items.Count switch
    {
        0 => string.Empty,
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1],
    };

    private static string Unknown(ReleaseCatalog catalog, ReleaseVersion version)
    {
        var message = $"no release {version} (no tag {catalog.Scheme.TagFor(version)})";
        if (catalog.Releases.Count == 0)
        {
            return message + "; the repository has no releases yet.";
        }

        return $"{message}; the closest: {string.Join(", ", Closest(catalog, version))}. 'herald releases' lists them all.";
    }

    // The releases of the same series nearest in number, else the neighbours in version order.
    private static IEnumerable<string> Closest(ReleaseCatalog catalog, ReleaseVersion version)
    {
        var same = catalog.InSeries(version.Series).ToList();
        if (same.Count > 0)
        {
            return same.OrderBy(r => Math.Abs(r.Version.Patch - version.Patch)).ThenByDescending(r => r.Version).Take(3)
                .OrderBy(r => r.Version).Select(r => r.Version.ToString());
        }

        var below = catalog.Releases.Count(r => r.Version < version);
        var from = Math.Max(0, below - 2);
        return catalog.Releases.Skip(from).Take(Math.Min(3, catalog.Releases.Count - from)).Select(r => r.Version.ToString());
    }
}
