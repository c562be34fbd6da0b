using System.Globalization;
using Herald.Releases;

namespace Herald.Policy;

/// <summary>
/// A branch's own statement of its support dates, the Xen block in <c>SUPPORT.md</c>:
/// <code>
///     Xen-Version: 4.17
///     Initial-Release: 2022-12-12
///     Supported-Until: 2024-06-12
///     Security-Support-Until: 2027-12-12
/// </code>
/// A date still to be decided reads <c>TBD</c> (or, before the release, <c>Unreleased - not yet
/// security-supported</c>): the statement is there, the date is not (null).
/// </summary>
/// <param name="Version">The series the statement names.</param>
/// <param name="InitialRelease">The stated release date, or null.</param>
/// <param name="SupportedUntil">The last day of general support, or null while the statement leaves it undecided.</param>
/// <param name="SecurityUntil">The last day of security support, or null while the statement leaves it undecided.</param>
public sealed record SupportStatement(SeriesId Version, DateOnly? InitialRelease, DateOnly? SupportedUntil, DateOnly? SecurityUntil)
{
    private static readonly string[] s_keys = ["Xen-Version", "Initial-Release", "Supported-Until", "Security-Support-Until"];

    /// <summary>
    /// Reads the block from <paramref name="text"/>; null when the file has no block at all. A block that
    /// is there but malformed is an error naming <paramref name="branch"/>, <paramref name="file"/> and the line.
    /// </summary>
    public static SupportStatement? Parse(string text, string branch, string file, SeriesId expected)
    {
        ArgumentNullException.ThrowIfNull(text);
        var values = new Dictionary<string, (string Value, int Line)>(StringComparer.OrdinalIgnoreCase);
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            var colon = line.IndexOf(':');
            if (colon <= 0)
            {
                continue;
            }

            var key = s_keys.FirstOrDefault(k => k.Equals(line[..colon].Trim(), StringComparison.OrdinalIgnoreCase));
            if (key is not null)
            {
                values.TryAdd(key, (line[(colon + 1)..].Trim(), i + 1));
            }
        }

        if (values.Count == 0)
        {
            return null;
        }

        string Where(string key) => values.TryGetValue(key, out var v) ? $"{branch}:{file}:{v.Line}" : $"{branch}:{file}";

        if (!values.TryGetValue("Xen-Version", out var version) || !SeriesId.TryParse(version.Value, out var series))
        {
            throw new HeraldException($"{Where("Xen-Version")}: 'Xen-Version' must name the series (e.g. 'Xen-Version: {expected}'); fix the statement or set [[policy.series]] dates in herald.toml.");
        }

        if (series != expected)
        {
            throw new HeraldException($"{Where("Xen-Version")}: the statement names {series} but the branch is {expected}; fix the statement or set statement = \"\" in [policy].");
        }

        return new SupportStatement(
            series,
            values.TryGetValue("Initial-Release", out var initial) && TryDate(initial.Value, out var released) ? released : null,
            Date("Supported-Until"),
            Date("Security-Support-Until"));

        DateOnly? Date(string key)
        {
            if (!values.TryGetValue(key, out var entry))
            {
                throw new HeraldException($"{branch}:{file}: the support statement has no '{key}:' line; add one (yyyy-mm-dd).");
            }

            if (IsUndecided(entry.Value))
            {
                return null;
            }

            if (!TryDate(entry.Value, out var date))
            {
                throw new HeraldException($"{Where(key)}: '{key}: {entry.Value}' is not a date; write it as yyyy-mm-dd (or TBD while undecided).");
            }

            return date;
        }
    }

    private static bool IsUndecided(string value) =>
        value.Equals("TBD", StringComparison.OrdinalIgnoreCase) || value.StartsWith("Unreleased", StringComparison.OrdinalIgnoreCase);

    private static bool TryDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
