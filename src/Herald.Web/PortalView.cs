using Herald.Publishing;
using Herald.Storage;

namespace Herald.Web;

/// <summary>
/// What the portal serves at one moment: the snapshot and what the configuration says around it. Swapped
/// whole (<see cref="PortalState.View"/>); a request reads it once, so that it never sees half an update.
/// </summary>
/// <param name="Snapshot">The index snapshot, or null before the first index.</param>
/// <param name="Database">The database the index lives in, or null before the first refresh opened it.</param>
/// <param name="CadenceMonths">The cadence the project expects (months between point releases).</param>
/// <param name="Store">Where published files live (DATA/artifacts, a folder, or S3), or null before the first refresh.</param>
/// <param name="KeysFolder">The folder of the release key (DATA/keys), or null before the first refresh.</param>
/// <param name="DownloadSettings">Download redirects and mirrors from the configuration.</param>
/// <param name="Slug">The project's slug (the download layout's second segment).</param>
/// <param name="LastError">The last index error, shown on /healthz while there is no snapshot; null after a good refresh.</param>
/// <param name="News">The published posts and categories.</param>
/// <param name="Mail">Where posts are mailed (<c>[mail]</c>), or null when not configured.</param>
/// <param name="PortalUrl">The portal's public address (<c>[project] url</c>), or null.</param>
/// <param name="Links">The project's home page, wiki and repository browser (<c>[project]</c>), or null before the first refresh.</param>
/// <param name="Security">Where advisory and CVE ids link to (<c>[security]</c>), or null before the first refresh.</param>
public sealed record PortalView(
    IndexSnapshot? Snapshot,
    IndexDatabase? Database,
    int CadenceMonths,
    IArtifactStore? Store,
    string? KeysFolder,
    DownloadSettings DownloadSettings,
    string Slug,
    string? LastError,
    Herald.News.NewsSnapshot News,
    Herald.Mail.MailSettings? Mail = null,
    Uri? PortalUrl = null,
    Herald.Configuration.ProjectLinks? Links = null,
    Herald.Configuration.SecuritySettings? Security = null)
{
    /// <summary>
    /// Every managed advisory, whatever its state: never shown without asking it (<see cref="Herald.Advisories.AdvisoryDesk.Visible"/>,
    /// <see cref="Herald.Advisories.AdvisoryDesk.Find"/>, <see cref="Herald.Advisories.AdvisoryDesk.Hidden"/>) for the request's viewer.
    /// </summary>
    public Herald.Advisories.AdvisoryDesk Desk { get; init; } = Herald.Advisories.AdvisoryDesk.Empty;

    /// <summary>The view before the first refresh: no snapshot, no database, the configuration's defaults.</summary>
    public static PortalView Empty { get; } = new(null, null, 4, null, null, new DownloadSettings(), "project", null, Herald.News.NewsSnapshot.Empty);

    /// <summary>
    /// The configured public address absolute links are made on (<c>[downloads] base_url</c>, else <c>[project] url</c>),
    /// without a trailing '/'; null when neither is set. Never the request's Host.
    /// </summary>
    public string? PublicOrigin => (DownloadSettings.BaseUrl ?? PortalUrl)?.AbsoluteUri.TrimEnd('/');

    /// <summary>A portal path as published: absolute under <see cref="PublicOrigin"/> when one is configured, else as given.</summary>
    public string PublicUrl(string path) => PublicOrigin is { } origin ? origin + path : path;

    /// <summary>
    /// The Atom id of <paramref name="path"/>: its public address when one is configured, else a tag: URI
    /// (RFC 4151) named by the project's slug. Either way the same whatever the request says.
    /// </summary>
    public string FeedId(string path) => PublicOrigin is { } origin ? origin + path : $"tag:herald,2026:{Slug}{path}";
}
