using Herald.History;

namespace Herald.Releases;

/// <summary>
/// Turns what a user typed (<c>4.9.0</c>, <c>4.8.0..4.9.0</c>, <c>RELEASE-4.8.0..stable-4.9</c>,
/// <c>master</c>) into a <see cref="Target"/>, checking that every ref exists.
/// </summary>
public sealed class TargetResolver
{
    private readonly GitRepository _repository;
    private readonly ReleaseCatalog _catalog;

    /// <summary>Creates a resolver over a repository and its releases.</summary>
    public TargetResolver(GitRepository repository, ReleaseCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(catalog);
        _repository = repository;
        _catalog = catalog;
    }

    /// <summary>Resolves <paramref name="text"/>.</summary>
    /// <exception cref="HeraldException">Unknown version or ref, or a malformed target.</exception>
    public Target Resolve(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.Trim();
        if (text.Length == 0)
        {
            throw new HeraldException("no target given; name a version (4.9.0), a range (A..B) or a ref (master).");
        }

        var dots = text.IndexOf("..", StringComparison.Ordinal);
        if (dots >= 0)
        {
            if (text.Contains("...", StringComparison.Ordinal))
            {
                throw new HeraldException($"'{text}': symmetric ranges (A...B) are not supported; write A..B.");
            }

            var fromText = text[..dots];
            var toText = text[(dots + 2)..];
            // As in git, a missing end is HEAD: "..X" is "HEAD..X", "X.." is "X..HEAD".
            var to = toText.Length == 0 ? "HEAD" : Reference(toText);
            var from = fromText.Length == 0 ? "HEAD" : Reference(fromText);
            return new Target(text, Display(fromText, from), Display(toText, to), [to, "^" + from], null, null);
        }

        if (ReleaseVersion.TryParse(text, out var version))
        {
            var release = _catalog.Find(version);
            if (release is not null)
            {
                var range = ReleaseRange.For(_catalog, release);
                return new Target(text, range.From?.Tag, release.Tag, range.Revisions, release, range.From);
            }

            if (!Exists(text))
            {
                throw new HeraldException($"no release {version} (no tag {_catalog.Scheme.TagFor(version)}); 'herald releases' lists the releases.");
            }
        }

        var reference = Reference(text);
        return new Target(text, null, text, [reference], null, null);
    }

    /// <summary>
    /// The fully qualified ref for a version or a ref name; throws when it does not exist.
    /// </summary>
    private string Reference(string text)
    {
        if (ReleaseVersion.TryParse(text, out var version) && _catalog.Find(version) is { } release)
        {
            return release.TagRef;
        }

        RevisionName.Validate(text);
        if (!Exists(text))
        {
            if (!_repository.TryRun(out var any, "rev-list", "-n", "1", "--all") || any.Length == 0)
            {
                throw new HeraldException($"repository '{_repository.Path}' has no commits yet; there is nothing to count.");
            }

            if (Ambiguous(text) is { Count: > 0 } candidates)
            {
                throw new HeraldException($"'{text}' is ambiguous: {candidates.Count} commits start with it ({string.Join(", ", candidates.Take(5))}{(candidates.Count > 5 ? ", …" : string.Empty)}); give more digits of the commit id.");
            }

            throw new HeraldException($"unknown revision '{text}': no tag, branch or commit has that name; check 'git tag' and 'git branch -a'.");
        }

        return text;
    }

    // git lists every object that starts with an ambiguous abbreviation ("hint:   abc1143835 commit 2019-…").
    private List<string> Ambiguous(string text)
    {
        if (text.Length is < 4 or > 39 || !text.All(char.IsAsciiHexDigit))
        {
            return [];
        }

        _repository.TryRun(out _, out var error, "rev-parse", "--verify", "--end-of-options", text + "^{commit}");
        if (!error.Contains("is ambiguous", StringComparison.Ordinal))
        {
            return [];
        }

        return [.. error.Split('\n')
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(words => words.Length >= 3 && words[0] == "hint:" && words[2] == "commit")
            .Select(words => words[1])];
    }

    private bool Exists(string revision) =>
        !revision.StartsWith('-') && _repository.TryRun(out _, "rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}");

    private static string Display(string typed, string resolved) =>
        resolved.StartsWith("refs/tags/", StringComparison.Ordinal) ? resolved["refs/tags/".Length..] : typed.Length == 0 ? resolved : typed;
}
