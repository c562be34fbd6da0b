using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Herald.Releases;

/// <summary>What a ref pattern names: a release tag, a candidate tag or a stable branch.</summary>
public enum RefPatternKind
{
    /// <summary>A release tag (<c>RELEASE-{version}</c>).</summary>
    Tag,

    /// <summary>A release candidate or other pre-release tag (<c>{version}-rc{n}</c>).</summary>
    Candidate,

    /// <summary>A stable branch (<c>stable-{series}</c>), or one maintenance branch (<c>maint</c>).</summary>
    Branch,
}

/// <summary>
/// One ref-name pattern with its placeholders, compiled once. Placeholders: <c>{version}</c> (the dotted
/// version: <c>4.9</c>, <c>4.9.0</c>, <c>1.4.1.1</c>, <c>1.1.1w</c>), or its parts <c>{major}</c>,
/// <c>{minor}</c>, <c>{patch}</c>, <c>{build}</c> (a fourth number) and <c>{letter}</c> (an optional letter
/// suffix) with any separator between them; <c>{series}</c> (<c>4.9</c>); <c>{n}</c> (a candidate's number).
/// In a candidate pattern the word <c>rc</c> just before <c>{n}</c> also matches <c>alpha</c>, <c>beta</c>
/// and <c>pre</c>, which keep their own word.
/// </summary>
internal sealed class RefPattern
{
    private static readonly string[] s_known = ["version", "series", "major", "minor", "patch", "build", "letter", "n"];

    private readonly Regex _regex;

    private RefPattern(string text, RefPatternKind kind)
    {
        Text = text;
        Kind = kind;
        _regex = Compile(text, kind);
    }

    /// <summary>The pattern as written.</summary>
    public string Text { get; }

    /// <summary>What it names.</summary>
    public RefPatternKind Kind { get; }

    /// <summary>Whether a branch pattern names one maintenance branch (no series in it).</summary>
    public bool IsSingleBranch => Kind == RefPatternKind.Branch && !Text.Contains('{');

    /// <summary>Compiles <paramref name="text"/>; throws when <see cref="Problem"/> finds something wrong.</summary>
    /// <exception cref="ArgumentException">The pattern is invalid.</exception>
    public static RefPattern Create(string text, RefPatternKind kind, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(text, parameterName);
        return Problem(text, kind) is { } problem ? throw new ArgumentException(problem, parameterName) : new RefPattern(text, kind);
    }

    /// <summary>
    /// Says what is wrong with <paramref name="pattern"/> (a missing or unknown placeholder, a character
    /// git refuses in ref names), or null when it is valid.
    /// </summary>
    public static string? Problem(string pattern, RefPatternKind kind)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var names = new List<string>();
        var stripped = new StringBuilder();
        var rest = pattern;
        while (rest.Length > 0)
        {
            var open = rest.IndexOf('{');
            var close = open < 0 ? -1 : rest.IndexOf('}', open);
            if (open < 0 || close < 0)
            {
                stripped.Append(rest);
                break;
            }

            stripped.Append(rest[..open]);
            names.Add(rest[(open + 1)..close]);
            rest = rest[(close + 1)..];
        }

        var allowed = kind switch
        {
            RefPatternKind.Tag => "{version} (or {major}, {minor}, {patch}, {build}, {letter})",
            RefPatternKind.Candidate => "{version} or {series} (or {major}, {minor}, {patch}, {build}, {letter}) and {n}",
            _ => "{series} (or {major} and {minor})",
        };
        var has = (string name) => names.Contains(name);
        var versionParts = names.Any(n => n is "major" or "minor" or "patch" or "build" or "letter");
        var hasVersion = has("version") || (kind == RefPatternKind.Candidate && has("series")) || versionParts;
        if (kind != RefPatternKind.Branch && !hasVersion)
        {
            return $"the pattern \"{pattern}\" has no {{version}}; write it where the value goes, e.g. \"{Example(kind)}\"";
        }

        if (kind == RefPatternKind.Candidate && !has("n"))
        {
            return $"the pattern \"{pattern}\" has no {{n}}; write it where the value goes, e.g. \"{Example(kind)}\"";
        }

        if (stripped.ToString().Contains('{') || stripped.ToString().Contains('}') || names.Any(n => !s_known.Contains(n)) || names.Count != names.Distinct().Count()
            || (kind != RefPatternKind.Candidate && has("n"))
            || (kind == RefPatternKind.Tag && has("series"))
            || (kind == RefPatternKind.Branch && names.Any(n => n is not ("series" or "major" or "minor"))))
        {
            return $"the pattern \"{pattern}\" has an unknown placeholder; only {allowed} may appear";
        }

