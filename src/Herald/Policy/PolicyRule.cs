using Herald.Releases;

namespace Herald.Policy;

/// <summary>From <paramref name="From"/> on, series get these periods.</summary>
/// <param name="From">The first series the rule applies to.</param>
/// <param name="GeneralMonths">Months of general support.</param>
/// <param name="SecurityMonths">Months of security support (including the general period).</param>
public sealed record PolicyRule(SeriesId From, int GeneralMonths, int SecurityMonths);
