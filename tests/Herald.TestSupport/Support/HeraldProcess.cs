using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Xunit;

namespace Herald.Tests.Support;

/// <summary>Starts the built <c>herald</c> command as a child process, with git and HOME kept from the machine's settings.</summary>
public static class HeraldProcess
{
    /// <summary>Starts <c>herald <paramref name="args"/></c> in <paramref name="workingDirectory"/>.</summary>
    public static ChildProcess Start(string workingDirectory, params string[] args)
    {
        var herald = Path.Combine(AppContext.BaseDirectory, "herald.dll");
        Assert.True(File.Exists(herald), $"{herald} is missing: the test project references Herald.Cli, so the build should copy it");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var info = new ProcessStartInfo(dotnet)
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(herald);
        foreach (var argument in args)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("GIT_", StringComparison.Ordinal) || k.StartsWith("HERALD_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(key);
        }

        info.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        info.Environment["HOME"] = Directory.CreateDirectory(Path.Combine(workingDirectory, ".home")).FullName;
        info.Environment["XDG_DATA_HOME"] = Directory.CreateDirectory(Path.Combine(workingDirectory, ".xdg")).FullName;
        info.Environment["LC_ALL"] = "C";
        return new ChildProcess(info);
    }

    /// <summary>Runs <c>herald <paramref name="args"/></c> to its end; returns the exit code and standard error.</summary>
    public static (int ExitCode, string Error, string Output) Run(string workingDirectory, params string[] args)
    {
        using var child = Start(workingDirectory, args);
        var code = child.WaitForExit();
        return (code, child.Error, child.Output);
    }

    /// <summary>A TCP port free on 127.0.0.1 a moment ago.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Polls <paramref name="url"/> until it answers 200; fails when <paramref name="child"/> ends or <see cref="ChildProcess.Patience"/> passes.</summary>
    public static async Task WaitUntilHealthyAsync(ChildProcess child, HttpClient client, string url)
    {
        var clock = Stopwatch.StartNew();
        var last = "no answer";
        while (clock.Elapsed < ChildProcess.Patience)
        {
            Assert.False(child.HasExited, $"herald serve ended before {url} answered 200:\n{child.Output}");
            try
            {
                using var response = await client.GetAsync(url);
                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException e)
            {
                last = e.Message;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"{url} did not answer 200 in {ChildProcess.Patience}; last answer: {last}\n{child.Output}");
    }
}
