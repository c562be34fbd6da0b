using Herald.Configuration;
using Herald.Releases;

namespace Herald.Policy;

/// <summary>
/// The maintenance policy a project states in <c>[policy]</c>: how long a series gets general and
/// security support (months from its X.Y.0 release), rules that change the periods from a series on,
/// explicit dates for single series, where branches state their own dates, and the point-release cadence.
/// </summary>
public sealed record PolicySettings
{
    /// <summary>
    /// The settings of a project that states no <c>[policy]</c>: the values below, marked
    /// <see cref="IsBuiltIn"/> so that dates counted from them are reported as Herald's default.
    /// </summary>
    public static PolicySettings BuiltIn { get; } = new() { IsBuiltIn = true };

    /// <summary>The table's name at the top level of <c>herald.toml</c>.</summary>
    internal const string Key = "policy";

    /// <summary>
    /// Whether these are Herald's own defaults rather than a policy the project stated; dates counted
    /// from them have the source <see cref="DateSource.Default"/> instead of <see cref="DateSource.Policy"/>.
    /// </summary>
    public bool IsBuiltIn { get; init; }

    /// <summary>Months of general (bug-fix) support from the X.Y.0 release.</summary>
    public int GeneralMonths { get; init; } = 18;

    /// <summary>Months of security support from the X.Y.0 release (it includes the general period).</summary>
    public int SecurityMonths { get; init; } = 36;

    /// <summary>The support statement file on each stable branch; empty to ignore statements.</summary>
    public string Statement { get; init; } = "SUPPORT.md";

    /// <summary>Expected months between point releases of a supported series.</summary>
    public int CadenceMonths { get; init; } = 4;

    /// <summary>Rules that change the periods from a series on, in any order.</summary>
    public IReadOnlyList<PolicyRule> Rules { get; init; } = [];

    /// <summary>Explicit dates for single series; they win over statements and rules.</summary>
    public IReadOnlyList<SeriesDates> Series { get; init; } = [];

    /// <summary>The general and security months that apply to <paramref name="series"/>.</summary>
    public (int General, int Security) PeriodsFor(SeriesId series)
    {
        var rule = Rules.Where(r => r.From <= series).OrderByDescending(r => r.From).FirstOrDefault();
        return rule is null ? (GeneralMonths, SecurityMonths) : (rule.GeneralMonths, rule.SecurityMonths);
    }

    /// <summary>Reads <c>[policy]</c> of <paramref name="root"/> with its rules and series; <see cref="BuiltIn"/> when absent.</summary>
    internal static PolicySettings Read(TomlSection root)
    {
        var section = root.Table(Key, "general_months", "security_months", "statement", "cadence_months", "rule", "series");
        if (!section.IsPresent)
        {
            return BuiltIn;
        }

        var defaults = new PolicySettings();
        var general = section.Integer("general_months", 0, 1200) ?? defaults.GeneralMonths;
        var security = section.Integer("security_months", 0, 1200) ?? defaults.SecurityMonths;
        if (security < general)
        {
            throw section.Error("security_months", $"{section.NameOf("security_months")} ({security}) is shorter than general_months ({general}); security support counts from the release too, so it must be at least as long.");
        }

        var statement = section.String("statement") ?? defaults.Statement;
        if (statement.Contains('\n') || statement.Contains(':') || statement.StartsWith('/'))
        {
            throw section.Error("statement", $"{section.NameOf("statement")} \"{statement}\" must be a path inside the branch such as \"SUPPORT.md\", or \"\" to ignore statements.");
        }

        return new PolicySettings
        {
            GeneralMonths = general,
            SecurityMonths = security,
            Statement = statement,
            Rules = [.. section.TableArray("rule", "from", "general_months", "security_months").Select(rule => ReadRule(rule, general, security))],
            Series = [.. section.TableArray("series", "series", "general_until", "security_until").Select(ReadSeries)],
            CadenceMonths = section.Integer("cadence_months", 1, 120) ?? defaults.CadenceMonths,
        };
    }

    private static PolicyRule ReadRule(TomlSection rule, int general, int security)
    {
        var from = rule.String("from")
            ?? throw rule.Error($"a [[{rule.Path}]] has no 'from'; write the first series it applies to, e.g. from = \"4.20\".");
        if (!SeriesId.TryParse(from, out var fromSeries))
        {
            throw rule.Error("from", $"{rule.NameOf("from")} \"{from}\" is not a series; write major.minor, e.g. from = \"4.20\".");
        }

        var ruleGeneral = rule.Integer("general_months", 0, 1200) ?? general;
        var ruleSecurity = rule.Integer("security_months", 0, 1200) ?? security;
        if (ruleSecurity < ruleGeneral)
        {
            throw rule.Error("security_months", $"{rule.NameOf("security_months")} ({ruleSecurity}) is shorter than its general_months ({ruleGeneral}).");
        }

        return new PolicyRule(fromSeries, ruleGeneral, ruleSecurity);
    }

    private static SeriesDates ReadSeries(TomlSection entry)
    {
        var name = entry.String("series")
            ?? throw entry.Error($"a [[{entry.Path}]] has no 'series'; write the series it sets dates for, e.g. series = \"4.17\".");
        if (!SeriesId.TryParse(name, out var id))
        {
            throw entry.Error("series", $"{entry.NameOf("series")} \"{name}\" is not a series; write major.minor, e.g. series = \"4.17\".");
        }

        var generalUntil = entry.Date("general_until");
        var securityUntil = entry.Date("security_until");
        if (generalUntil is { } g && securityUntil is { } s && s < g)
        {
            throw entry.Error("security_until", $"{entry.NameOf("security_until")} ({s:yyyy-MM-dd}) is before general_until ({g:yyyy-MM-dd}) for {id}.");
        }

        return new SeriesDates(id, generalUntil, securityUntil);
    }
}
