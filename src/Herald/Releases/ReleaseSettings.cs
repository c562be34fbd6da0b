using Herald.Configuration;
using Herald.History;

namespace Herald.Releases;

/// <summary>
/// <c>[releases]</c>: the tag scheme (what the file leaves out is detected from the tags) and the
/// development branch.
/// </summary>
/// <param name="Scheme">The tag scheme.</param>
/// <param name="Mainline">The development branch, or null to detect it.</param>
/// <param name="DetectionNote">A sentence saying which patterns were detected rather than configured, or null.</param>
internal sealed record ReleaseSettings(TagScheme Scheme, string? Mainline, string? DetectionNote)
{
    /// <summary>The table's name at the top level of <c>herald.toml</c>.</summary>
    public const string Key = "releases";

    /// <summary>
    /// Reads <c>[releases]</c> of <paramref name="root"/>, reading the refs through <paramref name="refs"/>
    /// only to detect what it leaves out, or to check that each release tag pattern matches a tag (not in a
    /// shallow clone, which lacks tags).
    /// </summary>
    public static ReleaseSettings Read(TomlSection root, GitRepository repository, Lazy<RefListing> refs)
    {
        var section = root.Table(Key, "tag", "candidate", "branch", "mainline");
        var mainline = section.String("mainline");
        if (mainline is not null && (mainline.Length == 0 || mainline.StartsWith('-') || mainline.Any(c => char.IsControl(c) || c is ' ' or ':' or '~' or '^' or '?' or '*' or '[' or '\\')))
        {
            throw section.Error("mainline", $"{section.NameOf("mainline")} \"{mainline}\" is not a branch name; write the development branch, e.g. mainline = \"master\".");
        }

        var tag = Patterns(section, "tag", RefPatternKind.Tag);
        var candidate = Patterns(section, "candidate", RefPatternKind.Candidate);
        var branch = Patterns(section, "branch", RefPatternKind.Branch);
        if (branch is { Count: > 1 })
        {
            throw section.Error("branch", $"{section.NameOf("branch")} must be one pattern in quotes, e.g. branch = \"stable-{{series}}\".");
        }

        TagScheme scheme;
        string? note = null;
        if (tag is null || candidate is null || branch is null)
        {
            var (detected, _) = TagSchemeDetector.Detect(refs.Value);
            var tagPatterns = tag ?? detected.TagPatterns;
            var candidatePatterns = candidate ?? (tag is null ? detected.CandidatePatterns : [.. tagPatterns.Select(p => p + "-rc{n}")]);
            scheme = new TagScheme(tagPatterns, candidatePatterns, branch?[0] ?? detected.BranchPattern);
            var guessed = new List<string>();
            if (tag is null)
            {
                guessed.Add($"tags {string.Join(" or ", scheme.TagPatterns)}");
            }

            if (candidate is null)
            {
                guessed.Add($"candidates {string.Join(" or ", scheme.CandidatePatterns)}");
            }

            if (branch is null)
            {
                guessed.Add($"branches {scheme.BranchPattern}");
            }

            note = $"detected {string.Join(", ", guessed)} ({section.FilePath} does not set them)";
        }
        else
        {
            scheme = new TagScheme(tag, candidate, branch[0]);
        }

        if (!repository.IsShallow)
        {
            // A shallow clone lacks tags; the verbs that need history refuse it with their own message.
            RejectUnmatched(section, tag, refs);
        }

        return new ReleaseSettings(scheme, mainline, note);
    }

    private static IReadOnlyList<string>? Patterns(TomlSection section, string key, RefPatternKind kind)
    {
        var patterns = section.Strings(key);
        foreach (var pattern in patterns ?? [])
        {
            if (TagScheme.Problem(pattern, kind) is { } problem)
            {
                throw section.Error(key, $"{section.NameOf(key)}: {problem}.");
            }
        }

        return patterns;
    }

    // A configured release tag pattern that names no tag at all is a typo or a scheme that changed: an
    // empty answer would look like a project without releases. A repository without tags yet is fine, and
    // so is a candidate pattern with no candidates (many projects tag none).
    private static void RejectUnmatched(TomlSection section, IReadOnlyList<string>? patterns, Lazy<RefListing> refs)
    {
        if (patterns is null || refs.Value.Tags.Count == 0)
        {
            return;
        }

        var tags = refs.Value.Tags.Select(t => t.Name).ToList();
        foreach (var pattern in patterns)
        {
            var compiled = RefPattern.Create(pattern, RefPatternKind.Tag, "tag");
            if (!tags.Any(t => compiled.Match(t) is { } match && RefPattern.TryVersion(match, out _)))
            {
                var closest = RefNames.Closest(pattern, tags, 3);
                throw section.Error("tag", $"{section.NameOf("tag")} \"{pattern}\" matches none of the repository's {tags.Count} tags (the closest: {string.Join(", ", closest)}); correct the pattern or remove it (placeholders: {{version}}, or {{major}}, {{minor}}, {{patch}}, {{build}}, {{letter}}).");
            }
        }
    }
}
