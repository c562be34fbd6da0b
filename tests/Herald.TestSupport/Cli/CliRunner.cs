using Herald.Tests.Support;
using Herald.Cli;

namespace Herald.Tests.Cli;

/// <summary>Runs <c>herald</c> in-process with captured output, as a pipe (default) or as a terminal.</summary>
public static class CliRunner
{
    /// <summary>Runs <paramref name="args"/> exactly as given.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="currentDirectory">The folder relative paths are read from.</param>
    /// <param name="dataHome">The XDG data home the CLI would use without <c>--data</c>.</param>
    /// <param name="terminal">Whether standard output is a terminal (tables) rather than a pipe (plain text).</param>
    /// <param name="width">The terminal width.</param>
    public static async Task<CliResult> RunAsync(string[] args, string currentDirectory, string dataHome, bool terminal = false, int width = 120)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var console = new CliConsole(output, error, terminal, errorIsTerminal: false, width, currentDirectory, dataHome);

        InProcessCli.RefuseServe(args);
        var exitCode = await HeraldCli.RunAsync(args, console);

        return new CliResult(exitCode, Normalise(output.ToString()), Normalise(error.ToString()));
    }

    private static string Normalise(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);
}
