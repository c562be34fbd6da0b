using System.CommandLine;
using Herald.Storage;

namespace Herald.Cli.Commands;

/// <summary>
/// The options and the opening of the index database for verbs that read or write what people write in it
/// (posts, accounts): the same database <c>herald index</c> and <c>herald serve</c> use.
/// </summary>
internal sealed class ProjectDatabase
{
    public CommonOptions Common { get; } = new();

    public Option<string?> Database { get; } = IndexCommand.DatabaseOption();

    public void AddTo(Command command)
    {
        Common.AddTo(command);
        command.Options.Add(Database);
    }

    /// <summary>Opens the project and its index database, migrated.</summary>
    public async Task<(HeraldProject Project, IndexDatabase Database)> OpenAsync(ParseResult result, CliConsole console, CancellationToken cancellationToken)
    {
        var project = Common.Open(result, console);
        var database = IndexDatabase.For(project.DataDirectory, result.GetValue(Database) ?? project.Config.Database);
        await database.EnsureMigratedAsync(new Progress<string>(waiting => console.Error.WriteLine("herald: " + waiting)), cancellationToken);
        return (project, database);
    }
}
