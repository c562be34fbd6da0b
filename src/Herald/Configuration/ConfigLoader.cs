using Herald.Announcements;
using Herald.History;
using Herald.Mail;
using Herald.Policy;
using Herald.Publishing;
using Herald.Releases;
using Herald.Stats;

namespace Herald.Configuration;

/// <summary>
/// Reads <c>herald.toml</c> (given, or found beside the repository) into a <see cref="HeraldConfig"/>,
/// and detects what it does not say. Every error names the file, the line and the fix.
/// </summary>
public static class ConfigLoader
{
    /// <summary>The configuration file's name.</summary>
    public const string FileName = "herald.toml";

    /// <summary>The configuration version this Herald reads: the top-level <c>version</c> key, 1 when absent.</summary>
    public const int SchemaVersion = 1;

    private const string VersionKey = "version";

    /// <summary>
    /// Finds the configuration for <paramref name="repository"/>: <paramref name="configPath"/> when given
    /// (it must exist); else <c>herald.toml</c> in the work tree's top folder; for a bare repository,
    /// <c>herald.toml</c> in <paramref name="currentDirectory"/> (never inside the bare repository).
    /// </summary>
    public static string? Locate(GitRepository repository, string? configPath, string currentDirectory)
    {
        ArgumentNullException.ThrowIfNull(repository);
        if (configPath is not null)
        {
            var full = Path.GetFullPath(configPath, currentDirectory);
            if (!File.Exists(full))
            {
                throw new HeraldException($"{configPath}: configuration file not found; check the path given with --config, or leave --config out to use herald.toml beside the repository.");
            }

            return full;
        }

        var folder = repository.IsBare ? currentDirectory : repository.Path;
        if (repository.IsBare && IsInside(Path.GetFullPath(folder), repository.GitDirectory))
        {
            // Herald never reads or writes inside a bare repository: only --config names a file there.
            return null;
        }

        var candidate = Path.Combine(folder, FileName);
        return File.Exists(candidate) ? candidate : null;
    }

    private static bool IsInside(string path, string folder)
    {
        var normalizedPath = Path.TrimEndingDirectorySeparator(path) + Path.DirectorySeparatorChar;
        var normalizedFolder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)) + Path.DirectorySeparatorChar;
        return normalizedPath.StartsWith(normalizedFolder, StringComparison.Ordinal);
    }

    /// <summary>Loads the configuration of <paramref name="repository"/> (see <see cref="Locate"/>).</summary>
    public static HeraldConfig Load(GitRepository repository, string? configPath, string currentDirectory) =>
        Load(repository, configPath, currentDirectory, new Lazy<RefListing>(() => RefListing.Read(repository)));

    /// <summary>Loads the configuration, reading the refs (for detection) through <paramref name="refs"/> only if needed.</summary>
    public static HeraldConfig Load(GitRepository repository, string? configPath, string currentDirectory, Lazy<RefListing> refs)
    {
        ArgumentNullException.ThrowIfNull(refs);
        var path = Locate(repository, configPath, currentDirectory);
        return path is null ? Detect(repository, refs.Value) : Parse(path, repository, refs);
    }

    /// <summary>Everything detected: tag scheme from the tags, name and slug from the folder.</summary>
    public static HeraldConfig Detect(GitRepository repository, RefListing refs)
    {
        ArgumentNullException.ThrowIfNull(repository);
        var (scheme, note) = TagSchemeDetector.Detect(refs);
        var project = ProjectSettings.Detect(repository);
        return new HeraldConfig { ProjectName = project.Name, Slug = project.Slug, Scheme = scheme, DetectionNote = note };
    }

    /// <summary>Makes a slug (lower-case letters, digits, '-', '_', '.'; at most 64) from a project name.</summary>
    public static string Slugify(string name) => ProjectSettings.Slugify(name);

    // Each section reads and checks its own table, in the order of the file's usual layout.
    private static HeraldConfig Parse(string path, GitRepository repository, Lazy<RefListing> refs)
    {
        var root = TomlSection.Root(
            TomlDocument.Load(path),
            VersionKey, ProjectSettings.Key, ReleaseSettings.Key, StatsSettings.Key, PolicySettings.Key, StorageSettings.Key, DownloadSettings.Key, MailSettings.Key, AnnounceSettings.Key, SecuritySettings.Key, PortalSettings.Key);
        RejectOtherVersion(root);
        root.RejectUnknownKeys();
        var project = ProjectSettings.Read(root, repository);
        var releases = ReleaseSettings.Read(root, repository, refs);
        var stats = StatsSettings.Read(root);
        return new HeraldConfig
        {
            ProjectName = project.Name,
            Slug = project.Slug,
            PortalUrl = project.Url,
            Links = project.Links ?? new ProjectLinks(),
            Security = SecuritySettings.Read(root),
            Portal = PortalSettings.Read(root),
            Scheme = releases.Scheme,
            AliasesPath = stats.AliasesPath,
            DomainMapPath = stats.DomainMapPath,
            UseBuiltInDomainMap = stats.UseBuiltInDomainMap,
            Policy = PolicySettings.Read(root),
            Database = StorageSettings.Read(root).Database,
            Downloads = DownloadSettings.Read(root),
            Mail = MailSettings.Read(root),
            Announce = AnnounceSettings.Read(root),
            Mainline = releases.Mainline,
            SourcePath = path,
            DetectionNote = releases.DetectionNote,
        };
    }

    // Checked before anything else: a file written for another version may hold keys this Herald does not
    // know, and the version is then the error worth reporting.
    private static void RejectOtherVersion(TomlSection root)
    {
        if (!root.TryGet(VersionKey, out var value) || value is long and SchemaVersion)
        {
            return;
        }

        var fix = value switch
        {
            long newer and > SchemaVersion => $"use a Herald that reads version {newer}, or write the file for version {SchemaVersion} (version = {SchemaVersion})",
            string => $"write version = {SchemaVersion}, a number without quotes, or remove the line (no version means {SchemaVersion})",
            _ => $"write version = {SchemaVersion} or remove the line (no version means {SchemaVersion})",
        };
        throw root.Error(VersionKey, $"'{VersionKey}' is {TomlDocument.Describe(value)}; this Herald reads configuration version {SchemaVersion}; {fix}.");
    }
}
