using System.Text.Json.Serialization;

namespace Herald.Policy;

/// <summary>
/// One release cycle in the format of endoflife.date's API (read by Renovate and others):
/// <c>cycle</c>, <c>releaseDate</c>, <c>support</c> (end of general support), <c>eol</c> (end of
/// security support), <c>latest</c>, <c>latestReleaseDate</c>, <c>lts</c>.
/// </summary>
public sealed record EndOfLifeCycle(
    [property: JsonPropertyName("cycle")] string Cycle,
    [property: JsonPropertyName("releaseDate")] DateOnly? ReleaseDate,
    [property: JsonPropertyName("support")] DateOnly? Support,
    [property: JsonPropertyName("eol")] DateOnly? Eol,
    [property: JsonPropertyName("latest")] string? Latest,
    [property: JsonPropertyName("latestReleaseDate")] DateOnly? LatestReleaseDate,
    [property: JsonPropertyName("lts")] bool Lts)
{
    /// <summary>The cycles of a status report: every released series, newest first.</summary>
    public static IReadOnlyList<EndOfLifeCycle> From(StatusReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.Series
            .Where(s => s.Released is not null)
            .Select(s => new EndOfLifeCycle(s.Series, s.Released, s.SupportedUntil, s.SecurityUntil, s.Latest, s.LatestDate, false))
            .ToList();
    }
}
