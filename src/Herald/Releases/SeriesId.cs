using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Herald.Releases;

/// <summary>A release series <c>major.minor</c> (a stable branch's worth of releases), ordered numerically.</summary>
public readonly record struct SeriesId(int Major, int Minor) : IComparable<SeriesId>
{
    /// <summary>Parses <c>X.Y</c>.</summary>
    /// <exception cref="FormatException">The text is not a series.</exception>
    public static SeriesId Parse(string text) =>
        TryParse(text, out var series) ? series : throw new FormatException($"'{text}' is not a series like 4.9.");

    /// <summary>Tries to parse <c>X.Y</c>.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out SeriesId series)
    {
        series = default;
        if (string.IsNullOrEmpty(text) || text.Count(c => c == '.') != 1 || !ReleaseVersion.TryParse(text, out var version))
        {
            return false;
        }

        series = version.Series;
        return true;
    }

    /// <inheritdoc />
    public int CompareTo(SeriesId other)
    {
        var result = Major.CompareTo(other.Major);
        return result == 0 ? Minor.CompareTo(other.Minor) : result;
    }

    /// <summary>Orders series numerically.</summary>
    public static bool operator <(SeriesId left, SeriesId right) => left.CompareTo(right) < 0;

    /// <summary>Orders series numerically.</summary>
    public static bool operator >(SeriesId left, SeriesId right) => left.CompareTo(right) > 0;

    /// <summary>Orders series numerically.</summary>
    public static bool operator <=(SeriesId left, SeriesId right) => left.CompareTo(right) <= 0;

    /// <summary>Orders series numerically.</summary>
    public static bool operator >=(SeriesId left, SeriesId right) => left.CompareTo(right) >= 0;

    /// <summary>Returns <c>major.minor</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}");
}
