using System.CommandLine;
using Herald.Storage;

namespace Herald.Cli.Commands;

/// <summary><c>herald index</c>: builds or refreshes the portal's index.</summary>
internal static class IndexCommand
{
    public static Option<string?> DatabaseOption() => new("--database")
    {
        Description = "A PostgreSQL connection string (Host=…;Database=…); default: SQLite index.db in the data folder, or [storage] database.",
        HelpName = "CONNECTION",
    };

    public static Command Create(CliConsole console)
    {
        var common = new CommonOptions();
        var database = DatabaseOption();
        var command = new Command("index", """
            Builds or refreshes the index the portal serves: commits, releases with their statistics and
            change lists, series with their status and backports. Incremental: only commits and tags new
            since the last run are read; with nothing new it returns at once. Each run is one transaction,
            so an interrupted run leaves the previous index in place.

            Example:
              herald index --repo ~/src/xen --data /srv/herald
              herald index --database "Host=db;Database=herald;Username=herald;Password=secret"
            """);
        common.AddTo(command);
        command.Options.Add(database);
        command.SetAction(async (result, cancellationToken) =>
        {
            var project = common.Open(result, console);
            DataFolder.EnsureWritable(project.DataDirectory);
            var db = IndexDatabase.For(project.DataDirectory, result.GetValue(database) ?? project.Config.Database);
            IndexResult outcome;
            using (var progress = new ProgressDisplay(console, "indexing"))
            {
                outcome = await new Indexer(project, db, console.Clock).RunAsync(progress, cancellationToken);
            }

            if (result.GetValue(common.Json))
            {
                console.Out.WriteLine(HeraldJson.Serialize(outcome));
            }
            else
            {
                console.Out.WriteLine(outcome.Changed
                    ? $"indexed {outcome.NewCommits:N0} new commits, {outcome.Releases:N0} releases, {outcome.Series:N0} series in {outcome.Elapsed.TotalSeconds:0.0} s"
                    : $"index up to date ({outcome.Elapsed.TotalSeconds:0.00} s)");
            }

            return 0;
        });
        return command;
    }
}
