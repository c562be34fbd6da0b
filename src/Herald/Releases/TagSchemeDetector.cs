using System.Text.RegularExpressions;

namespace Herald.Releases;

/// <summary>
/// Chooses a <see cref="TagScheme"/> from the tags and branches that exist when no configuration names
/// one: the release pattern that matches the most tags among <c>v{version}</c>, <c>{version}</c>,
/// <c>RELEASE-{version}</c> and <c>name-{version}</c>, then the candidate and branch patterns that match
/// the most refs.
/// </summary>
public static partial class TagSchemeDetector
{
    private static readonly string[] s_releasePatterns = ["RELEASE-{version}", "v{version}", "{version}", "release-{version}"];
    private static readonly string[] s_branchPatterns = ["stable-{series}", "stable/{series}", "release-{series}", "release/{series}", "{series}.x", "v{series}.x", "{series}", "stable-{series}.x"];

    /// <summary>The detected scheme and a sentence saying what was chosen and why.</summary>
    public static (TagScheme Scheme, string Note) Detect(RefListing refs)
    {
        ArgumentNullException.ThrowIfNull(refs);
        var tags = refs.Tags.Select(t => t.Name).ToList();
        var releasePatterns = s_releasePatterns.Concat(NamePrefixes(tags).Select(p => p + "-{version}")).Distinct();
        var (releasePattern, releaseCount) = Best(releasePatterns, p => Count(tags, new TagScheme(p, "{version}-rc{n}", "stable-{series}"), Kind.Release));

        var stem = releasePattern.Replace("{version}", string.Empty, StringComparison.Ordinal);
        var candidatePatterns = new[]
        {
            releasePattern + "-rc{n}", releasePattern + "rc{n}", releasePattern + "-rc.{n}",
            "{version}-rc{n}", "v{version}-rc{n}", stem + "{version}-rc{n}",
        }.Distinct();
        var (candidatePattern, candidateCount) = Best(candidatePatterns, p => Count(tags, new TagScheme(releasePattern, p, "stable-{series}"), Kind.Candidate));
        if (candidateCount == 0)
        {
            candidatePattern = releasePattern + "-rc{n}";
        }

        var branches = refs.Branches.Keys.ToList();
        var branchPatterns = s_branchPatterns.Concat(NamePrefixes(tags).Select(p => p + "-{series}")).Distinct();
        var (branchPattern, branchCount) = Best(branchPatterns, p => branches.Count(b => new TagScheme(releasePattern, candidatePattern, p).TryParseBranch(b, out _)));
        if (branchCount == 0)
        {
            branchPattern = "stable-{series}";
        }

        var scheme = new TagScheme(releasePattern, candidatePattern, branchPattern);
        var note = releaseCount == 0
            ? $"no herald.toml and no release tags found; assuming {scheme}"
            : $"no herald.toml; detected {scheme} ({releaseCount} release tags, {candidateCount} candidates, {branchCount} stable branches)";
        return (scheme, note);
    }

    private enum Kind
    {
        Release,
        Candidate,
    }

    private static int Count(IEnumerable<string> tags, TagScheme scheme, Kind kind) =>
        tags.Count(t => kind == Kind.Release ? scheme.TryParseRelease(t, out _) : scheme.TryParseCandidate(t, out _, out _));

    private static (string Pattern, int Count) Best(IEnumerable<string> patterns, Func<string, int> count)
    {
        var best = (Pattern: string.Empty, Count: -1);
        foreach (var pattern in patterns)
        {
            if (TagScheme.Problem(pattern, pattern.Contains("{n}") ? RefPatternKind.Candidate : pattern.Contains("{series}") ? RefPatternKind.Branch : RefPatternKind.Tag) is not null)
            {
                continue;
            }

            var value = count(pattern);
            if (value > best.Count)
            {
                best = (pattern, value);
            }
        }

        return best;
    }

    private static IEnumerable<string> NamePrefixes(IEnumerable<string> tags) =>
        tags.Select(t => NamePrefix().Match(t))
            .Where(m => m.Success)
            .GroupBy(m => m.Groups["name"].Value, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
            .Take(3)
            .Select(g => g.Key);

    [GeneratedRegex(@"^(?<name>[A-Za-z][A-Za-z0-9_.]*?)-\d+\.\d+(\.\d+)?$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex NamePrefix();
}
