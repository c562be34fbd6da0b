using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Herald.Releases;

/// <summary>
/// A release number, ordered numerically (4.10.0 comes after 4.9.4): <c>major.minor.patch</c>, with an
/// optional fourth part for a maintenance release of a maintenance release (<c>1.4.1.1</c>, after 1.4.1
/// and before 1.4.2) and an optional letter suffix (<c>1.1.1w</c>, after <c>1.1.1v</c>; <c>za</c> after
/// <c>z</c>). A two-part number such as <c>1.2</c> reads as <c>1.2.0</c>.
/// </summary>
public readonly record struct ReleaseVersion : IComparable<ReleaseVersion>
{
    /// <summary>Creates <c>major.minor.patch[.build][letter]</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A part is negative, or the letter suffix is not one or two lowercase ASCII letters.</exception>
    public ReleaseVersion(int major, int minor, int patch, int build = 0, string? letter = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(major);
        ArgumentOutOfRangeException.ThrowIfNegative(minor);
        ArgumentOutOfRangeException.ThrowIfNegative(patch);
        ArgumentOutOfRangeException.ThrowIfNegative(build);
        if (letter is { Length: > 0 } && !IsLetterSuffix(letter))
        {
            throw new ArgumentOutOfRangeException(nameof(letter), letter, "a letter suffix is one or two lowercase letters (a, w, za)");
        }

        Major = major;
        Minor = minor;
        Patch = patch;
        Build = build;
        Letter = string.IsNullOrEmpty(letter) ? null : letter;
    }

    /// <summary>The first part.</summary>
    public int Major { get; }

    /// <summary>The second part.</summary>
    public int Minor { get; }

    /// <summary>The third part (0 when the version has two parts).</summary>
    public int Patch { get; }

    /// <summary>The fourth part, or 0 when the version has three parts or fewer.</summary>
    public int Build { get; }

    /// <summary>The letter suffix (<c>w</c> of <c>1.1.1w</c>), or null.</summary>
    public string? Letter { get; }

    /// <summary>The series this release belongs to (<c>major.minor</c>).</summary>
    public SeriesId Series => new(Major, Minor);

    /// <summary>Whether this is the first release of its series (<c>X.Y.0</c>, no fourth part, no letter).</summary>
    public bool IsSeriesStart => Patch == 0 && Build == 0 && Letter is null;

    /// <summary>Parses <c>X.Y</c>, <c>X.Y.Z</c> or <c>X.Y.Z.W</c>, each optionally followed by a letter suffix.</summary>
    /// <exception cref="FormatException">The text is not a version.</exception>
    public static ReleaseVersion Parse(string text) =>
        TryParse(text, out var version) ? version : throw new FormatException($"'{text}' is not a version like 4.9.0.");

    /// <summary>
    /// Tries to parse <c>X.Y</c>, <c>X.Y.Z</c> or <c>X.Y.Z.W</c> (digits only, no sign, no spaces),
    /// optionally followed by one or two lowercase letters (<c>1.1.1w</c>).
    /// </summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out ReleaseVersion version)
    {
        version = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var letters = 0;
        while (letters < text.Length && char.IsAsciiLetterLower(text[^(letters + 1)]))
        {
            letters++;
        }

        if (letters > 2)
        {
            return false;
        }

        var parts = text[..^letters].Split('.');
        if (parts.Length is < 2 or > 4 || (letters > 0 && parts.Length == 2))
        {
            return false;
        }

        Span<int> numbers = stackalloc int[4];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!TryParsePart(parts[i], out numbers[i]))
            {
                return false;
            }
        }

        version = new ReleaseVersion(numbers[0], numbers[1], numbers[2], numbers[3], letters > 0 ? text[^letters..] : null);
        return true;
    }

    /// <summary>Reads one numeric part (ASCII digits, at most nine).</summary>
    internal static bool TryParsePart(string text, out int value)
    {
        value = 0;
        return text.Length is > 0 and <= 9 && text.All(char.IsAsciiDigit)
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Whether <paramref name="text"/> is a valid letter suffix (one or two lowercase ASCII letters).</summary>
    internal static bool IsLetterSuffix(string text) => text.Length is 1 or 2 && text.All(char.IsAsciiLetterLower);

    /// <inheritdoc />
    public int CompareTo(ReleaseVersion other)
    {
        var result = Major.CompareTo(other.Major);
        if (result == 0)
        {
            result = Minor.CompareTo(other.Minor);
        }

        if (result == 0)
        {
            result = Patch.CompareTo(other.Patch);
        }

        if (result == 0)
        {
            result = Build.CompareTo(other.Build);
        }

        if (result == 0)
        {
            // No letter, then a..z, then za..zz: shorter suffixes first, then alphabetical.
            result = (Letter?.Length ?? 0).CompareTo(other.Letter?.Length ?? 0);
            if (result == 0)
            {
                result = string.CompareOrdinal(Letter, other.Letter);
            }
        }

        return result;
    }

    /// <summary>Orders versions numerically.</summary>
    public static bool operator <(ReleaseVersion left, ReleaseVersion right) => left.CompareTo(right) < 0;

    /// <summary>Orders versions numerically.</summary>
    public static bool operator >(ReleaseVersion left, ReleaseVersion right) => left.CompareTo(right) > 0;

    /// <summary>Orders versions numerically.</summary>
    public static bool operator <=(ReleaseVersion left, ReleaseVersion right) => left.CompareTo(right) <= 0;

    /// <summary>Orders versions numerically.</summary>
    public static bool operator >=(ReleaseVersion left, ReleaseVersion right) => left.CompareTo(right) >= 0;

    /// <summary>Returns <c>major.minor.patch</c>, then <c>.build</c> when there is a fourth part, then the letter suffix.</summary>
    public override string ToString() => Build == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}.{Patch}{Letter}")
        : string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}.{Patch}.{Build}{Letter}");
}
