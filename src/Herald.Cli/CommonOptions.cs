using System.CommandLine;

namespace Herald.Cli;

/// <summary>The options every verb takes.</summary>
internal sealed class CommonOptions
{
    public Option<string> Repo { get; } = new("--repo")
    {
        Description = "The git repository to read, bare or not (default: the current folder).",
        DefaultValueFactory = _ => ".",
        HelpName = "PATH",
    };

    public Option<string?> Config { get; } = new("--config")
    {
        Description = "The configuration file (default: herald.toml beside the repository).",
        HelpName = "FILE",
    };

    public Option<string?> Data { get; } = new("--data")
    {
        Description = "Herald's own data folder: caches, index, artifacts (default: $XDG_DATA_HOME/herald/<slug>).",
        HelpName = "DIR",
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Print JSON (a documented, versioned contract) instead of a table.",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Repo);
        command.Options.Add(Config);
        command.Options.Add(Data);
        command.Options.Add(Json);
    }

    public HeraldProject Open(ParseResult result, CliConsole console)
    {
        var project = HeraldProject.Open(
            result.GetValue(Repo) ?? ".",
            result.GetValue(Config),
            result.GetValue(Data),
            console.CurrentDirectory,
            console.DataHome);
        if (project.Config.DetectionNote is { } note && !result.GetValue(Json))
        {
            console.Notes.Add("herald: " + note);
        }

        return project;
    }
}
