using System.Globalization;
using System.Reflection;
using Herald.History;
using Herald.Releases;

namespace Herald.Storage.Indexing;

/// <summary>
/// The inputs of everything the index stores, reduced to keys: a stored result whose key is unchanged is
/// kept, any other is recomputed. Each key covers Herald's schema version and what its result is computed
/// from, and nothing else, so that a change recomputes exactly what depends on it. Not thread-safe.
/// </summary>
internal sealed class IndexInputs
{
    /// <summary>Bumped when what the index holds changes meaning: every key changes, so everything is recomputed.</summary>
    /// <remarks>
    /// 2: tags of tags peeled, growth compared like with like (<see cref="ReleaseRange.Comparable"/>),
    /// release statistics join developers' name variants (<see cref="Stats.IdentityResolver.ExactNames"/>), and
    /// backport reports list fixes for code a branch never had apart from the missing ones.
    /// 3: each release keeps its notes (its section of CHANGELOG.md at its tag).
    /// 4: each release keeps its time to the second (<see cref="ReleaseRow.Time"/>), not only its date.
    /// 5: a commit's search row holds the advisories its message names.
    /// </remarks>
    public const string SchemaVersion = "5";

    private static readonly Lazy<string> BuiltInDomainMap = new(() =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Herald.Stats.default-domain-map")
            ?? throw new InvalidOperationException("the built-in domain map is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    private readonly HeraldProject _project;
    private readonly Dictionary<string, string> _ownKeys = new(StringComparer.Ordinal);
    private readonly Lazy<string> _series;

    private IndexInputs(HeraldProject project, DateOnly today, string identities, string mailmap)
    {
        _project = project;
        Today = today;
        Identities = identities;
        Mailmap = mailmap;
        Commits = new InputKey().Add("commits").Add(SchemaVersion).Add(mailmap).Hash();
        _series = new(() => SeriesKey(project, today));
        Fingerprint = FingerprintOf(project, today, identities, mailmap);
    }

    /// <summary>The day status and backports are computed for.</summary>
    public DateOnly Today { get; }

    /// <summary>
    /// Who is who and for which employer: the contents of the aliases and domain-map files, whether the
    /// built-in map is used and the built-in map itself, and that name variants are joined.
    /// </summary>
    public string Identities { get; }

    /// <summary>The .mailmap git applies (in a bare repository, the one at HEAD) and git's mailmap settings.</summary>
    public string Mailmap { get; }

    /// <summary>The key of the stored commits (their names and addresses are after .mailmap).</summary>
    public string Commits { get; }

    /// <summary>The key of the series rows and backport reports: the day, the policy, the mainline, the tag scheme and every ref.</summary>
    public string Series => _series.Value;

    /// <summary>All inputs at once: equal to the stored one, nothing needs to be looked at.</summary>
    public string Fingerprint { get; }

    /// <summary>Reads the inputs of <paramref name="project"/> for <paramref name="today"/>.</summary>
    public static IndexInputs Read(HeraldProject project, DateOnly today)
    {
        var config = project.Config;
        var identities = new InputKey()
            .Add("identities")
            .Add(Contents(config.AliasesPath))
            .Add(Contents(config.DomainMapPath))
            .Add(config.UseBuiltInDomainMap ? BuiltInDomainMap.Value : null)
            .Add("name variants joined")
            .Hash();
        return new IndexInputs(project, today, identities, MailmapKey(project.Repository));
    }

    /// <summary>
    /// The key of <paramref name="release"/>'s row, change list and statistics: its tag, commit, date and
    /// signature, its branch, the release its range starts after (name and commit), the tag scheme and, for
    /// a release (not a candidate), the identities and .mailmap its statistics use and the same of the
    /// release its growth is compared with (<see cref="ReleaseRange.Comparable"/>).
    /// </summary>
    public string ReleaseKey(Release release)
    {
        if (release.IsCandidate)
        {
            return OwnKey(release);
        }

        var comparable = ReleaseRange.Comparable(_project.Catalog, release);
        return new InputKey()
            .Add(OwnKey(release))
            .Add(comparable?.Name)
            .Add(comparable is null ? null : OwnKey(comparable))
            .Hash();
    }

    private string OwnKey(Release release)
    {
        if (_ownKeys.TryGetValue(release.Name, out var known))
        {
            return known;
        }

        var catalog = _project.Catalog;
        var from = ReleaseRange.Previous(catalog, release);
        var key = new InputKey()
            .Add("release")
            .Add(SchemaVersion)
            .Add(catalog.Scheme.ToString())
            .Add(release.Name)
            .Add(release.Tag)
            .Add(release.Commit)
            .Add(release.Date.ToString("O", CultureInfo.InvariantCulture))
            .Add(release.Signed ? "signed" : "unsigned")
            .Add(catalog.StableBranches.GetValueOrDefault(release.Series))
            .Add(from?.Name)
            .Add(from?.Commit)
            .Add(release.IsCandidate ? null : Identities)
            .Add(release.IsCandidate ? null : Mailmap)
            .Hash();
        _ownKeys[release.Name] = key;
        return key;
    }

    private static string SeriesKey(HeraldProject project, DateOnly today)
    {
        var key = new InputKey()
            .Add("series")
            .Add(SchemaVersion)
            .Add(today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            .Add(PolicyText(project.Config.Policy))
            .Add(project.Mainline)
            .Add(project.Catalog.Scheme.ToString());
        AddRefs(key, project.Catalog);
        return key.Hash();
    }

    /// <summary>Every setting of the policy as text (records print their values; no JSON serializer to start on the quick path).</summary>
    private static string PolicyText(Policy.PolicySettings policy) =>
        string.Join('\n', [policy.ToString(), .. policy.Rules.Select(r => r.ToString()), .. policy.Series.Select(d => d.ToString())]);

    private static string FingerprintOf(HeraldProject project, DateOnly today, string identities, string mailmap)
    {
        var key = new InputKey()
            .Add("fingerprint")
            .Add(SchemaVersion)
            .Add(today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            .Add(Contents(project.Config.SourcePath))
            .Add(identities)
            .Add(mailmap);
        AddRefs(key, project.Catalog);
        return key.Hash();
    }

    private static void AddRefs(InputKey key, ReleaseCatalog catalog)
    {
        foreach (var (name, sha) in catalog.Branches.OrderBy(b => b.Key, StringComparer.Ordinal))
        {
            key.Add(name).Add(sha);
        }

        foreach (var release in catalog.Releases.Concat(catalog.Candidates).OrderBy(r => r.Tag, StringComparer.Ordinal))
        {
            key.Add(release.Tag).Add(release.Commit);
        }
    }

    /// <summary>
    /// What decides git's .mailmap: the file in the work tree (a bare repository: the blob at HEAD, which git
    /// reads there), and the <c>mailmap.*</c> settings with the file <c>mailmap.file</c> names.
    /// </summary>
    private static string MailmapKey(GitRepository repository)
    {
        var key = new InputKey().Add("mailmap");
        if (repository.IsBare)
        {
            key.Add(repository.TryRun(out var blob, "rev-parse", "--verify", "-q", "HEAD:.mailmap") ? blob.Trim() : null);
        }
        else
        {
            key.Add(Contents(Path.Combine(repository.Path, ".mailmap")));
        }

        if (repository.TryRun(out var settings, "config", "--get-regexp", @"^mailmap\."))
        {
            key.Add(settings);
            foreach (var line in settings.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var parts = line.Split(' ', 2);
                if (parts.Length == 2 && parts[0] == "mailmap.file")
                {
                    key.Add(Contents(Path.GetFullPath(parts[1], repository.Path)));
                }
            }
        }

        return key.Hash();
    }

    private static string? Contents(string? path)
    {
        try
        {
            return path is not null && File.Exists(path) ? File.ReadAllText(path) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new HeraldException($"{path}: cannot read ({e.Message}).", e);
        }
    }
}
