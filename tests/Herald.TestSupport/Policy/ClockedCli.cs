using Herald.Tests.Support;
using System.Text.Json;
using Herald.Cli;
using Microsoft.Extensions.Time.Testing;

namespace Herald.Tests.Policy;

/// <summary>Runs <c>herald</c> in-process, piped, with a fake clock fixed at a given instant.</summary>
public static class ClockedCli
{
    /// <summary>Runs <paramref name="args"/> exactly as given with "now" at <paramref name="now"/>.</summary>
    public static async Task<ClockedRun> RunAsync(string[] args, string currentDirectory, string dataHome, DateTimeOffset now)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var clock = new FakeTimeProvider(now);
        var console = new CliConsole(output, error, outputIsTerminal: false, errorIsTerminal: false, 120, currentDirectory, dataHome, clock);

        InProcessCli.RefuseServe(args);
        var exitCode = await HeraldCli.RunAsync(args, console);

        return new ClockedRun(exitCode, output.ToString(), error.ToString());
    }
}

/// <summary>What one run produced.</summary>
public sealed record ClockedRun(int ExitCode, string Out, string Error)
{
    /// <summary>The non-empty lines of standard error.</summary>
    public IReadOnlyList<string> ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Standard output parsed as JSON.</summary>
    public JsonElement Json()
    {
        using var document = JsonDocument.Parse(Out);
        return document.RootElement.Clone();
    }

    /// <summary>The property names of a JSON object.</summary>
    public static IReadOnlyList<string> Keys(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name)];

    /// <inheritdoc />
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Out}\n--- stderr ---\n{Error}";
}
