namespace Herald.Releases;

/// <summary>
/// How a project names its release tags (<c>RELEASE-{version}</c>), candidate tags
/// (<c>{version}-rc{n}</c>) and stable branches (<c>stable-{series}</c>). Tags and candidates may have
/// several patterns, one per era of a scheme that changed over time (<c>v{version}</c>, then
/// <c>{version}</c>): all eras are one release history. Immutable.
/// </summary>
/// <remarks>The placeholders are described on <see cref="Problem(string, RefPatternKind)"/>.</remarks>
public sealed class TagScheme
{
    private readonly RefPattern[] _tags;
    private readonly RefPattern[] _candidates;
    private readonly RefPattern _branch;

    /// <summary>Creates a scheme with one pattern of each kind; the patterns must be valid (see <see cref="Problem(string, RefPatternKind)"/>).</summary>
    /// <exception cref="ArgumentException">A pattern is invalid.</exception>
    public TagScheme(string tagPattern, string candidatePattern, string branchPattern)
        : this([tagPattern], [candidatePattern], branchPattern)
    {
    }

    /// <summary>
    /// Creates a scheme; the patterns must be valid (see <see cref="Problem(string, RefPatternKind)"/>). The
    /// first tag pattern is the one new release tags are named with.
    /// </summary>
    /// <exception cref="ArgumentException">A pattern is invalid, or a list is empty.</exception>
    public TagScheme(IReadOnlyList<string> tagPatterns, IReadOnlyList<string> candidatePatterns, string branchPattern)
    {
        ArgumentNullException.ThrowIfNull(tagPatterns);
        ArgumentNullException.ThrowIfNull(candidatePatterns);
        _tags = Compile(tagPatterns, RefPatternKind.Tag, "tagPattern");
        _candidates = Compile(candidatePatterns, RefPatternKind.Candidate, "candidatePattern");
        _branch = RefPattern.Create(branchPattern, RefPatternKind.Branch, nameof(branchPattern));
    }

    /// <summary>The Xen Project's scheme: <c>RELEASE-{version}</c>, <c>{version}-rc{n}</c>, <c>stable-{series}</c>.</summary>
    public static TagScheme Xen { get; } = new("RELEASE-{version}", "{version}-rc{n}", "stable-{series}");

    /// <summary>The first release tag pattern (the one new tags are named with).</summary>
    public string TagPattern => _tags[0].Text;

    /// <summary>Every release tag pattern, first the one new tags are named with.</summary>
    public IReadOnlyList<string> TagPatterns => [.. _tags.Select(p => p.Text)];

    /// <summary>The first candidate tag pattern.</summary>
    public string CandidatePattern => _candidates[0].Text;

    /// <summary>Every candidate tag pattern.</summary>
    public IReadOnlyList<string> CandidatePatterns => [.. _candidates.Select(p => p.Text)];

    /// <summary>The stable branch pattern.</summary>
    public string BranchPattern => _branch.Text;

    /// <summary>
    /// Whether the branch pattern names one maintenance branch (<c>maint</c>, no <c>{series}</c>) that
    /// carries the newest released series.
    /// </summary>
    public bool HasSingleBranch => _branch.IsSingleBranch;

    /// <summary>
    /// Says what is wrong with <paramref name="pattern"/> (a missing, unknown or mixed placeholder, a
    /// character git refuses in ref names), or null when it is valid. Placeholders: <c>{version}</c>, the
    /// dotted version (<c>4.9</c>, <c>4.9.0</c>, <c>1.4.1.1</c>, <c>1.1.1w</c>); or its parts <c>{major}</c>,
    /// <c>{minor}</c>, <c>{patch}</c>, <c>{build}</c> (a fourth number) and <c>{letter}</c> (an optional
    /// letter suffix) with any separator (<c>name-{major}_{minor}_{patch}</c>); in candidates <c>{n}</c>,
    /// and <c>{series}</c> instead of the version (<c>{series}-rc{n}</c> reads <c>7.0-rc1</c> as a candidate
    /// of 7.0.0); in branches <c>{series}</c>, or none for one maintenance branch.
    /// </summary>
    public static string? Problem(string pattern, RefPatternKind kind) => RefPattern.Problem(pattern, kind);

