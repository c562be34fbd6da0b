using System.Diagnostics;
using System.Text;

namespace Herald.History;

/// <summary>
/// The one place that runs git. Arguments are passed as an array (never through a shell), output is
/// streamed, and failures become a <see cref="HeraldException"/> naming the command and git's message.
/// Herald only reads: no command run here writes into the repository.
/// </summary>
public sealed class GitRepository
{
    private static readonly string[] s_baseArguments =
    [
        "-c", "core.quotePath=false",
        "-c", "log.showSignature=false",
        "-c", "color.ui=never",
        "-c", "i18n.logOutputEncoding=UTF-8",
    ];

    private GitRepository(string path, string gitDirectory, bool isBare, bool isShallow)
    {
        Path = path;
        GitDirectory = gitDirectory;
        IsBare = isBare;
        IsShallow = isShallow;
    }

    /// <summary>The folder Herald was pointed at (the work tree, or the bare repository itself).</summary>
    public string Path { get; }

    /// <summary>The absolute path of the git directory.</summary>
    public string GitDirectory { get; }

    /// <summary>Whether the repository is bare (has no work tree).</summary>
    public bool IsBare { get; }

    /// <summary>Whether the repository is a shallow clone (its history is cut).</summary>
    public bool IsShallow { get; }

    /// <summary>
    /// Opens the repository at <paramref name="path"/>, bare or not.
    /// </summary>
    /// <exception cref="HeraldException">The folder does not exist, is not a git repository, or git is missing.</exception>
    public static GitRepository Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = System.IO.Path.GetFullPath(path);
        if (!Directory.Exists(full))
        {
            throw new HeraldException($"repository '{path}' does not exist; pass an existing folder with --repo PATH.");
        }

