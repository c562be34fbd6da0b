using System.Globalization;
using System.Text.RegularExpressions;
using Herald.History;
using Herald.Releases;

namespace Herald.Announcements;

/// <summary>
/// Reads release notes: a <c>CHANGELOG.md</c> in Keep a Changelog form (<c>## [4.19.0](link) - 2024-07-29</c>,
/// <c>## 4.19.0 - 2024-07-29</c>, <c>## [Unreleased]</c>, each with <c>### Added</c>, <c>### Changed</c> …),
/// and notes files split by their headings. Headings inside fenced code blocks are text, not headings.
/// </summary>
public static partial class ReleaseNotes
{
    /// <summary>The file a project's tree keeps its changelog in.</summary>
    public const string ChangelogFile = "CHANGELOG.md";

    /// <summary>Every release section of <paramref name="changelog"/>, in document order.</summary>
    public static IReadOnlyList<ChangelogSection> Parse(string changelog)
    {
        ArgumentNullException.ThrowIfNull(changelog);
        var result = new List<ChangelogSection>();
        foreach (var (heading, body) in Split(changelog, 2).Sections)
        {
            var match = ReleaseHeading().Match(heading);
            if (!match.Success)
            {
                continue;
            }

            var name = match.Groups["name"].Value.Trim();
            DateOnly? date = DateOnly.TryParseExact(match.Groups["date"].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
            var link = match.Groups["link"].Success && match.Groups["link"].Value.Length > 0 ? match.Groups["link"].Value : null;
            result.Add(new ChangelogSection(name, date, link, body, Sections(body, 3)));
        }

        return result;
    }

    /// <summary>
    /// The section of <paramref name="version"/> in <paramref name="changelog"/> (a version like <c>4.19.0</c>,
    /// matched by value so <c>4.19</c> and <c>v4.19.0</c> headings count, or <c>Unreleased</c>); null when there is none.
    /// </summary>
    public static ChangelogSection? Find(string changelog, string version)
    {
        ArgumentNullException.ThrowIfNull(version);
        var wanted = ReleaseVersion.TryParse(version, out var v) ? v : (ReleaseVersion?)null;
        return Parse(changelog).FirstOrDefault(s => wanted is { } w
            ? ReleaseVersion.TryParse(s.Name.TrimStart('v', 'V'), out var found) && found == w
            : string.Equals(s.Name, version, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// The headings of level <paramref name="level"/> (2 for <c>##</c>) of <paramref name="markdown"/> and
    /// what follows each; text before the first such heading is left out.
    /// </summary>
    public static IReadOnlyList<MarkdownSection> Sections(string markdown, int level)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        return [.. Split(markdown, level).Sections.Select(s => new MarkdownSection(s.Heading, s.Body))];
    }

    /// <summary>The text of <paramref name="markdown"/> before its first heading of level <paramref name="level"/>, trimmed.</summary>
    public static string Preamble(string markdown, int level)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        return Split(markdown, level).Preamble;
    }

    /// <summary>
    /// The text of <see cref="ChangelogFile"/> (or <paramref name="path"/>) at each of <paramref name="tags"/>,
    /// read by one <c>git cat-file --batch</c> process; null where a tag's tree has no such file.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> ReadChangelogs(GitRepository repository, IEnumerable<string> tags, string path = ChangelogFile)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(tags);
        var list = tags.Distinct(StringComparer.Ordinal).ToList();
        var texts = BlobReader.Read(repository, [.. list.Select(tag => $"refs/tags/{tag}:{path}")]);
        return list.ToDictionary(tag => tag, tag => texts[$"refs/tags/{tag}:{path}"], StringComparer.Ordinal);
    }

    private static (string Preamble, List<(string Heading, string Body)> Sections) Split(string markdown, int level)
    {
        var marker = new string('#', level) + " ";
        var lines = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var sections = new List<(string Heading, string Body)>();
        var preamble = new List<string>();
        List<string>? current = null;
        string? heading = null;
        string? fence = null;
        foreach (var line in lines)
        {
            var trimmed = line.TrimStart();
            if (fence is null && (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal)))
            {
                fence = trimmed[..3];
            }
            else if (fence is not null && trimmed.StartsWith(fence, StringComparison.Ordinal))
            {
                fence = null;
            }
            else if (fence is null && (line.StartsWith(marker, StringComparison.Ordinal) || line == marker.TrimEnd()))
            {
                if (heading is not null)
                {
                    sections.Add((heading, Trim(current!)));
                }

                heading = line[marker.Length..].Trim().TrimEnd('#').Trim();
                current = [];
                continue;
            }

            (current ?? preamble).Add(line);
        }

        if (heading is not null)
        {
            sections.Add((heading, Trim(current!)));
        }

        return (Trim(preamble), sections);
    }

    private static string Trim(List<string> lines)
    {
        var start = 0;
        var end = lines.Count;
        while (start < end && string.IsNullOrWhiteSpace(lines[start]))
        {
            start++;
        }

        while (end > start && string.IsNullOrWhiteSpace(lines[end - 1]))
        {
            end--;
        }

        return string.Join('\n', lines.Skip(start).Take(end - start).Select(l => l.TrimEnd()));
    }

    // "## [4.19.0](https://…) - 2024-07-29", "## 4.19.0 - 2024-07-29", "## [Unreleased]", "## v1.2 (2024-01-02)".
    [GeneratedRegex(@"^(?:\[(?<name>[^\]]+)\](?:\((?<link>[^)\s]*)\))?|(?<name>[^\s\[\]]+))(?:\s*(?:-|–|—)?\s*\(?(?<date>\d{4}-\d{2}-\d{2})\)?)?", RegexOptions.CultureInvariant)]
    private static partial Regex ReleaseHeading();
}