    /// <summary>Reads a release tag; false for anything else.</summary>
    public bool TryParseRelease(string tag, out ReleaseVersion version)
    {
        ArgumentNullException.ThrowIfNull(tag);
        foreach (var pattern in _tags)
        {
            if (pattern.Match(tag) is { } match && RefPattern.TryVersion(match, out version))
            {
                return true;
            }
        }

        version = default;
        return false;
    }

    /// <summary>Reads a candidate tag (<paramref name="number"/> is its N); false for anything else.</summary>
    public bool TryParseCandidate(string tag, out ReleaseVersion version, out int number) =>
        TryParseCandidate(tag, out version, out number, out _);

    /// <summary>Reads a pre-release tag: its version, number and word (<c>-beta2</c>: 2, beta); false for anything else.</summary>
    public bool TryParseCandidate(string tag, out ReleaseVersion version, out int number, out PreReleaseStage stage)
    {
        ArgumentNullException.ThrowIfNull(tag);
        foreach (var pattern in _candidates)
        {
            if (pattern.Match(tag) is { } match && RefPattern.TryVersion(match, out version)
                && ReleaseVersion.TryParsePart(match.Groups["n"].Value, out number))
            {
                stage = match.Groups["stage"].Value switch
                {
                    "alpha" => PreReleaseStage.Alpha,
                    "beta" => PreReleaseStage.Beta,
                    "pre" => PreReleaseStage.Pre,
                    _ => PreReleaseStage.Rc,
                };
                return true;
            }
        }

        (version, number, stage) = (default, 0, PreReleaseStage.Rc);
        return false;
    }

    /// <summary>
    /// Reads a stable branch name; false for anything else, and for the single maintenance branch of a
    /// pattern without <c>{series}</c> (whose series <see cref="ReleaseCatalog"/> decides).
    /// </summary>
    public bool TryParseBranch(string branch, out SeriesId series)
    {
        ArgumentNullException.ThrowIfNull(branch);
        series = default;
        if (_branch.IsSingleBranch || _branch.Match(branch) is not { } match)
        {
            return false;
        }

        if (match.Groups["series"].Success)
        {
            return SeriesId.TryParse(match.Groups["series"].Value, out series);
        }

        if (!ReleaseVersion.TryParsePart(match.Groups["major"].Value, out var major) || !ReleaseVersion.TryParsePart(match.Groups["minor"].Value, out var minor))
        {
            return false;
        }

        series = new SeriesId(major, minor);
        return true;
    }

    /// <summary>Whether <paramref name="branch"/> is the single maintenance branch of a pattern without <c>{series}</c>.</summary>
    public bool IsSingleBranch(string branch) => _branch.IsSingleBranch && string.Equals(branch, _branch.Text, StringComparison.Ordinal);

    /// <summary>The tag name of <paramref name="version"/> under the first tag pattern.</summary>
    public string TagFor(ReleaseVersion version) => _tags[0].Format(version);

    /// <summary>The stable branch name of <paramref name="series"/> (the single maintenance branch's name when the pattern has no series).</summary>
    public string BranchFor(SeriesId series) => _branch.Format(new ReleaseVersion(series.Major, series.Minor, 0));

    /// <inheritdoc />
    public override string ToString() =>
        $"tags {string.Join(" or ", TagPatterns)}, candidates {string.Join(" or ", CandidatePatterns)}, branches {BranchPattern}";

    private static RefPattern[] Compile(IReadOnlyList<string> patterns, RefPatternKind kind, string name)
    {
        if (patterns.Count == 0)
        {
            throw new ArgumentException("at least one pattern is needed", name);
        }

        return [.. patterns.Select(p => RefPattern.Create(p, kind, name))];
    }
}
