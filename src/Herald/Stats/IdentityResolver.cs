namespace Herald.Stats;

/// <summary>
/// Decides who is who: the developer a name and address belong to (after .mailmap, which git applies,
/// and the gitdm aliases file, then name variants unless <see cref="ExactNames"/>) and their employer on a date.
/// </summary>
public sealed class IdentityResolver
{
    private readonly GitdmAliases _aliases;
    private readonly EmployerMap _employers;

    /// <summary>Creates a resolver from an aliases file and an employer map.</summary>
    public IdentityResolver(GitdmAliases aliases, EmployerMap employers)
        : this(aliases, employers, exactNames: false)
    {
    }

    private IdentityResolver(GitdmAliases aliases, EmployerMap employers, bool exactNames)
    {
        ArgumentNullException.ThrowIfNull(aliases);
        ArgumentNullException.ThrowIfNull(employers);
        _aliases = aliases;
        _employers = employers;
        ExactNames = exactNames;
    }

    /// <summary>
    /// False (the default): developers whose names are equal after accent and case folding, or who share
    /// an address that is not generic, are one person (see <see cref="IdentityMerger"/>). True: a developer
    /// is a name after .mailmap and the aliases file, as <c>git shortlog -sn --no-merges</c> counts them.
    /// </summary>
    public bool ExactNames { get; }

    /// <summary>No aliases, the built-in employer map.</summary>
    public static IdentityResolver Default { get; } = new(GitdmAliases.Empty, EmployerMap.BuiltIn);

    /// <summary>This resolver with <see cref="ExactNames"/> set to <paramref name="exactNames"/>.</summary>
    public IdentityResolver WithExactNames(bool exactNames) =>
        exactNames == ExactNames ? this : new IdentityResolver(_aliases, _employers, exactNames);

    /// <summary>
    /// The key that identifies the developer: the canonical address when the aliases file names the
    /// address (so one person under several names and addresses counts once), else the name.
    /// </summary>
    public string DeveloperKey(string name, string email) =>
        _aliases.CanonicalOf(email) is { } canonical ? "<" + canonical.ToLowerInvariant() + ">" : name;

    /// <summary>The address employers are looked up by: the canonical one when aliased.</summary>
    public string CanonicalEmail(string email) => _aliases.CanonicalOf(email) ?? email;

    /// <summary>The employer of <paramref name="email"/> on <paramref name="date"/>.</summary>
    public string EmployerOf(string email, DateTimeOffset date)
    {
        var employer = _employers.EmployerOf(email, date);
        if (employer == EmployerMap.Unknown && _aliases.CanonicalOf(email) is { } canonical && !canonical.Equals(email, StringComparison.OrdinalIgnoreCase))
        {
            employer = _employers.EmployerOf(canonical, date);
        }

        return employer;
    }

    /// <summary>Builds a resolver from the configured files (either may be null) and the built-in map.</summary>
    public static IdentityResolver FromFiles(string? aliasesPath, string? domainMapPath, bool useBuiltInMap)
    {
        var aliases = aliasesPath is null ? GitdmAliases.Empty : GitdmAliases.Load(aliasesPath);
        var map = useBuiltInMap ? EmployerMap.BuiltIn : EmployerMap.Empty;
        if (domainMapPath is not null)
        {
            map = map.With(EmployerMap.Load(domainMapPath));
        }

        return new IdentityResolver(aliases, map);
    }
}
