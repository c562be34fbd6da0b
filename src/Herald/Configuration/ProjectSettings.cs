using Herald.History;

namespace Herald.Configuration;

/// <summary><c>[project]</c>: the project's name and slug, each named after the repository's folder when not set, and the portal's address.</summary>
/// <param name="Name">The display name, e.g. "Xen Project".</param>
/// <param name="Slug">The short name of artifacts, URLs and the data folder, e.g. "xen".</param>
/// <param name="Url">The portal's public address (<c>url</c>, absolute http or https), or null.</param>
/// <param name="Links">The project's home page, wiki and repository browser (<c>homepage</c>, <c>wiki</c>, <c>repository_url</c>), or null.</param>
internal sealed record ProjectSettings(string Name, string Slug, Uri? Url = null, ProjectLinks? Links = null)
{
    /// <summary>The table's name at the top level of <c>herald.toml</c>.</summary>
    public const string Key = "project";

    /// <summary>Name and slug from the repository's folder, as when nothing is configured.</summary>
    public static ProjectSettings Detect(GitRepository repository)
    {
        var name = DefaultName(repository);
        return new ProjectSettings(name, Slugify(name));
    }

    /// <summary>Reads <c>[project]</c> of <paramref name="root"/>; absent keys are detected from <paramref name="repository"/>.</summary>
    public static ProjectSettings Read(TomlSection root, GitRepository repository)
    {
        var section = root.Table(Key, "name", "slug", "url", "homepage", "wiki", "repository_url");
        var name = section.String("name") ?? DefaultName(repository);
        var slug = section.String("slug") ?? Slugify(name);
        if (slug.Length == 0 || slug.Length > 64 || !slug.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_' or '.') || slug.StartsWith('.'))
        {
            throw section.Error("slug", $"slug \"{slug}\" may hold only lower-case letters, digits, '-', '_' and '.' (at most 64), e.g. slug = \"xen\".");
        }

        return new ProjectSettings(name, slug, section.HttpUrl("url"), ProjectLinks.Read(section));
    }

    /// <summary>Makes a slug (lower-case letters, digits, '-', '_', '.'; at most 64) from a project name.</summary>
    public static string Slugify(string name)
    {
        var chars = name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-').ToArray();
        var slug = new string(chars).Trim('-', '.');
        while (slug.Contains("--", StringComparison.Ordinal))
        {
            slug = slug.Replace("--", "-", StringComparison.Ordinal);
        }

        return slug.Length == 0 ? "project" : slug[..Math.Min(slug.Length, 64)];
    }

    private static string DefaultName(GitRepository repository)
    {
        var name = Path.GetFileName(repository.Path.TrimEnd(Path.DirectorySeparatorChar));
        if (name is "repo" or ".git")
        {
            name = Path.GetFileName(Path.GetDirectoryName(repository.Path.TrimEnd(Path.DirectorySeparatorChar))) ?? name;
        }

        if (name.EndsWith(".git", StringComparison.Ordinal))
        {
            name = name[..^4];
        }

        return name.Length == 0 ? "project" : name;
    }
}
