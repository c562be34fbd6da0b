using Herald.Policy;
using Herald.Releases;

namespace Herald.Configuration;

/// <summary>
/// Herald's configuration for one project: what <c>herald.toml</c> says, or what Herald detected when
/// there is none. Immutable.
/// </summary>
public sealed record HeraldConfig
{
    /// <summary>The project's display name, e.g. "Xen Project".</summary>
    public required string ProjectName { get; init; }

    /// <summary>The short name used in artifact names, URLs and the default data folder, e.g. "xen".</summary>
    public required string Slug { get; init; }

    /// <summary>
    /// The portal's public address (<c>[project] url</c>, absolute http or https): links in announcements are
    /// absolute on it; null for root-relative links (<c>/releases/4.8.1</c>).
    /// </summary>
    public Uri? PortalUrl { get; init; }

    /// <summary>The project's home page, wiki and repository browser (<c>[project] homepage</c>, <c>wiki</c>, <c>repository_url</c>).</summary>
    public ProjectLinks Links { get; init; } = new();

    /// <summary>Where advisory and CVE ids link to (<c>[security]</c>); no links when not configured.</summary>
    public SecuritySettings Security { get; init; } = new();

    /// <summary>The portal's own settings (<c>[portal]</c>): the proxies whose forwarded headers are believed.</summary>
    public PortalSettings Portal { get; init; } = new();

    /// <summary>How release tags, candidate tags and stable branches are named.</summary>
    public required TagScheme Scheme { get; init; }

    /// <summary>The development branch stable branches fork from (<c>[releases] mainline</c>); null to detect (master, main, HEAD).</summary>
    public string? Mainline { get; init; }

    /// <summary>The gitdm aliases file (absolute path), or null.</summary>
    public string? AliasesPath { get; init; }

    /// <summary>The gitdm domain-map file (absolute path), or null.</summary>
    public string? DomainMapPath { get; init; }

    /// <summary>Whether Herald's built-in map of well-known company domains is used beneath the project's own.</summary>
    public bool UseBuiltInDomainMap { get; init; } = true;

    /// <summary>The maintenance policy (<c>[policy]</c>); <see cref="PolicySettings.BuiltIn"/> when not configured.</summary>
    public PolicySettings Policy { get; init; } = PolicySettings.BuiltIn;

    /// <summary>The index database (<c>[storage] database</c>): a PostgreSQL connection string, or null for SQLite in the data folder.</summary>
    public string? Database { get; init; }

    /// <summary>Public download locations, redirects from old ones, mirrors (<c>[downloads]</c>).</summary>
    public Publishing.DownloadSettings Downloads { get; init; } = new();

    /// <summary>The SMTP server and mailing lists posts are sent to (<c>[mail]</c>), or null when not configured.</summary>
    public Mail.MailSettings? Mail { get; init; }

    /// <summary>What release announcements say beyond the repository (<c>[announce]</c>).</summary>
    public Announcements.AnnounceSettings Announce { get; init; } = new();

    /// <summary>The configuration file read, or null when everything was detected.</summary>
    public string? SourcePath { get; init; }

    /// <summary>A sentence saying what was detected rather than configured, or null.</summary>
    public string? DetectionNote { get; init; }

    /// <summary>A portal path as links outside the portal give it: absolute on <see cref="PortalUrl"/> when set, else as given (root-relative).</summary>
    public string PortalLink(string path) => Link(PortalUrl, path);

    /// <summary><paramref name="path"/> absolute on <paramref name="portalUrl"/> when one is given, else as given.</summary>
    public static string Link(Uri? portalUrl, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return portalUrl is null ? path : portalUrl.AbsoluteUri.TrimEnd('/') + path;
    }
}
