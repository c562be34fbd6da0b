namespace Herald.Releases;

/// <summary>
/// Every release, candidate and stable branch of a repository under one <see cref="TagScheme"/>,
/// ordered by version. Immutable.
/// </summary>
public sealed class ReleaseCatalog
{
    private readonly Dictionary<ReleaseVersion, Release> _byVersion;
    private readonly IReadOnlyDictionary<string, string> _branches;

    /// <summary>Builds the catalog from the refs of a repository.</summary>
    public ReleaseCatalog(RefListing refs, TagScheme scheme)
    {
        ArgumentNullException.ThrowIfNull(refs);
        ArgumentNullException.ThrowIfNull(scheme);
        Scheme = scheme;
        var releases = new Dictionary<ReleaseVersion, Release>();
        var candidates = new List<Release>();
        foreach (var tag in refs.Tags)
        {
            if (scheme.TryParseRelease(tag.Name, out var version))
            {
                var release = new Release(version, null, tag.Name, tag.Commit, tag.Date, tag.Annotated, tag.Signed);

                // Two tags naming one version (1.2 and 1.2.0): the one written in full wins.
                if (!releases.TryGetValue(version, out var existing) || tag.Name.Length > existing.Tag.Length)
                {
                    releases[version] = release;
                }
            }
            else if (scheme.TryParseCandidate(tag.Name, out var candidateVersion, out var number, out var stage))
            {
                candidates.Add(new Release(candidateVersion, number, tag.Name, tag.Commit, tag.Date, tag.Annotated, tag.Signed, stage));
            }
        }

        _byVersion = releases;
        Releases = [.. releases.Values.OrderBy(r => r.Version)];
        Candidates = [.. candidates.Order(Release.Order)];
        _branches = refs.Branches;
        var branches = new SortedDictionary<SeriesId, string>();
        foreach (var name in refs.Branches.Keys)
        {
            if (scheme.TryParseBranch(name, out var series))
            {
                branches[series] = name;
            }
        }

        // One maintenance branch ("maint") carries the newest released series.
        if (Releases.Count > 0 && refs.Branches.Keys.FirstOrDefault(scheme.IsSingleBranch) is { } single)
        {
            branches[Releases[^1].Series] = single;
        }

        StableBranches = branches;
        Series = [.. Releases.Select(r => r.Series).Concat(branches.Keys).Distinct().Order()];
    }

    /// <summary>The scheme the catalog was read with.</summary>
    public TagScheme Scheme { get; }

    /// <summary>Releases (not candidates), oldest version first.</summary>
    public IReadOnlyList<Release> Releases { get; }

    /// <summary>Release candidates, oldest first.</summary>
    public IReadOnlyList<Release> Candidates { get; }

    /// <summary>Every series that has a release or a stable branch, oldest first.</summary>
    public IReadOnlyList<SeriesId> Series { get; }

    /// <summary>Series → the name of its stable branch, for the series that have one.</summary>
    public IReadOnlyDictionary<SeriesId, string> StableBranches { get; }

    /// <summary>Branch name → tip commit, for every branch of the repository.</summary>
    public IReadOnlyDictionary<string, string> Branches => _branches;

    /// <summary>The release of <paramref name="version"/>, or null.</summary>
    public Release? Find(ReleaseVersion version) => _byVersion.GetValueOrDefault(version);

    /// <summary>The releases of <paramref name="series"/>, oldest first.</summary>
    public IEnumerable<Release> InSeries(SeriesId series) => Releases.Where(r => r.Series == series);

    /// <summary>Reads the catalog of <paramref name="repository"/>.</summary>
    public static ReleaseCatalog Read(History.GitRepository repository, TagScheme scheme) =>
        new(RefListing.Read(repository), scheme);
}
