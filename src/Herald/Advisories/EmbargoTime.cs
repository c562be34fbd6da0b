using System.Globalization;

namespace Herald.Advisories;

/// <summary>The end of an embargo as people give it: an ISO-8601 time in UTC, nothing else (a local time would move it).</summary>
public static class EmbargoTime
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd'T'HH:mm'Z'",
        "yyyy-MM-dd'T'HH:mm:ss'Z'",
        "yyyy-MM-dd'T'HH:mm'+00:00'",
        "yyyy-MM-dd'T'HH:mm:ss'+00:00'",
    ];

    /// <summary>Reads <paramref name="text"/>: <c>2030-01-01T12:00Z</c>, <c>2030-01-01T12:00:00Z</c> or with <c>+00:00</c>.</summary>
    /// <exception cref="HeraldException">Any other form, an offset other than UTC, or no such date.</exception>
    public static DateTimeOffset Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (!DateTime.TryParseExact(trimmed, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
        {
            var shown = trimmed.Length > 40 ? trimmed[..40] + "…" : trimmed;
            throw new HeraldException($"--embargo-until '{shown}' is not a UTC time; give it as ISO-8601 in UTC, e.g. --embargo-until 2030-01-01T12:00Z.");
        }

        return new DateTimeOffset(DateTime.SpecifyKind(parsed, DateTimeKind.Utc));
    }
}
