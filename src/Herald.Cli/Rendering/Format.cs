using System.Globalization;

namespace Herald.Cli.Rendering;

/// <summary>How numbers and dates look in tables: invariant, with thousands separators.</summary>
internal static class Format
{
    public static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Percent(double value) => value.ToString("0.0", CultureInfo.InvariantCulture) + "%";

    public static string Growth(double? value) => value switch
    {
        null => "n/a",
        >= 0 => "+" + value.Value.ToString("0.0", CultureInfo.InvariantCulture) + "%",
        _ => value.Value.ToString("0.0", CultureInfo.InvariantCulture) + "%",
    };

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string ShortSha(string sha) => sha.Length > 12 ? sha[..12] : sha;
}
