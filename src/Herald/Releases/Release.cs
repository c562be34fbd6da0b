namespace Herald.Releases;

/// <summary>A release, or a pre-release of one, read from its tag.</summary>
/// <param name="Version">The version it is (a candidate: the version it leads to).</param>
/// <param name="Candidate">A pre-release's number (the 2 of <c>-rc2</c>), or null for a release.</param>
/// <param name="Tag">The tag's short name.</param>
/// <param name="Commit">The commit the tag points to, peeled through every tag object.</param>
/// <param name="Date">The outermost tag's tagger date (annotated) or the commit date (lightweight).</param>
/// <param name="Annotated">Whether the outermost tag is a tag object.</param>
/// <param name="Signed">Whether the outermost tag object carries a signature.</param>
/// <param name="Stage">A pre-release's word (alpha, beta, pre, rc); <see cref="PreReleaseStage.Rc"/> for releases.</param>
public sealed record Release(ReleaseVersion Version, int? Candidate, string Tag, string Commit, DateTimeOffset Date, bool Annotated, bool Signed, PreReleaseStage Stage = PreReleaseStage.Rc)
{
    /// <summary>The series.</summary>
    public SeriesId Series => Version.Series;

    /// <summary>Whether this is a pre-release (candidate, alpha, beta, pre).</summary>
    public bool IsCandidate => Candidate is not null;

    /// <summary>The full ref name of the tag.</summary>
    public string TagRef => "refs/tags/" + Tag;

    /// <summary>How people write it: <c>4.19.0</c>, <c>4.19.0-rc2</c>, <c>3.0.0-alpha1</c>.</summary>
    public string Name => Candidate is { } n ? $"{Version}-{StageWord(Stage)}{n}" : Version.ToString();

    /// <summary>Orders releases and pre-releases: by version, then alpha &lt; beta &lt; pre &lt; rc &lt; the release, then by number.</summary>
    public static IComparer<Release> Order { get; } = Comparer<Release>.Create((a, b) =>
    {
        var result = a.Version.CompareTo(b.Version);
        if (result == 0)
        {
            result = (a.Candidate is null).CompareTo(b.Candidate is null);
        }

        if (result == 0 && a.Candidate is not null)
        {
            result = a.Stage.CompareTo(b.Stage);
            if (result == 0)
            {
                result = a.Candidate.Value.CompareTo(b.Candidate!.Value);
            }
        }

        return result;
    });

    /// <summary>The word of <paramref name="stage"/> in tag names (<c>alpha</c>, <c>beta</c>, <c>pre</c>, <c>rc</c>).</summary>
    public static string StageWord(PreReleaseStage stage) => stage switch
    {
        PreReleaseStage.Alpha => "alpha",
        PreReleaseStage.Beta => "beta",
        PreReleaseStage.Pre => "pre",
        _ => "rc",
    };

    /// <summary>Reads a release or pre-release name (<c>4.19.0</c>, <c>4.19.0-rc2</c>, <c>3.0.0-beta1</c>) into a sort key for <see cref="Order"/>.</summary>
    public static bool TryParseName(string name, out ReleaseVersion version, out PreReleaseStage stage, out int? number)
    {
        ArgumentNullException.ThrowIfNull(name);
        stage = PreReleaseStage.Rc;
        number = null;
        var dash = name.IndexOf('-');
        if (dash < 0)
        {
            return ReleaseVersion.TryParse(name, out version);
        }

        if (!ReleaseVersion.TryParse(name[..dash], out version))
        {
            return false;
        }

        var rest = name[(dash + 1)..];
        foreach (var candidate in (PreReleaseStage[])[PreReleaseStage.Alpha, PreReleaseStage.Beta, PreReleaseStage.Pre, PreReleaseStage.Rc])
        {
            var word = StageWord(candidate);
            if (rest.StartsWith(word, StringComparison.Ordinal) && int.TryParse(rest[word.Length..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n))
            {
                stage = candidate;
                number = n;
                return true;
            }
        }

        return false;
    }
}