        if ((has("version") || has("series")) && versionParts || (has("version") && has("series")) || (has("major") != has("minor")) || (has("build") && !has("patch")))
        {
            return $"the pattern \"{pattern}\" mixes placeholders; write either {{version}} (or {{series}}) or its parts {{major}}, {{minor}}, {{patch}} in order";
        }

        if (stripped.ToString().Any(c => char.IsControl(c) || c is ' ' or '~' or '^' or ':' or '?' or '*' or '[' or '\\') || pattern.StartsWith('-'))
        {
            return $"the pattern \"{pattern}\" holds a character git does not allow in ref names";
        }

        return null;
    }

    /// <summary>Reads a tag or branch name; the match's groups hold the parts, or null when it does not match.</summary>
    public Match? Match(string name)
    {
        var match = _regex.Match(name);
        return match.Success ? match : null;
    }

    /// <summary>The version a match names, false when its numbers are out of range.</summary>
    public static bool TryVersion(Match match, out ReleaseVersion version)
    {
        version = default;
        if (match.Groups["version"].Success)
        {
            return ReleaseVersion.TryParse(match.Groups["version"].Value, out version);
        }

        if (match.Groups["series"].Success)
        {
            if (!SeriesId.TryParse(match.Groups["series"].Value, out var series))
            {
                return false;
            }

            version = new ReleaseVersion(series.Major, series.Minor, 0);
            return true;
        }

        int patch = 0, build = 0;
        if (!ReleaseVersion.TryParsePart(match.Groups["major"].Value, out var major)
            || !ReleaseVersion.TryParsePart(match.Groups["minor"].Value, out var minor)
            || (match.Groups["patch"].Success && !ReleaseVersion.TryParsePart(match.Groups["patch"].Value, out patch))
            || (match.Groups["build"].Success && !ReleaseVersion.TryParsePart(match.Groups["build"].Value, out build)))
        {
            return false;
        }

        var letter = match.Groups["letter"].Success && match.Groups["letter"].Length > 0 ? match.Groups["letter"].Value : null;
        version = new ReleaseVersion(major, minor, patch, build, letter);
        return true;
    }

    /// <summary>The name this pattern gives <paramref name="version"/> (release tags and branches).</summary>
    public string Format(ReleaseVersion version) => Text
        .Replace("{version}", version.ToString(), StringComparison.Ordinal)
        .Replace("{series}", version.Series.ToString(), StringComparison.Ordinal)
        .Replace("{major}", version.Major.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{minor}", version.Minor.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{patch}", version.Patch.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{build}", version.Build.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{letter}", version.Letter ?? string.Empty, StringComparison.Ordinal);

    private static string Example(RefPatternKind kind) => kind switch
    {
        RefPatternKind.Candidate => "{version}-rc{n}",
        RefPatternKind.Branch => "stable-{series}",
        _ => "RELEASE-{version}",
    };

    private static Regex Compile(string pattern, RefPatternKind kind)
    {
        var builder = new StringBuilder("^");
        var rest = pattern;
        while (rest.Length > 0)
        {
            var open = rest.IndexOf('{');
            if (open < 0)
            {
                builder.Append(Literal(rest, kind, beforeNumber: false));
                break;
            }

            var close = rest.IndexOf('}', open);
            var name = rest[(open + 1)..close];
            builder.Append(Literal(rest[..open], kind, beforeNumber: name == "n"));
            builder.Append(name switch
            {
                "version" => @"(?<version>\d+\.\d+(?:\.\d+(?:\.\d+)?(?:[a-z]{1,2})?)?)",
                "series" => @"(?<series>\d+\.\d+)",
                "letter" => @"(?<letter>[a-z]{0,2})",
                _ => $@"(?<{name}>\d+)",
            });
            rest = rest[(close + 1)..];
        }

        return new Regex(builder.Append('$').ToString(), RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture);
    }

    private static string Literal(string text, RefPatternKind kind, bool beforeNumber)
    {
        // "-rc{n}" and "-rc.{n}" also read "-alpha1", "-beta.2", "-pre3": the word is kept as the stage.
        if (kind == RefPatternKind.Candidate && beforeNumber)
        {
            var word = text.EndsWith("rc.", StringComparison.Ordinal) ? text.Length - 3 : text.EndsWith("rc", StringComparison.Ordinal) ? text.Length - 2 : -1;
            if (word >= 0)
            {
                return Regex.Escape(text[..word]) + "(?<stage>alpha|beta|pre|rc)" + Regex.Escape(text[(word + 2)..]);
            }
        }

        return Regex.Escape(text);
    }
}
