using Herald.History;
using Herald.Policy;
using Herald.Releases;
using Tomlyn.Model;

namespace Herald.Configuration;

/// <summary>
/// Reads <c>herald.toml</c> (given, or found beside the repository) into a <see cref="HeraldConfig"/>,
/// and detects what it does not say. Every error names the file, the line and the fix.
/// </summary>
public static class ConfigLoader
{
    /// <summary>The configuration file's name.</summary>
    public const string FileName = "herald.toml";

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
        var name = DefaultName(repository);
        return new HeraldConfig { ProjectName = name, Slug = Slugify(name), Scheme = scheme, DetectionNote = note };
    }

    private static HeraldConfig Parse(string path, GitRepository repository, Lazy<RefListing> refs)
    {
        var document = TomlDocument.Load(path);
        var root = document.Root;
        document.RejectUnknownKeys(root, string.Empty, "project", "releases", "stats", "policy", "storage", "downloads");

        var project = document.Table(root, "project", "project") ?? new TomlTable();
        document.RejectUnknownKeys(project, "project", "name", "slug");
        var name = document.String(project, "name", "project.name") ?? DefaultName(repository);
        var slug = document.String(project, "slug", "project.slug") ?? Slugify(name);
        if (slug.Length == 0 || slug.Length > 64 || !slug.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_' or '.') || slug.StartsWith('.'))
        {
            throw document.Error(project, "slug", $"slug \"{slug}\" may hold only lower-case letters, digits, '-', '_' and '.' (at most 64), e.g. slug = \"xen\".");
        }

        var releases = document.Table(root, "releases", "releases") ?? new TomlTable();
        document.RejectUnknownKeys(releases, "releases", "tag", "candidate", "branch", "mainline");
        var mainline = document.String(releases, "mainline", "releases.mainline");
        if (mainline is not null && (mainline.Length == 0 || mainline.StartsWith('-') || mainline.Any(c => char.IsControl(c) || c is ' ' or ':' or '~' or '^' or '?' or '*' or '[' or '\\')))
        {
            throw document.Error(releases, "mainline", $"releases.mainline \"{mainline}\" is not a branch name; write the development branch, e.g. mainline = \"master\".");
        }

        var tag = Patterns(document, releases, "tag", RefPatternKind.Tag);
        var candidate = Patterns(document, releases, "candidate", RefPatternKind.Candidate);
        var branch = Patterns(document, releases, "branch", RefPatternKind.Branch);
        if (branch is { Count: > 1 })
        {
            throw document.Error(releases, "branch", "releases.branch must be one pattern in quotes, e.g. branch = \"stable-{series}\".");
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

            note = $"detected {string.Join(", ", guessed)} ({path} does not set them)";
        }
        else
        {
            scheme = new TagScheme(tag, candidate, branch[0]);
        }

        if (!repository.IsShallow)
        {
            // A shallow clone lacks tags; the verbs that need history refuse it with their own message.
            RejectUnmatched(document, releases, "tag", tag, refs);
        }

        var stats = document.Table(root, "stats", "stats") ?? new TomlTable();
        document.RejectUnknownKeys(stats, "stats", "aliases", "domain_map", "builtin_domain_map");
        var folder = Path.GetDirectoryName(path)!;
        return new HeraldConfig
        {
            ProjectName = name,
            Slug = slug,
            Scheme = scheme,
            AliasesPath = DataFile(document, stats, "aliases", folder),
            DomainMapPath = DataFile(document, stats, "domain_map", folder),
            UseBuiltInDomainMap = document.Boolean(stats, "builtin_domain_map", "stats.builtin_domain_map") ?? true,
            Policy = ParsePolicy(document, root),
            Database = ParseStorage(document, root),
            Downloads = ParseDownloads(document, root, folder),
            Mainline = mainline,
            SourcePath = path,
            DetectionNote = note,
        };
    }

    private static Publishing.DownloadSettings ParseDownloads(TomlDocument document, TomlTable root, string folder)
    {
        var table = document.Table(root, "downloads", "downloads");
        if (table is null)
        {
            return new Publishing.DownloadSettings();
        }

        document.RejectUnknownKeys(table, "downloads", "base_url", "store", "s3", "redirect", "mirror", "mirror_check_minutes");
        var redirects = new List<Publishing.DownloadRedirect>();
        foreach (var entry in document.TableArray(table, "redirect", "downloads.redirect") ?? [])
        {
            document.RejectUnknownKeys(entry, "downloads.redirect", "from", "to");
            var from = document.String(entry, "from", "downloads.redirect.from");
            var to = document.String(entry, "to", "downloads.redirect.to");
            if (from is null || to is null)
            {
                throw new HeraldException($"{document.Path}: a [[downloads.redirect]] needs both 'from' and 'to', e.g. from = \"/oss-xen/release/\" and to = \"/downloads/release/xen/\".");
            }

            foreach (var (key, value) in new[] { ("from", from), ("to", to) })
            {
                if (!value.StartsWith('/') || value.Contains("..", StringComparison.Ordinal) || value.Any(c => char.IsControl(c) || c is '\\' or '?' or '#'))
                {
                    throw document.Error(entry, key, $"downloads.redirect.{key} \"{value}\" must be a plain path starting with '/', e.g. \"/oss-xen/release/\".");
                }
            }

            redirects.Add(new Publishing.DownloadRedirect(from, to));
        }

        var mirrors = new List<Uri>();
        foreach (var entry in document.TableArray(table, "mirror", "downloads.mirror") ?? [])
        {
            document.RejectUnknownKeys(entry, "downloads.mirror", "url");
            var mirror = AbsoluteUrl(document, entry, "url", "downloads.mirror.url")
                ?? throw new HeraldException($"{document.Path}: a [[downloads.mirror]] needs a 'url'.");
            if (mirror.Query.Length > 0 || mirror.Fragment.Length > 0)
            {
                throw document.Error(entry, "url", $"downloads.mirror.url \"{mirror}\" must be the mirror's folder, without '?' or '#'.");
            }

            // The layout path is appended to it: a folder URL.
            mirrors.Add(mirror.AbsolutePath.EndsWith('/') ? mirror : new Uri(mirror.AbsoluteUri + "/"));
        }

        var (storeFolder, s3) = ParseStore(document, table, folder);
        return new Publishing.DownloadSettings
        {
            BaseUrl = AbsoluteUrl(document, table, "base_url", "downloads.base_url"),
            StoreFolder = storeFolder,
            S3 = s3,
            Redirects = redirects,
            Mirrors = mirrors,
            MirrorCheckInterval = TimeSpan.FromMinutes(document.Integer(table, "mirror_check_minutes", "downloads.mirror_check_minutes", 1, 7 * 24 * 60) ?? 360),
        };
    }

    /// <summary><c>store</c>: a folder (relative to the configuration file) or <c>s3://bucket/prefix</c> with <c>[downloads.s3]</c>.</summary>
    private static (string? Folder, Publishing.S3StoreSettings? S3) ParseStore(TomlDocument document, TomlTable table, string folder)
    {
        var store = document.String(table, "store", "downloads.store");
        var s3Table = document.Table(table, "s3", "downloads.s3");
        if (store is null || !store.StartsWith("s3:", StringComparison.Ordinal))
        {
            if (s3Table is not null)
            {
                throw document.Error(table, "s3", "[downloads.s3] is only read with store = \"s3://bucket/prefix\"; set downloads.store or remove [downloads.s3].");
            }

            if (store is not null && (store.Length == 0 || store.Contains("://", StringComparison.Ordinal) || store.Any(char.IsControl)))
            {
                throw document.Error(table, "store", $"downloads.store \"{store}\" must be a folder or an s3://bucket/prefix URL.");
            }

            return (store is null ? null : Path.GetFullPath(store, folder), null);
        }

        var settings = Publishing.S3StoreSettings.Parse(store)
            ?? throw document.Error(table, "store", $"downloads.store \"{store}\" is not a valid s3://bucket/prefix URL (bucket names are 3-63 characters of a-z, 0-9, '-' and '.').");
        if (s3Table is null)
        {
            return (null, settings);
        }

        document.RejectUnknownKeys(s3Table, "downloads.s3", "endpoint", "region", "path_style", "presign_minutes");
        return (null, settings with
        {
            Endpoint = AbsoluteUrl(document, s3Table, "endpoint", "downloads.s3.endpoint"),
            Region = document.String(s3Table, "region", "downloads.s3.region") is { } region
                ? (region.Length > 0 && region.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') ? region : throw document.Error(s3Table, "region", $"downloads.s3.region \"{region}\" is not a region name, e.g. \"us-east-1\"."))
                : settings.Region,
            PathStyle = document.Boolean(s3Table, "path_style", "downloads.s3.path_style") ?? settings.PathStyle,
            PresignLifetime = TimeSpan.FromMinutes(document.Integer(s3Table, "presign_minutes", "downloads.s3.presign_minutes", 1, 7 * 24 * 60) ?? (int)settings.PresignLifetime.TotalMinutes),
        });
    }

    private static Uri? AbsoluteUrl(TomlDocument document, TomlTable table, string key, string name)
    {
        var text = document.String(table, key, name);
        if (text is null)
        {
            return null;
        }

        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw document.Error(table, key, $"{name} \"{text}\" must be an absolute http or https URL, e.g. \"https://downloads.example.org\".");
    }

    private static string? ParseStorage(TomlDocument document, TomlTable root)
    {
        var table = document.Table(root, "storage", "storage");
        if (table is null)
        {
            return null;
        }

        document.RejectUnknownKeys(table, "storage", "database");
        return document.String(table, "database", "storage.database");
    }

    private static PolicySettings ParsePolicy(TomlDocument document, TomlTable root)
    {
        var table = document.Table(root, "policy", "policy");
        if (table is null)
        {
            return PolicySettings.BuiltIn;
        }

        document.RejectUnknownKeys(table, "policy", "general_months", "security_months", "statement", "cadence_months", "rule", "series");
        var defaults = new PolicySettings();
        var general = document.Integer(table, "general_months", "policy.general_months", 0, 1200) ?? defaults.GeneralMonths;
        var security = document.Integer(table, "security_months", "policy.security_months", 0, 1200) ?? defaults.SecurityMonths;
        if (security < general)
        {
            throw document.Error(table, "security_months", $"policy.security_months ({security}) is shorter than general_months ({general}); security support counts from the release too, so it must be at least as long.");
        }

        var statement = document.String(table, "statement", "policy.statement") ?? defaults.Statement;
        if (statement.Contains('\n') || statement.Contains(':') || statement.StartsWith('/'))
        {
            throw document.Error(table, "statement", $"policy.statement \"{statement}\" must be a path inside the branch such as \"SUPPORT.md\", or \"\" to ignore statements.");
        }

        var rules = new List<PolicyRule>();
        foreach (var rule in document.TableArray(table, "rule", "policy.rule") ?? [])
        {
            document.RejectUnknownKeys(rule, "policy.rule", "from", "general_months", "security_months");
            var from = document.String(rule, "from", "policy.rule.from")
                ?? throw new HeraldException($"{document.Path}: a [[policy.rule]] has no 'from'; write the first series it applies to, e.g. from = \"4.20\".");
            if (!Releases.SeriesId.TryParse(from, out var fromSeries))
            {
                throw document.Error(rule, "from", $"policy.rule.from \"{from}\" is not a series; write major.minor, e.g. from = \"4.20\".");
            }

            var ruleGeneral = document.Integer(rule, "general_months", "policy.rule.general_months", 0, 1200) ?? general;
            var ruleSecurity = document.Integer(rule, "security_months", "policy.rule.security_months", 0, 1200) ?? security;
            if (ruleSecurity < ruleGeneral)
            {
                throw document.Error(rule, "security_months", $"policy.rule.security_months ({ruleSecurity}) is shorter than its general_months ({ruleGeneral}).");
            }

            rules.Add(new PolicyRule(fromSeries, ruleGeneral, ruleSecurity));
        }

        var series = new List<SeriesDates>();
        foreach (var entry in document.TableArray(table, "series", "policy.series") ?? [])
        {
            document.RejectUnknownKeys(entry, "policy.series", "series", "general_until", "security_until");
            var name = document.String(entry, "series", "policy.series.series")
                ?? throw new HeraldException($"{document.Path}: a [[policy.series]] has no 'series'; write the series it sets dates for, e.g. series = \"4.17\".");
            if (!Releases.SeriesId.TryParse(name, out var id))
            {
                throw document.Error(entry, "series", $"policy.series.series \"{name}\" is not a series; write major.minor, e.g. series = \"4.17\".");
            }

            var generalUntil = document.Date(entry, "general_until", "policy.series.general_until");
            var securityUntil = document.Date(entry, "security_until", "policy.series.security_until");
            if (generalUntil is { } g && securityUntil is { } s && s < g)
            {
                throw document.Error(entry, "security_until", $"policy.series.security_until ({s:yyyy-MM-dd}) is before general_until ({g:yyyy-MM-dd}) for {id}.");
            }

            series.Add(new SeriesDates(id, generalUntil, securityUntil));
        }

        return new PolicySettings
        {
            GeneralMonths = general,
            SecurityMonths = security,
            Statement = statement,
            CadenceMonths = document.Integer(table, "cadence_months", "policy.cadence_months", 1, 120) ?? defaults.CadenceMonths,
            Rules = rules,
            Series = series,
        };
    }

    private static IReadOnlyList<string>? Patterns(TomlDocument document, TomlTable table, string key, RefPatternKind kind)
    {
        var patterns = document.Strings(table, key, "releases." + key);
        foreach (var pattern in patterns ?? [])
        {
            if (TagScheme.Problem(pattern, kind) is { } problem)
            {
                throw document.Error(table, key, $"releases.{key}: {problem}.");
            }
        }

        return patterns;
    }

    // A configured release tag pattern that names no tag at all is a typo or a scheme that changed: an
    // empty answer would look like a project without releases. A repository without tags yet is fine, and
    // so is a candidate pattern with no candidates (many projects tag none).
    private static void RejectUnmatched(TomlDocument document, TomlTable table, string key, IReadOnlyList<string>? patterns, Lazy<RefListing> refs)
    {
        if (patterns is null)
        {
            return;
        }

        var tags = refs.Value.Tags.Select(t => t.Name).ToList();
        if (tags.Count == 0)
        {
            return;
        }

        foreach (var pattern in patterns)
        {
            var alone = new TagScheme(pattern, "{version}-rc{n}", "stable-{series}");
            if (!tags.Any(t => alone.TryParseRelease(t, out _)))
            {
                var closest = RefNames.Closest(pattern, tags, 3);
                throw document.Error(table, key, $"releases.{key} \"{pattern}\" matches none of the repository's {tags.Count} tags (the closest: {string.Join(", ", closest)}); correct the pattern or remove it (placeholders: {{version}}, or {{major}}, {{minor}}, {{patch}}, {{build}}, {{letter}}).");
            }
        }
    }

    private static string? DataFile(TomlDocument document, TomlTable table, string key, string folder)
    {
        var relative = document.String(table, key, "stats." + key);
        if (relative is null)
        {
            return null;
        }

        var full = Path.GetFullPath(relative, folder);
        if (!File.Exists(full))
        {
            throw document.Error(table, key, $"stats.{key}: file \"{relative}\" not found (looked for {full}); paths are relative to the configuration file.");
        }

        return full;
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

    /// <summary>Makes a slug (lower-case letters, digits, '-') from a project name.</summary>
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
}
