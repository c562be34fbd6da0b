using System.Diagnostics;
using Herald.Tests.Support;
using Xunit;

namespace Herald.Tests.Cli;

/// <summary>
/// <c>./run.sh</c>'s own part: which command line it hands to <c>herald</c>. The script runs from a copy in
/// a throwaway repository whose build stamp is current, with a stand-in <c>herald</c> that prints its
/// arguments, so nothing is built.
/// </summary>
public sealed class RunScriptTests : IDisposable
{
    private readonly RepoBuilder _copy = RepoBuilder.Create();
    private readonly TempDirectory _cwd = TempDirectory.Create();

    public RunScriptTests()
    {
        _copy.Commit("run.sh", files: new Dictionary<string, string>
        {
            ["run.sh"] = File.ReadAllText(Path.Combine(SourceRoot(), "run.sh")),
            [".gitignore"] = "artifacts/\n",
        });
        var bin = Directory.CreateDirectory(Path.Combine(_copy.Path, "artifacts", "run")).FullName;
        File.WriteAllText(Path.Combine(bin, "herald"), "#!/bin/sh\nprintf '%s\\n' \"$@\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path.Combine(bin, "herald"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        // What run.sh compares: HEAD, then the first 8 hex digits of the md5 of an empty 'git status --porcelain'.
        File.WriteAllText(Path.Combine(bin, ".built-from"), _copy.ShaOf("HEAD") + "d41d8cd9\n");
    }

    [Fact]
    public void RunSh_RepoWithEquals_ServesThatRepository()
    {
        Assert.Equal(["serve", "--repo=/srv/xen", "--urls", "http://127.0.0.1:9090"], Run("--repo=/srv/xen", "--urls", "http://127.0.0.1:9090"));
    }

    [Fact]
    public void RunSh_RepoWithSpace_ServesThatRepository()
    {
        Assert.Equal(["serve", "--repo", "/srv/xen"], Run("--repo", "/srv/xen"));
    }

    [Fact]
    public void RunSh_NoRepo_ServesTheCurrentFolder()
    {
        Assert.Equal(["serve", "--repo", _cwd.Path, "--urls", "http://127.0.0.1:9090"], Run("--urls", "http://127.0.0.1:9090"));
    }

    [Fact]
    public void RunSh_Verb_PassesItOn()
    {
        Assert.Equal(["stats", "4.19.0", "--repo=/srv/xen"], Run("stats", "4.19.0", "--repo=/srv/xen"));
    }

    public void Dispose()
    {
        _cwd.Dispose();
        _copy.Dispose();
    }

    private List<string> Run(params string[] args)
    {
        var info = new ProcessStartInfo("bash") { WorkingDirectory = _cwd.Path, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(_copy.Path, "run.sh"));
        foreach (var argument in args)
        {
            info.ArgumentList.Add(argument);
        }

        using var child = new ChildProcess(info);
        var code = child.WaitForExit();
        Assert.True(code == 0, $"run.sh failed ({code}):\n{child.Output}");
        Assert.True(child.Error.Length == 0, $"run.sh rebuilt or complained:\n{child.Error}");
        return [.. child.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)];
    }

    private static string SourceRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Herald.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"no Herald.slnx above {AppContext.BaseDirectory}");
    }
}