        string output;
        try
        {
            output = RunToString(full, ["rev-parse", "--absolute-git-dir", "--is-bare-repository", "--is-shallow-repository"]);
        }
        catch (HeraldException e)
        {
            throw new HeraldException($"'{full}' is not a git repository; pass one with --repo PATH ({FirstLine(e.Message)}).", e);
        }

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length < 3)
        {
            throw new HeraldException($"'{full}' is not a git repository; pass one with --repo PATH.");
        }

        var isBare = lines[1] == "true";
        var top = full;
        if (!isBare)
        {
            // Opened from a subfolder: the repository is its work tree's top folder.
            var topLevel = RunToString(full, ["rev-parse", "--show-toplevel"]).Trim();
            top = topLevel.Length > 0 ? System.IO.Path.GetFullPath(topLevel) : full;
        }

        return new GitRepository(top, lines[0], isBare, lines[2] == "true");
    }

    /// <summary>Runs git and returns its whole standard output as text. For short outputs only.</summary>
    public string Run(params string[] arguments) => RunToString(Path, arguments);

    /// <summary>
    /// Runs git and returns true with the trimmed output when it succeeds, false when it exits non-zero
    /// (for questions such as "does this ref exist").
    /// </summary>
    public bool TryRun(out string output, params string[] arguments) => TryRun(out output, out _, arguments);

    /// <summary>
    /// Runs git and returns true with the trimmed output when it succeeds, false when it exits non-zero;
    /// <paramref name="error"/> receives what git wrote on standard error, read while git runs so that a
    /// full error pipe never blocks it.
    /// </summary>
    public bool TryRun(out string output, out string error, params string[] arguments)
    {
        using var process = Start(Path, arguments, redirectInput: false);
        var errorText = process.StandardError.ReadToEndAsync();
        output = process.StandardOutput.ReadToEnd().TrimEnd('\n');
        process.WaitForExit();
        error = errorText.GetAwaiter().GetResult();
        return process.ExitCode == 0;
    }

    /// <summary>
    /// Runs git and hands its standard output to <paramref name="consume"/> as a stream while git runs.
    /// Throws a <see cref="HeraldException"/> with git's message when git fails.
    /// </summary>
    public T Stream<T>(IReadOnlyList<string> arguments, Func<Stream, T> consume, string? standardInput = null)
    {
        ArgumentNullException.ThrowIfNull(consume);
        using var process = Start(Path, arguments, redirectInput: standardInput is not null);
        var error = process.StandardError.ReadToEndAsync();
        if (standardInput is not null)
        {
            var writer = Task.Run(() =>
            {
                process.StandardInput.Write(standardInput);
                process.StandardInput.Close();
            });
            var result = Consume(process, arguments, consume, error);
            writer.GetAwaiter().GetResult();
            return result;
        }

        return Consume(process, arguments, consume, error);
    }

    /// <summary>
    /// Runs git and yields the items <paramref name="parse"/> reads from its standard output, while git
    /// runs. Stopping early ends the git process. Throws a <see cref="HeraldException"/> with git's
    /// message when git fails.
    /// </summary>
    public IEnumerable<T> StreamItems<T>(IReadOnlyList<string> arguments, Func<Stream, IEnumerable<T>> parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        using var process = Start(Path, arguments, redirectInput: false);
        var error = process.StandardError.ReadToEndAsync();
        var completed = false;
        try
        {
            foreach (var item in parse(process.StandardOutput.BaseStream))
            {
                yield return item;
            }

            completed = true;
        }
        finally
        {
            if (!completed)
            {
                TryKill(process);
            }
        }

        process.StandardOutput.BaseStream.CopyTo(System.IO.Stream.Null);
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw Failure(arguments, error.GetAwaiter().GetResult());
        }
    }

    /// <summary>
    /// Runs <c>git first | git second</c>: <paramref name="firstInput"/> goes to the first process, its
    /// output to the second, whose output <paramref name="consume"/> reads. Either failing is an error.
    /// </summary>
    public T Pipeline<T>(IReadOnlyList<string> first, string firstInput, IReadOnlyList<string> second, Func<Stream, T> consume)
    {
        ArgumentNullException.ThrowIfNull(consume);
        using var producer = Start(Path, first, redirectInput: true);
        using var consumer = Start(Path, second, redirectInput: true);
        var producerError = producer.StandardError.ReadToEndAsync();
        var consumerError = consumer.StandardError.ReadToEndAsync();
        var feed = Task.Run(() =>
        {
            producer.StandardInput.Write(firstInput);
            producer.StandardInput.Close();
        });
        var pump = Task.Run(() =>
        {
            try
            {
                producer.StandardOutput.BaseStream.CopyTo(consumer.StandardInput.BaseStream);
            }
            finally
            {
                consumer.StandardInput.Close();
            }
        });
        T result;
        try
        {
            result = consume(consumer.StandardOutput.BaseStream);
            consumer.StandardOutput.BaseStream.CopyTo(System.IO.Stream.Null);
            feed.GetAwaiter().GetResult();
            pump.GetAwaiter().GetResult();
        }
        catch
        {
            TryKill(producer);
            TryKill(consumer);
            throw;
        }

        producer.WaitForExit();
        consumer.WaitForExit();
        if (producer.ExitCode != 0)
        {
            throw Failure(first, producerError.GetAwaiter().GetResult());
        }

        if (consumer.ExitCode != 0)
        {
            throw Failure(second, consumerError.GetAwaiter().GetResult());
        }

        return result;
    }

    private static T Consume<T>(Process process, IReadOnlyList<string> arguments, Func<Stream, T> consume, Task<string> error)
    {
        T result;
        try
        {
            result = consume(process.StandardOutput.BaseStream);
        }
        catch
        {
            TryKill(process);
            throw;
        }

        // Drain what the consumer left so that git never blocks on a full pipe.
        process.StandardOutput.BaseStream.CopyTo(System.IO.Stream.Null);
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw Failure(arguments, error.GetAwaiter().GetResult());
        }

        return result;
    }

    private static string RunToString(string path, IReadOnlyList<string> arguments)
    {
        using var process = Start(path, arguments, redirectInput: false);
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw Failure(arguments, error.GetAwaiter().GetResult());
        }

        return output;
    }

    private static Process Start(string path, IReadOnlyList<string> arguments, bool redirectInput)
    {
        var info = new ProcessStartInfo("git")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = path,
        };
        info.ArgumentList.Add("-C");
        info.ArgumentList.Add(path);
        foreach (var argument in s_baseArguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["GIT_TERMINAL_PROMPT"] = "0";
        info.Environment["GIT_PAGER"] = "cat";
        info.Environment["LC_ALL"] = "C";
        info.Environment["GIT_OPTIONAL_LOCKS"] = "0";

        // git log flushes after every commit when writing to a pipe unless told not to: a write and a
        // wake-up per commit, seconds of system time on a long history.
        info.Environment["GIT_FLUSH"] = "0";
        try
        {
            return Process.Start(info) ?? throw new HeraldException("could not start git; install git and put it on PATH.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new HeraldException("could not start git; install git and put it on PATH.", e);
        }
    }

    private static HeraldException Failure(IReadOnlyList<string> arguments, string standardError)
    {
        var message = FirstLine(standardError.Trim());
        return new HeraldException($"git {string.Join(' ', arguments)} failed: {(message.Length == 0 ? "no message" : message)}");
    }

    private static string FirstLine(string text)
    {
        var newline = text.IndexOf('\n');
        return newline < 0 ? text : text[..newline];
    }

    private static void TryKill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }
}
