using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;
using Herald.Tests.Support;
using Xunit;

namespace Herald.Tests.Cli;

/// <summary>
/// The herald .NET tool as users get it: <c>dotnet pack</c> of Herald.Cli, <c>dotnet tool install</c> of
/// that package into a tool path, then the installed <c>herald</c> command run as a child process on the
/// <see cref="CliRepoFixture"/> project.
/// </summary>
/// <remarks>
/// The install reads only the freshly packed folder (a NuGet.Config that clears every other source) into a
/// private packages folder, so an older Herald package in the machine's NuGet cache, or one of the same
/// name on nuget.org, can never stand in for the one this build made, and no network is needed.
/// </remarks>
public sealed partial class ToolPackageTests(CliRepoFixture fixture) : IClassFixture<CliRepoFixture>
{
    [Fact]
    public void InstalledTool_ReleasesJson_PrintsTheGoldenReleases()
    {
        using var work = TempDirectory.Create();
        var packages = work.CreateSubdirectory("packages");
        var tools = work.CreateSubdirectory("tools");

        Dotnet(work, privatePackages: false, "pack", Path.Combine(RepositoryRoot(), "src", "Herald.Cli", "Herald.Cli.csproj"),
            "-c", BuildConfiguration(), "-o", packages, "--disable-build-servers", "-nologo");
        var package = Assert.Single(Directory.GetFiles(packages, "Herald.*.nupkg"));
        var version = PackageVersion().Match(Path.GetFileName(package));
        Assert.True(version.Success, $"{package} is not named Herald.<version>.nupkg");

        var config = work.WriteFile("NuGet.Config", """
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
              </packageSources>
            </configuration>
            """);
        Dotnet(work, privatePackages: true, "tool", "install", "--tool-path", tools, "--add-source", packages, "--configfile", config,
            "--version", version.Groups[1].Value, "herald");

        var (exitCode, output, error) = Herald(work, Path.Combine(tools, "herald"),
            "releases", "--json", "--repo", fixture.Repo.Path, "--config", fixture.ConfigPath, "--data", work.Combine("data"));

        Assert.True(exitCode == 0, $"the installed herald exited with {exitCode}:\n{error}");
        Assert.Equal(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Golden", "releases.json")), output);
    }

    /// <summary>Runs the dotnet that runs these tests; fails with its output when it exits non-zero.</summary>
    /// <param name="work">The test's folder.</param>
    /// <param name="privatePackages">
    /// Whether NuGet extracts into a packages folder of the test's own (the install). Not for the pack: its
    /// restore would point the source tree's project.assets.json at a folder the test deletes.
    /// </param>
    /// <param name="args">The command line after <c>dotnet</c>.</param>
    private static void Dotnet(TempDirectory work, bool privatePackages, params string[] args)
    {
        var info = StartInfo(work, Path.Combine(DotnetRoot(), "dotnet"), args);
        if (privatePackages)
        {
            info.Environment["NUGET_PACKAGES"] = work.CreateSubdirectory("nuget-packages");
        }

        using var child = new ChildProcess(info);
        // A pack builds the solution's projects: on two busy cores that took more than the usual minute.
        var exitCode = child.WaitForExit(TimeSpan.FromMinutes(5));
        Assert.True(exitCode == 0, $"dotnet {string.Join(' ', args)} exited with {exitCode}:\n{child.Output}");
    }

    /// <summary>Runs the installed command with its standard output and error apart.</summary>
    private static (int ExitCode, string Output, string Error) Herald(TempDirectory work, string herald, params string[] args)
    {
        Assert.True(File.Exists(herald), $"dotnet tool install made no {herald}");
        using var process = Process.Start(StartInfo(work, herald, args))
            ?? throw new InvalidOperationException($"could not start {herald}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(ChildProcess.Patience))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{herald} did not finish in {ChildProcess.Patience}");
        }

        process.WaitForExit();
        return (process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
    }

    private static ProcessStartInfo StartInfo(TempDirectory work, string fileName, IEnumerable<string> args)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = work.Path,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in args)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("GIT_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(key);
        }

        info.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        info.Environment["LC_ALL"] = "C";
        info.Environment["XDG_DATA_HOME"] = work.CreateSubdirectory("xdg");
        // The installed command's launcher finds the runtime through DOTNET_ROOT wherever the SDK lives.
        info.Environment["DOTNET_ROOT"] = DotnetRoot();
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        return info;
    }

    /// <summary>The folder of the dotnet host that runs these tests (the runtime is in its shared/ folder).</summary>
    private static string DotnetRoot()
    {
        var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        return Path.GetFullPath(Path.Combine(runtime, "..", "..", ".."));
    }

    /// <summary>The configuration these tests were built in, so that the pack finds Herald.Cli already built.</summary>
    private static string BuildConfiguration() =>
        typeof(ToolPackageTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration is { Length: > 0 } configuration
            ? configuration
            : "Release";

    private static string RepositoryRoot()
    {
        for (var folder = AppContext.BaseDirectory; !string.IsNullOrEmpty(folder); folder = Path.GetDirectoryName(folder))
        {
            if (File.Exists(Path.Combine(folder, "Herald.slnx")))
            {
                return folder;
            }
        }

        throw new InvalidOperationException($"no Herald.slnx above {AppContext.BaseDirectory}: the test packs the tool from the source tree");
    }

    [GeneratedRegex(@"^Herald\.(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)\.nupkg$")]
    private static partial Regex PackageVersion();
}
