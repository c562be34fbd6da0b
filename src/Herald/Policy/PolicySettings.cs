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
}

/// <summary>From <paramref name="From"/> on, series get these periods.</summary>
/// <param name="From">The first series the rule applies to.</param>
/// <param name="GeneralMonths">Months of general support.</param>
/// <param name="SecurityMonths">Months of security support (including the general period).</param>
public sealed record PolicyRule(SeriesId From, int GeneralMonths, int SecurityMonths);

/// <summary>Explicit support dates of one series (either may be left to the other sources).</summary>
/// <param name="Series">The series.</param>
/// <param name="GeneralUntil">The last day of general support, or null.</param>
/// <param name="SecurityUntil">The last day of security support, or null.</param>
public sealed record SeriesDates(SeriesId Series, DateOnly? GeneralUntil, DateOnly? SecurityUntil);
