using System.Net;
using System.Net.Sockets;
using Herald.Tests.Support;
using Herald.Tests.Web;
using Xunit;

namespace Herald.Tests.Cli;

/// <summary>
/// What the machine can get wrong (a data folder Herald cannot write, a busy port, a malformed
/// <c>--urls</c>) gives one line on standard error naming the value, and exit 1: run as the built
/// <c>herald</c> in a child process, so that an abort (exit 134 and a stack trace) or a portal that
/// starts and answers 503 for ever fails the test.
/// </summary>
public sealed class FaultMessageTests : IDisposable
{
    private readonly PortalProject _project = PortalProject.CreateSmall();
    private readonly string _work;

    public FaultMessageTests()
    {
        _work = _project.NewFolder("work");
    }

    public enum Unwritable
    {
        /// <summary>A regular file where the folder should be.</summary>
        RegularFile,

        /// <summary>A folder below a regular file.</summary>
        UnderAFile,

        /// <summary>A folder without write permission (for root, who writes anyway: a sysfs folder, which nobody may create in).</summary>
        ReadOnly,
    }

    [Theory]
    [InlineData("index", Unwritable.RegularFile)]
    [InlineData("index", Unwritable.UnderAFile)]
    [InlineData("index", Unwritable.ReadOnly)]
    [InlineData("publish", Unwritable.RegularFile)]
    [InlineData("publish", Unwritable.UnderAFile)]
    [InlineData("publish", Unwritable.ReadOnly)]
    [InlineData("serve", Unwritable.RegularFile)]
    [InlineData("serve", Unwritable.UnderAFile)]
    [InlineData("serve", Unwritable.ReadOnly)]
    public void Verb_DataFolderNotWritable_OneLineNamingItAndExit1(string verb, Unwritable kind)
    {
        var data = DataFolder(kind);
        string[] args = verb switch
        {
            "publish" => ["publish", "1.2.0", .. Common(data)],
            "serve" => ["serve", .. Common(data), "--urls", $"http://127.0.0.1:{HeraldProcess.FreePort()}", "--access-log", "off"],
            _ => [verb, .. Common(data)],
        };

        var (code, error, output) = HeraldProcess.Run(_work, args);

        AssertOneLine(code, error, output, $"herald: data folder '{data}'", "--data");
    }

    [Fact]
    public void Serve_PortInUse_OneLineNamingTheAddressAndExit1()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)taken.LocalEndpoint).Port}";

        var (code, error, output) = HeraldProcess.Run(_work, ["serve", .. Common(_project.NewFolder("data")), "--urls", url, "--access-log", "off"]);

        AssertOneLine(code, error, output, $"herald: --urls '{url}': the address is already in use", "--urls http://127.0.0.1:");
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("http://127.0.0.1:99999")]
    [InlineData("ftp://127.0.0.1:8080")]
    public void Serve_MalformedUrls_OneLineNamingThemAndExit1(string urls)
    {
        var (code, error, output) = HeraldProcess.Run(_work, ["serve", .. Common(_project.NewFolder("data")), "--urls", urls, "--access-log", "off"]);

        AssertOneLine(code, error, output, $"herald: --urls '{urls}'", "http://HOST:PORT");
    }

    [Fact]
    public void Serve_HttpsWithoutACertificate_OneLineNamingTheFixAndExit1()
    {
        var url = $"https://127.0.0.1:{HeraldProcess.FreePort()}";

        var (code, error, output) = HeraldProcess.Run(_work, ["serve", .. Common(_project.NewFolder("data")), "--urls", url, "--access-log", "off"]);

        AssertOneLine(code, error, output, $"herald: --urls '{url}': HTTPS needs a certificate", "Kestrel__Certificates__Default__Path");
    }

    [Fact]
    public void Index_TerminatedWhileWaitingForTheMigrationLock_OneLineAndExit130()
    {
        var data = _project.NewFolder("data");
        using var held = new FileStream(Path.Combine(data, "index.db.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        using var index = HeraldProcess.Start(_work, ["index", .. Common(data)]);
        // Well within the 30 s it would wait: started, and waiting for the lock.
        Thread.Sleep(TimeSpan.FromSeconds(5));
        Assert.False(index.HasExited, $"index did not wait for the held lock:\n{index.Output}");
        using (var kill = System.Diagnostics.Process.Start("kill", ["-TERM", index.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }

        var code = index.WaitForExit();

        Assert.True(code == 130, $"expected exit 130, got {code}:\n{index.Output}");
        Assert.Equal("herald: interrupted.\n", index.Error);
    }

    public void Dispose()
    {
        foreach (var folder in Directory.EnumerateDirectories(_work, "read-only-*"))
        {
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        _project.Dispose();
    }

    private static void AssertOneLine(int code, string error, string output, string start, string fix)
    {
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(code == 1 && lines.Length == 1, $"expected exit 1 and one line on stderr, got exit {code}:\n{output}");
        Assert.StartsWith(start, lines[0], StringComparison.Ordinal);
        Assert.Contains(fix, lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", output, StringComparison.Ordinal);
    }

    private string[] Common(string data) => ["--repo", _project.Builder.Path, "--config", _project.ConfigPath, "--data", data];

    private string DataFolder(Unwritable kind)
    {
        var file = Path.Combine(_work, $"file-{Guid.NewGuid():N}");
        switch (kind)
        {
            case Unwritable.RegularFile:
                File.WriteAllText(file, "not a folder\n");
                return file;
            case Unwritable.UnderAFile:
                File.WriteAllText(file, "not a folder\n");
                return Path.Combine(file, "data");
            default:
                var folder = Directory.CreateDirectory(Path.Combine(_work, $"read-only-{Guid.NewGuid():N}")).FullName;
                Assert.False(OperatingSystem.IsWindows(), "the read-only case uses Unix file modes");
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserExecute);
                }

                if (!CanWriteIn(folder))
                {
                    return folder;
                }

                // Root ignores the mode; sysfs refuses new files to everyone.
                Assert.True(Directory.Exists("/sys/kernel"), "running as root without /sys: no folder to test a read-only data folder with");
                Assert.False(CanWriteIn("/sys/kernel"), "/sys/kernel accepts new files here: no folder to test a read-only data folder with");
                return "/sys/kernel/herald-data";
        }
    }

    private static bool CanWriteIn(string folder)
    {
        try
        {
            File.WriteAllText(Path.Combine(folder, "probe"), string.Empty);
            File.Delete(Path.Combine(folder, "probe"));
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
