using Herald.Releases;

namespace Herald.Policy;

/// <summary>
/// When a series is supported: from its X.Y.0 release, general support through
/// <see cref="SupportedUntil"/>, security support through <see cref="SecurityUntil"/>, then end of life.
/// Both end dates are inclusive: on the day itself the series is still in that state.
/// </summary>
/// <param name="Series">The series.</param>
/// <param name="Released">The X.Y.0 release date (UTC), or null while in development.</param>
/// <param name="SupportedUntil">The last day of general support, or null while unknown.</param>
/// <param name="SecurityUntil">The last day of security support, or null while unknown.</param>
/// <param name="Source">Where the end dates came from.</param>
public sealed record SupportWindow(SeriesId Series, DateOnly? Released, DateOnly? SupportedUntil, DateOnly? SecurityUntil, DateSource Source)
{
    /// <summary>The status of the series on <paramref name="date"/> (a UTC date).</summary>
    public SupportStatus StatusOn(DateOnly date)
    {
        if (Released is not { } released || date < released)
        {
            return SupportStatus.Development;
        }

        if (SupportedUntil is not { } general || date <= general)
        {
            return SupportStatus.Supported;
        }

        return SecurityUntil is not { } security || date <= security ? SupportStatus.Security : SupportStatus.Eol;
    }
}
