using Spectre.Console;

namespace Herald.Cli;

/// <summary>Where a command writes: standard output and error, and whether they are terminals.</summary>
internal sealed class CliConsole
{
    public CliConsole(TextWriter output, TextWriter error, bool outputIsTerminal, bool errorIsTerminal, int width, string currentDirectory, string dataHome, TimeProvider? clock = null)
    {
        Clock = clock ?? TimeProvider.System;
        Out = output;
        Error = error;
        OutputIsTerminal = outputIsTerminal;
        ErrorIsTerminal = errorIsTerminal;
        Width = width;
        CurrentDirectory = currentDirectory;
        DataHome = dataHome;
        Ansi = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = outputIsTerminal && !Console.IsOutputRedirected ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = outputIsTerminal && !Console.IsOutputRedirected ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        Ansi.Profile.Width = width;
    }

    /// <summary>"Now", for every date that depends on it (status, embargoes).</summary>
    public TimeProvider Clock { get; }

    /// <summary>Today's date in UTC.</summary>
    public DateOnly Today => DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);

    /// <summary>Notes for standard error, printed once the command has succeeded (so an error stays one line).</summary>
    public List<string> Notes { get; } = [];

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    /// <summary>Whether standard output is a terminal: tables then, plain text otherwise.</summary>
    public bool OutputIsTerminal { get; }

    /// <summary>Whether standard error is a terminal: progress is shown only then.</summary>
    public bool ErrorIsTerminal { get; }

    public int Width { get; }

    public string CurrentDirectory { get; }

    public string DataHome { get; }

    /// <summary>Spectre's console over <see cref="Out"/>.</summary>
    public IAnsiConsole Ansi { get; }

    public static CliConsole FromSystem()
    {
        var outputIsTerminal = !Console.IsOutputRedirected;
        var width = 120;
        if (outputIsTerminal)
        {
            try
            {
                width = Math.Max(60, Console.WindowWidth);
            }
            catch (IOException)
            {
                width = 120;
            }
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return new CliConsole(
            Console.Out,
            Console.Error,
            outputIsTerminal,
            !Console.IsErrorRedirected,
            width,
            Environment.CurrentDirectory,
            HeraldProject.DefaultDataHome(Environment.GetEnvironmentVariable("XDG_DATA_HOME"), home));
    }
}
