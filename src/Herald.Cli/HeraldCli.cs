using System.CommandLine;
using Herald.Cli.Commands;

namespace Herald.Cli;

/// <summary>The <c>herald</c> command: parses, runs a verb, maps errors to exit codes.</summary>
internal static class HeraldCli
{
    /// <summary>Exit code of a user error (bad config, unknown version, …).</summary>
    public const int UserError = 1;

    /// <summary>Exit code of bad usage (unknown option, missing argument).</summary>
    public const int UsageError = 2;

    /// <summary>Exit code after Ctrl-C or SIGTERM stopped a verb (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;

    public static RootCommand Build(CliConsole console)
    {
        var root = new RootCommand("Herald: the release desk for projects with long-lived stable branches.");
        root.Subcommands.Add(ReleasesCommand.Create(console));
        root.Subcommands.Add(StatsCommand.Create(console));
        root.Subcommands.Add(ShortlogCommand.Create(console));
        root.Subcommands.Add(StatusCommand.Create(console));
        root.Subcommands.Add(BackportsCommand.Create(console));
        root.Subcommands.Add(ContainsCommand.Create(console));
        root.Subcommands.Add(IndexCommand.Create(console));
        root.Subcommands.Add(ServeCommand.Create(console));
        root.Subcommands.Add(KeyCommand.Create(console));
        root.Subcommands.Add(PublishCommand.Create(console));
        root.Subcommands.Add(ImportCommand.Create(console));
        root.Subcommands.Add(PostCommand.Create(console));
        root.Subcommands.Add(UserCommand.Create(console));
        root.Subcommands.Add(AnnounceCommand.Create(console));
        root.Subcommands.Add(AdvisoryCommand.Create(console));
        root.Subcommands.Add(PredisclosureCommand.Create(console));
        return root;
    }

    public static async Task<int> RunAsync(string[] args, CliConsole console)
    {
        var root = Build(console);
        var result = root.Parse(args);
        if (result.Errors.Count > 0)
        {
            foreach (var error in result.Errors)
            {
                await console.Error.WriteLineAsync("herald: " + error.Message);
            }

            await console.Error.WriteLineAsync("Run 'herald --help' for usage.");
            return UsageError;
        }

        var configuration = new InvocationConfiguration { Output = console.Out, Error = console.Error, EnableDefaultExceptionHandler = false };
        try
        {
            var exitCode = await result.InvokeAsync(configuration);
            if (exitCode == 0)
            {
                foreach (var note in console.Notes)
                {
                    await console.Error.WriteLineAsync(note);
                }
            }

            return exitCode;
        }
        catch (HeraldException e)
        {
            await console.Error.WriteLineAsync("herald: " + e.Message);
            return UserError;
        }
        catch (OperationCanceledException e) when (e.InnerException is not TimeoutException)
        {
            // Ctrl-C or SIGTERM cancelled the verb: every writer leaves the previous state whole, nothing to report but that.
            await console.Error.WriteLineAsync("herald: interrupted.");
            return Interrupted;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The machine's files, not a bug: .NET's message names the path; a stack trace would not help.
            await console.Error.WriteLineAsync("herald: " + e.Message);
            return UserError;
        }
    }
}
