using Herald.Configuration;

namespace Herald.Publishing;

/// <summary>
/// <c>[downloads]</c>: where downloads live publicly, old locations that must keep working, mirrors.
/// </summary>
public sealed record DownloadSettings
{
    /// <summary>The table's name at the top level of <c>herald.toml</c>.</summary>
    internal const string Key = "downloads";

    /// <summary>
    /// The portal's public address (absolute http or https, <c>base_url</c>): download links on pages and
    /// every link in feeds are made absolute with it; null for links relative to the request.
    /// </summary>
    public Uri? BaseUrl { get; init; }

    /// <summary>The folder published files live in (<c>[downloads] store</c>), or null for <c>DATA/artifacts</c>.</summary>
    public string? StoreFolder { get; init; }

    /// <summary>The S3-compatible object store published files live in, or null for a folder.</summary>
    public S3StoreSettings? S3 { get; init; }

    /// <summary>Old locations answered with a permanent redirect to the same file at its new place.</summary>
    public IReadOnlyList<DownloadRedirect> Redirects { get; init; } = [];

    /// <summary>Mirrors of the download tree (each URL ends in '/'; a file's mirror URL is it plus the layout path).</summary>
    public IReadOnlyList<Uri> Mirrors { get; init; } = [];

    /// <summary>How often mirrors are checked (<c>mirror_check_minutes</c>), besides after every publish.</summary>
    public TimeSpan MirrorCheckInterval { get; init; } = TimeSpan.FromHours(6);

    /// <summary>How many development builds are kept per branch (<c>dev_keep</c>, 1 to 1000): <c>herald publish --dev</c> removes older ones.</summary>
    public int DevKeep { get; init; } = 10;

    /// <summary>The redirect target of <paramref name="path"/> (rest of the path and query kept), or null.</summary>
    public string? RedirectFor(string path, string query)
    {
        ArgumentNullException.ThrowIfNull(path);
        foreach (var redirect in Redirects)
        {
            if (path.StartsWith(redirect.From, StringComparison.Ordinal))
            {
                return redirect.To + path[redirect.From.Length..] + query;
            }
        }

        return null;
    }

    /// <summary>
    /// Reads <c>[downloads]</c> of <paramref name="root"/> with its store, redirects and mirrors; a folder
    /// store is relative to the configuration file.
    /// </summary>
    internal static DownloadSettings Read(TomlSection root)
    {
        var section = root.Table(Key, "base_url", "store", "s3", "redirect", "mirror", "mirror_check_minutes", "dev_keep");
        if (!section.IsPresent)
        {
            return new DownloadSettings();
        }

        var redirects = section.TableArray("redirect", "from", "to").Select(ReadRedirect).ToList();
        var mirrors = section.TableArray("mirror", "url").Select(ReadMirror).ToList();
        var (storeFolder, s3) = ReadStore(section);
        return new DownloadSettings
        {
            BaseUrl = section.HttpUrl("base_url"),
            StoreFolder = storeFolder,
            S3 = s3,
            Redirects = redirects,
            Mirrors = mirrors,
            MirrorCheckInterval = TimeSpan.FromMinutes(section.Integer("mirror_check_minutes", 1, 7 * 24 * 60) ?? 360),
            DevKeep = section.Integer("dev_keep", 1, 1000) ?? 10,
        };
    }

    private static DownloadRedirect ReadRedirect(TomlSection entry)
    {
        var from = entry.String("from");
        var to = entry.String("to");
        if (from is null || to is null)
        {
            throw entry.Error($"a [[{entry.Path}]] needs both 'from' and 'to', e.g. from = \"/oss-xen/release/\" and to = \"/downloads/release/xen/\".");
        }

        foreach (var (key, value) in new[] { ("from", from), ("to", to) })
        {
            if (!value.StartsWith('/') || value.Contains("..", StringComparison.Ordinal) || value.Any(c => char.IsControl(c) || c is '\\' or '?' or '#'))
            {
                throw entry.Error(key, $"{entry.NameOf(key)} \"{value}\" must be a plain path starting with '/', e.g. \"/oss-xen/release/\".");
            }
        }

        return new DownloadRedirect(from, to);
    }

    private static Uri ReadMirror(TomlSection entry)
    {
        var mirror = entry.HttpUrl("url") ?? throw entry.Error($"a [[{entry.Path}]] needs a 'url'.");
        if (mirror.Query.Length > 0 || mirror.Fragment.Length > 0)
        {
            throw entry.Error("url", $"{entry.NameOf("url")} \"{mirror}\" must be the mirror's folder, without '?' or '#'.");
        }

        // The layout path is appended to it: a folder URL.
        return mirror.AbsolutePath.EndsWith('/') ? mirror : new Uri(mirror.AbsoluteUri + "/");
    }

    /// <summary><c>store</c>: a folder (relative to the configuration file) or <c>s3://bucket/prefix</c> with <c>[downloads.s3]</c>.</summary>
    private static (string? Folder, S3StoreSettings? S3) ReadStore(TomlSection section)
    {
        var store = section.String("store");
        if (store is null || !store.StartsWith("s3:", StringComparison.Ordinal))
        {
            if (section.HasTable("s3"))
            {
                throw section.Error("s3", $"[{section.NameOf("s3")}] is only read with store = \"s3://bucket/prefix\"; set {section.NameOf("store")} or remove [{section.NameOf("s3")}].");
            }

            if (store is not null && (store.Length == 0 || store.Contains("://", StringComparison.Ordinal) || store.Any(char.IsControl)))
            {
                throw section.Error("store", $"{section.NameOf("store")} \"{store}\" must be a folder or an s3://bucket/prefix URL.");
            }

            return (store is null ? null : Path.GetFullPath(store, section.Folder), null);
        }

        var settings = S3StoreSettings.Parse(store)
            ?? throw section.Error("store", $"{section.NameOf("store")} \"{store}\" is not a valid s3://bucket/prefix URL (bucket names are 3-63 characters of a-z, 0-9, '-' and '.').");
        var s3 = section.Table("s3", "endpoint", "region", "path_style", "presign_minutes");
        var endpoint = s3.HttpUrl("endpoint");
        var region = s3.String("region");
        if (region is not null && (region.Length == 0 || !region.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')))
        {
            throw s3.Error("region", $"{s3.NameOf("region")} \"{region}\" is not a region name, e.g. \"us-east-1\".");
        }

        return (null, settings with
        {
            Endpoint = endpoint,
            Region = region ?? settings.Region,
            PathStyle = s3.Boolean("path_style") ?? settings.PathStyle,
            PresignLifetime = TimeSpan.FromMinutes(s3.Integer("presign_minutes", 1, 7 * 24 * 60) ?? (int)settings.PresignLifetime.TotalMinutes),
        });
    }
}
