using Herald.Releases;

namespace Herald.Policy;

/// <summary>Explicit support dates of one series (either may be left to the other sources).</summary>
/// <param name="Series">The series.</param>
/// <param name="GeneralUntil">The last day of general support, or null.</param>
/// <param name="SecurityUntil">The last day of security support, or null.</param>
public sealed record SeriesDates(SeriesId Series, DateOnly? GeneralUntil, DateOnly? SecurityUntil);
