using Herald.Configuration;
using Herald.History;
using Herald.Releases;
using Herald.Stats;

namespace Herald;

/// <summary>
/// A project as Herald sees it: the repository (read-only), its configuration, its releases, and
/// Herald's own data folder. Front ends open one per command or per process.
/// </summary>
public sealed class HeraldProject
{
    private readonly Lazy<ReleaseCatalog> _catalog;
    private readonly Lazy<IdentityResolver> _identities;

    private HeraldProject(GitRepository repository, HeraldConfig config, string dataDirectory, Lazy<RefListing> refs)
    {
        Repository = repository;
        Config = config;
        DataDirectory = dataDirectory;
        _catalog = new(() => new ReleaseCatalog(refs.Value, config.Scheme));
        _identities = new(() => IdentityResolver.FromFiles(config.AliasesPath, config.DomainMapPath, config.UseBuiltInDomainMap));
    }

    /// <summary>The repository.</summary>
    public GitRepository Repository { get; }

    /// <summary>The configuration (read or detected).</summary>
    public HeraldConfig Config { get; }

    /// <summary>Herald's own state for this project (caches, index, artifacts); never inside the repository.</summary>
    public string DataDirectory { get; }

    /// <summary>The releases, candidates and stable branches (read once, on first use).</summary>
    public ReleaseCatalog Catalog => _catalog.Value;

    /// <summary>Who is who and for which employer (read once, on first use).</summary>
    public IdentityResolver Identities => _identities.Value;

    /// <summary>
    /// The development branch stable branches fork from: <c>[releases] mainline</c>, else <c>master</c>,
    /// <c>main</c> or the branch HEAD names, whichever exists first.
    /// </summary>
    public string Mainline => Config.Mainline ?? DetectMainline();

    /// <summary>The cache of patch-ids in the data folder.</summary>
    public Backports.PatchIdCache OpenPatchIdCache() => Backports.PatchIdCache.Open(Path.Combine(DataDirectory, "cache", "patch-ids.txt"));

    /// <summary>Resolves targets (versions, ranges, refs) against this project.</summary>
    public TargetResolver Targets => new(Repository, Catalog);

    /// <summary>
    /// Opens a project.
    /// </summary>
    /// <param name="repositoryPath">The repository, bare or not.</param>
    /// <param name="configPath">An explicit configuration file, or null to look beside the repository.</param>
    /// <param name="dataPath">An explicit data folder, or null for <c>$XDG_DATA_HOME/herald/&lt;slug&gt;</c>.</param>
    /// <param name="currentDirectory">The folder relative paths are read from.</param>
    /// <param name="dataHome">The XDG data home (<c>$XDG_DATA_HOME</c>, else <c>~/.local/share</c>).</param>
    public static HeraldProject Open(string repositoryPath, string? configPath, string? dataPath, string currentDirectory, string dataHome)
    {
        var repository = GitRepository.Open(Path.GetFullPath(repositoryPath, currentDirectory));
        var refs = new Lazy<RefListing>(() => RefListing.Read(repository));
        var config = ConfigLoader.Load(repository, configPath, currentDirectory, refs);
        var data = dataPath is null
            ? Path.Combine(dataHome, "herald", config.Slug)
            : Path.GetFullPath(dataPath, currentDirectory);
        EnsureOutside(repository, data);
        return new HeraldProject(repository, config, data, refs);
    }

    /// <summary>The cache of per-commit line counts in the data folder.</summary>
    public LineCountCache OpenLineCountCache() => LineCountCache.Open(Path.Combine(DataDirectory, "cache", "line-counts.bin"));

    private string DetectMainline()
    {
        foreach (var name in new[] { "master", "main" })
        {
            if (Catalog.Branches.ContainsKey(name))
            {
                return name;
            }
        }

        return Repository.TryRun(out var head, "symbolic-ref", "--short", "-q", "HEAD") && head.Length > 0 ? head.Trim() : "master";
    }

    /// <summary>The default XDG data home for <paramref name="xdgDataHome"/> and <paramref name="home"/>.</summary>
    public static string DefaultDataHome(string? xdgDataHome, string home) =>
        string.IsNullOrWhiteSpace(xdgDataHome) || !Path.IsPathRooted(xdgDataHome)
            ? Path.Combine(home, ".local", "share")
            : xdgDataHome;

    private static void EnsureOutside(GitRepository repository, string data)
    {
        var dataFull = Path.TrimEndingDirectorySeparator(Path.GetFullPath(data)) + Path.DirectorySeparatorChar;
        foreach (var folder in new[] { repository.Path, repository.GitDirectory })
        {
            var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)) + Path.DirectorySeparatorChar;
            if (dataFull.StartsWith(full, StringComparison.Ordinal))
            {
                throw new HeraldException($"data folder '{data}' is inside the repository '{folder}'; Herald never writes there. Pass another folder with --data DIR.");
            }
        }
    }
}
