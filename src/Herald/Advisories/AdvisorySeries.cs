namespace Herald.Advisories;

/// <summary>One series' answer for an advisory.</summary>
/// <param name="Series">The series (<c>4.19</c>).</param>
/// <param name="Branch">The stable branch the answer was read on, or null when the series has none (its newest release then).</param>
/// <param name="State">Whether the series has the fix and where.</param>
/// <param name="Commits">The full ids of the fix commits the series holds (empty unless fixed or unreleased).</param>
/// <param name="FixedIn">The first release of the series containing all of them, or null.</param>
public sealed record AdvisorySeries(string Series, string? Branch, AdvisoryFixState State, IReadOnlyList<string> Commits, string? FixedIn);
