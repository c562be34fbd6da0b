using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Herald.Releases;

/// <summary>
/// A release number <c>major.minor.patch</c>, ordered numerically (4.10.0 comes after 4.9.4).
/// A two-part number such as <c>1.2</c> reads as <c>1.2.0</c>.
/// </summary>
public readonly record struct ReleaseVersion(int Major, int Minor, int Patch) : IComparable<ReleaseVersion>
{
    /// <summary>The series this release belongs to (<c>major.minor</c>).</summary>
    public SeriesId Series => new(Major, Minor);

    /// <summary>Whether this is the first release of its series (<c>X.Y.0</c>).</summary>
    public bool IsSeriesStart => Patch == 0;

    /// <summary>Parses <c>X.Y.Z</c> or <c>X.Y</c>.</summary>
    /// <exception cref="FormatException">The text is not a version.</exception>
    public static ReleaseVersion Parse(string text) =>
        TryParse(text, out var version) ? version : throw new FormatException($"'{text}' is not a version like 4.9.0.");

    /// <summary>Tries to parse <c>X.Y.Z</c> or <c>X.Y</c> (digits only, no sign, no spaces).</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out ReleaseVersion version)
    {
        version = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var parts = text.Split('.');
        if (parts.Length is < 2 or > 3)
        {
            return false;
        }

        Span<int> numbers = stackalloc int[3];
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i].Length is 0 or > 9 || !parts[i].All(char.IsAsciiDigit)
                || !int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i]))
            {
                return false;
            }
        }

        version = new ReleaseVersion(numbers[0], numbers[1], parts.Length == 3 ? numbers[2] : 0);
        return true;
    }

    /// <inheritdoc />
    public int CompareTo(ReleaseVersion other)
    {
        var result = Major.CompareTo(other.Major);
        if (result == 0)
        {
            result = Minor.CompareTo(other.Minor);
        }

        return result == 0 ? Patch.CompareTo(other.Patch) : result;
    }

    /// <summary>Orders versions numerically.</summary>
    public static bool operator <(ReleaseVersion left, ReleaseVersion right) => left.CompareTo(right) < 0;

    /// <summary>Orders versions numerically.</summary>
    public static bool operator >(ReleaseVersion left, ReleaseVersion right) => left.CompareTo(right) > 0;

    /// <summary>Orders versions numerically.</summary>
    public static bool operator <=(ReleaseVersion left, ReleaseVersion right) => left.CompareTo(right) <= 0;

    /// <summary>Orders versions numerically.</summary>
    public static bool operator >=(ReleaseVersion left, ReleaseVersion right) => left.CompareTo(right) >= 0;

    /// <summary>Returns <c>major.minor.patch</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}.{Patch}");
}
