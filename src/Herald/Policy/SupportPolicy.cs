using Herald.Releases;

namespace Herald.Policy;

/// <summary>
/// The one place that decides a series' support dates, strongest source first: explicit dates in
/// <c>[[policy.series]]</c>, then the branch's own support statement, then the default policy and its
/// rules (months counted from the X.Y.0 release date). A statement that leaves a date undecided (TBD)
/// leaves it unknown: no months are counted in its place. When the project states no <c>[policy]</c>
/// (<see cref="PolicySettings.IsBuiltIn"/>), months counted from Herald's defaults are marked
/// <see cref="DateSource.Default"/>.
/// </summary>
public sealed class SupportPolicy
{
    private readonly PolicySettings _settings;

    /// <summary>Creates the policy from the project's settings.</summary>
    public SupportPolicy(PolicySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
    }

    /// <summary>The series that are supported or security-only on <paramref name="date"/>, newest first.</summary>
    public static IReadOnlyList<SeriesId> MaintainedOn(IEnumerable<SupportWindow> windows, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(windows);
        return windows.Where(w => w.StatusOn(date) is SupportStatus.Supported or SupportStatus.Security)
            .Select(w => w.Series)
            .OrderDescending()
            .ToList();
    }

    /// <summary>
    /// The window of <paramref name="series"/>. <paramref name="warnings"/> receives a sentence for each
    /// date where the statement and the configuration disagree (the configuration wins).
    /// </summary>
    public SupportWindow WindowFor(SeriesId series, DateOnly? released, SupportStatement? statement, string? statementOrigin, ICollection<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(warnings);
        var configured = _settings.Series.FirstOrDefault(s => s.Series == series);
        var (generalMonths, securityMonths) = _settings.PeriodsFor(series);
        DateOnly? policyGeneral = released?.AddMonths(generalMonths);
        DateOnly? policySecurity = released?.AddMonths(securityMonths);

        if (configured is not null && statement is not null)
        {
            Compare("general support", configured.GeneralUntil, statement.SupportedUntil);
            Compare("security support", configured.SecurityUntil, statement.SecurityUntil);
        }

        var general = configured?.GeneralUntil ?? (statement is null ? policyGeneral : statement.SupportedUntil);
        var security = configured?.SecurityUntil ?? (statement is null ? policySecurity : statement.SecurityUntil);
        var source = configured is not null && (configured.GeneralUntil is not null || configured.SecurityUntil is not null)
            ? DateSource.Config
            : statement is not null ? DateSource.Statement
            : _settings.IsBuiltIn ? DateSource.Default : DateSource.Policy;
        return new SupportWindow(series, released, general, security, source);

        void Compare(string what, DateOnly? fromConfig, DateOnly? fromStatement)
        {
            if (fromConfig is { } date && fromStatement is { } stated && date != stated)
            {
                warnings.Add($"{statementOrigin ?? "the support statement"} gives {what} of {series} until {stated:yyyy-MM-dd}, herald.toml until {date:yyyy-MM-dd}; using herald.toml.");
            }
        }
    }
}
