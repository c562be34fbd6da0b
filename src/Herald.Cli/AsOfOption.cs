using System.CommandLine;
using System.Globalization;

namespace Herald.Cli;

/// <summary>The <c>--as-of YYYY-MM-DD</c> option: the date to judge support on (default: today, UTC).</summary>
internal static class AsOfOption
{
    public static Option<string?> Create() => new("--as-of")
    {
        Description = "The date to judge support on, yyyy-mm-dd (default: today, UTC).",
        HelpName = "YYYY-MM-DD",
    };

    public static DateOnly Read(ParseResult result, Option<string?> option, CliConsole console)
    {
        var text = result.GetValue(option);
        if (text is null)
        {
            return console.Today;
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new HeraldException($"--as-of '{text}' is not a date; write it as yyyy-mm-dd, e.g. --as-of 2025-06-30.");
    }
}
