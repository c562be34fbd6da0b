using System.Text;
using System.Text.RegularExpressions;

namespace Herald.Releases;

/// <summary>
/// How a project names its release tags (<c>RELEASE-{version}</c>), candidate tags
/// (<c>{version}-rc{n}</c>) and stable branches (<c>stable-{series}</c>). Immutable.
/// </summary>
public sealed class TagScheme
{
    private readonly Regex _tag;
    private readonly Regex _candidate;
    private readonly Regex _branch;

    /// <summary>Creates a scheme; the patterns must be valid (see <see cref="Problem"/>).</summary>
    /// <exception cref="ArgumentException">A pattern is invalid.</exception>
    public TagScheme(string tagPattern, string candidatePattern, string branchPattern)
    {
        ThrowIfInvalid(tagPattern, TagPlaceholders, nameof(tagPattern));
        ThrowIfInvalid(candidatePattern, CandidatePlaceholders, nameof(candidatePattern));
        ThrowIfInvalid(branchPattern, BranchPlaceholders, nameof(branchPattern));
        TagPattern = tagPattern;
        CandidatePattern = candidatePattern;
        BranchPattern = branchPattern;
        _tag = Compile(tagPattern);
        _candidate = Compile(candidatePattern);
        _branch = Compile(branchPattern);
    }

    /// <summary>Placeholders a release tag pattern needs.</summary>
    public static readonly string[] TagPlaceholders = ["{version}"];

    /// <summary>Placeholders a candidate tag pattern needs.</summary>
    public static readonly string[] CandidatePlaceholders = ["{version}", "{n}"];

    /// <summary>Placeholders a branch pattern needs.</summary>
    public static readonly string[] BranchPlaceholders = ["{series}"];

    /// <summary>The Xen Project's scheme: <c>RELEASE-{version}</c>, <c>{version}-rc{n}</c>, <c>stable-{series}</c>.</summary>
    public static TagScheme Xen { get; } = new("RELEASE-{version}", "{version}-rc{n}", "stable-{series}");

    /// <summary>The release tag pattern.</summary>
    public string TagPattern { get; }

    /// <summary>The candidate tag pattern.</summary>
    public string CandidatePattern { get; }

    /// <summary>The stable branch pattern.</summary>
    public string BranchPattern { get; }

    /// <summary>
    /// Says what is wrong with <paramref name="pattern"/> (a missing or unknown placeholder, a character
    /// git refuses in ref names), or null when it is valid.
    /// </summary>
    public static string? Problem(string pattern, IReadOnlyList<string> required)
    {
        foreach (var placeholder in required)
        {
            if (!pattern.Contains(placeholder, StringComparison.Ordinal))
            {
                return $"the pattern \"{pattern}\" has no {placeholder}; write it where the value goes, e.g. \"{Example(required)}\"";
            }
        }

        var stripped = required.Aggregate(pattern, (text, placeholder) => text.Replace(placeholder, string.Empty, StringComparison.Ordinal));
        if (stripped.Contains('{') || stripped.Contains('}'))
        {
            return $"the pattern \"{pattern}\" has an unknown placeholder; only {string.Join(" and ", required)} may appear";
        }

        if (stripped.Any(c => char.IsControl(c) || c is ' ' or '~' or '^' or ':' or '?' or '*' or '[' or '\\') || pattern.StartsWith('-'))
        {
            return $"the pattern \"{pattern}\" holds a character git does not allow in ref names";
        }

        return null;
    }

    /// <summary>Reads a release tag; false for anything else.</summary>
    public bool TryParseRelease(string tag, out ReleaseVersion version)
    {
        version = default;
        var match = _tag.Match(tag);
        return match.Success && ReleaseVersion.TryParse(match.Groups["version"].Value, out version);
    }

    /// <summary>Reads a candidate tag (<paramref name="number"/> is its N); false for anything else.</summary>
    public bool TryParseCandidate(string tag, out ReleaseVersion version, out int number)
    {
        version = default;
        number = 0;
        var match = _candidate.Match(tag);
        return match.Success
            && ReleaseVersion.TryParse(match.Groups["version"].Value, out version)
            && int.TryParse(match.Groups["n"].Value, out number);
    }

    /// <summary>Reads a stable branch name; false for anything else.</summary>
    public bool TryParseBranch(string branch, out SeriesId series)
    {
        series = default;
        var match = _branch.Match(branch);
        return match.Success && SeriesId.TryParse(match.Groups["series"].Value, out series);
    }

    /// <summary>The tag name of <paramref name="version"/>.</summary>
    public string TagFor(ReleaseVersion version) => TagPattern.Replace("{version}", version.ToString(), StringComparison.Ordinal);

    /// <summary>The stable branch name of <paramref name="series"/>.</summary>
    public string BranchFor(SeriesId series) => BranchPattern.Replace("{series}", series.ToString(), StringComparison.Ordinal);

    /// <inheritdoc />
    public override string ToString() => $"tags {TagPattern}, candidates {CandidatePattern}, branches {BranchPattern}";

    private static void ThrowIfInvalid(string pattern, IReadOnlyList<string> required, string name)
    {
        ArgumentNullException.ThrowIfNull(pattern, name);
        if (Problem(pattern, required) is { } problem)
        {
            throw new ArgumentException(problem, name);
        }
    }

    private static string Example(IReadOnlyList<string> required) => required.Count switch
    {
        2 => "{version}-rc{n}",
        _ when required[0] == "{series}" => "stable-{series}",
        _ => "RELEASE-{version}",
    };

    private static Regex Compile(string pattern)
    {
        var builder = new StringBuilder("^");
        var rest = pattern;
        while (rest.Length > 0)
        {
            var open = rest.IndexOf('{');
            if (open < 0)
            {
                builder.Append(Regex.Escape(rest));
                break;
            }

            builder.Append(Regex.Escape(rest[..open]));
            var close = rest.IndexOf('}', open);
            var name = rest[(open + 1)..close];
            builder.Append(name switch
            {
                "version" => @"(?<version>\d+\.\d+(?:\.\d+)?)",
                "series" => @"(?<series>\d+\.\d+)",
                _ => @"(?<n>\d+)",
            });
            rest = rest[(close + 1)..];
        }

        return new Regex(builder.Append('$').ToString(), RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture);
    }
}
