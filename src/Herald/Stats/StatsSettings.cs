using Herald.Configuration;

namespace Herald.Stats;

/// <summary><c>[stats]</c>: the gitdm files that merge identities and map them to employers.</summary>
/// <param name="AliasesPath">The gitdm aliases file (absolute path), or null.</param>
/// <param name="DomainMapPath">The gitdm domain-map file (absolute path), or null.</param>
/// <param name="UseBuiltInDomainMap">Whether Herald's map of well-known company domains is used beneath the project's own.</param>
internal sealed record StatsSettings(string? AliasesPath, string? DomainMapPath, bool UseBuiltInDomainMap)
{
    /// <summary>The table's name at the top level of <c>herald.toml</c>.</summary>
    public const string Key = "stats";

    /// <summary>Reads <c>[stats]</c> of <paramref name="root"/>; the files must exist.</summary>
    public static StatsSettings Read(TomlSection root)
    {
        var section = root.Table(Key, "aliases", "domain_map", "builtin_domain_map");
        return new StatsSettings(
            DataFile(section, "aliases"),
            DataFile(section, "domain_map"),
            section.Boolean("builtin_domain_map") ?? true);
    }

    private static string? DataFile(TomlSection section, string key)
    {
        var relative = section.String(key);
        if (relative is null)
        {
            return null;
        }

        var full = Path.GetFullPath(relative, section.Folder);
        if (!File.Exists(full))
        {
            throw section.Error(key, $"{section.NameOf(key)}: file \"{relative}\" not found (looked for {full}); paths are relative to the configuration file.");
        }

        return full;
    }
}
