using Herald.Configuration;

namespace Herald.Announcements;

/// <summary>
/// <c>[announce]</c>: what release announcements say beyond what the repository knows: the maintenance
/// policy's page, an external shortlog, the release managers, the sections of a major release's notes
/// and its introduction.
/// </summary>
public sealed record AnnounceSettings
{
    /// <summary>The table's name at the top level of <c>herald.toml</c>.</summary>
    internal const string Key = "announce";

    /// <summary>The sections of a major release's notes when <c>sections</c> is not set, in order.</summary>
    public static IReadOnlyList<string> DefaultSections { get; } =
        ["New Features", "Improvements to Existing Functionality", "Multi-Release Long-Term Development"];

    /// <summary>The page of the project's maintenance policy (<c>policy_url</c>), or null to leave the sentence out.</summary>
    public Uri? PolicyUrl { get; init; }

    /// <summary>
    /// A shortlog address with <c>{branch}</c> and <c>{tag}</c> placeholders (<c>shortlog_url</c>), for an
    /// external gitweb; null for the portal's <c>/log/{branch}</c>.
    /// </summary>
    public string? ShortlogUrl { get; init; }

    /// <summary>Who managed the release (<c>release_manager</c>), or null; <c>--release-manager</c> wins.</summary>
    public string? ReleaseManager { get; init; }

    /// <summary>Who manages the next release (<c>next_release_manager</c>), or null.</summary>
    public string? NextReleaseManager { get; init; }

    /// <summary>
    /// The sections of a major release's notes, in order (<c>sections</c>); a CHANGELOG's <c>### Added</c>
    /// fills the first, <c>### Changed</c> the second.
    /// </summary>
    public IReadOnlyList<string> Sections { get; init; } = DefaultSections;

    /// <summary>The introduction of a major release's announcement (<c>intro</c>, Markdown), or null for Herald's.</summary>
    public string? Intro { get; init; }

    /// <summary>Reads <c>[announce]</c> of <paramref name="root"/>; defaults when absent.</summary>
    internal static AnnounceSettings Read(TomlSection root)
    {
        var section = root.Table(Key, "policy_url", "shortlog_url", "release_manager", "next_release_manager", "sections", "intro");
        if (!section.IsPresent)
        {
            return new AnnounceSettings();
        }

        var shortlog = section.String("shortlog_url");
        if (shortlog is not null)
        {
            var sample = shortlog.Replace("{branch}", "b", StringComparison.Ordinal).Replace("{tag}", "t", StringComparison.Ordinal);
            if (!Uri.TryCreate(sample, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                throw section.Error("shortlog_url", $"{section.NameOf("shortlog_url")} \"{shortlog}\" must be an absolute http or https URL with {{branch}} or {{tag}}, e.g. \"https://xenbits.xen.org/gitweb/?p=xen.git;a=shortlog;h=refs/heads/{{branch}}\".");
            }
        }

        var sections = section.Strings("sections");
        if (sections is not null && sections.Any(string.IsNullOrWhiteSpace))
        {
            throw section.Error("sections", $"{section.NameOf("sections")} holds an empty name; list the section titles, e.g. [\"New Features\", \"Improvements\"].");
        }

        return new AnnounceSettings
        {
            PolicyUrl = section.HttpUrl("policy_url"),
            ShortlogUrl = shortlog,
            ReleaseManager = NonEmpty(section.String("release_manager")),
            NextReleaseManager = NonEmpty(section.String("next_release_manager")),
            Sections = sections is null ? DefaultSections : [.. sections.Select(s => s.Trim())],
            Intro = NonEmpty(section.String("intro")),
        };
    }

    private static string? NonEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
