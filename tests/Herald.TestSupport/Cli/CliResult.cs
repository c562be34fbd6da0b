namespace Herald.Tests.Cli;

/// <summary>What one in-process run of <c>herald</c> produced.</summary>
/// <param name="ExitCode">The exit code <c>HeraldCli.RunAsync</c> returned.</param>
/// <param name="Out">Everything written to standard output ('\n' line ends).</param>
/// <param name="Error">Everything written to standard error ('\n' line ends).</param>
public sealed record CliResult(int ExitCode, string Out, string Error)
{
    /// <summary>The non-empty lines of standard error.</summary>
    public IReadOnlyList<string> ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The lines of standard output without the final empty one.</summary>
    public IReadOnlyList<string> OutLines => Out.TrimEnd('\n').Split('\n');

    /// <inheritdoc />
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Out}\n--- stderr ---\n{Error}";
}
