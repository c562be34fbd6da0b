using System.Text.Json;
using System.Diagnostics;
using Herald.Tests.Support;
using Herald.Web;
using Herald.Web.Serving;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Herald.Tests.Web;

/// <summary>The portal's request log: one JSON line per request, with the status the client got.</summary>
public sealed class AccessLogTests : IDisposable
{
    private readonly PortalProject _project = PortalProject.CreateSmall();

    [Fact]
    public async Task Requests_LogFile_OneJsonLineEachWithTheStatusTheClientGot()
    {
        var log = await ServeAsync(
            new HttpRequestMessage(HttpMethod.Get, "/releases?page=2"),
            new HttpRequestMessage(HttpMethod.Get, "/releases/9.9.9"),
            new HttpRequestMessage(HttpMethod.Post, "/api/status"));

        var entries = Read(log);
        var releases = Assert.Single(entries, e => PathOf(e) == "/releases");
        Assert.Equal("GET", releases.GetProperty("method").GetString());
        Assert.Equal("?page=2", releases.GetProperty("query").GetString());
        Assert.Equal(200, releases.GetProperty("status").GetInt32());
        Assert.True(releases.GetProperty("duration_ms").GetDouble() >= 0);
        Assert.Equal(PortalProject.Now, releases.GetProperty("time").GetDateTimeOffset());

        // The 404 page is rendered by re-executing the pipeline; the log keeps the path that was asked for.
        Assert.Equal(404, Assert.Single(entries, e => PathOf(e) == "/releases/9.9.9").GetProperty("status").GetInt32());
        Assert.DoesNotContain(entries, e => PathOf(e) == "/not-found");
        var post = Assert.Single(entries, e => PathOf(e) == "/api/status");
        Assert.Equal(("POST", 405), (post.GetProperty("method").GetString(), post.GetProperty("status").GetInt32()));
    }

    [Fact]
    public async Task HostilePath_LogFile_StaysOneLineOfValidJson()
    {
        var log = await ServeAsync(new HttpRequestMessage(HttpMethod.Get, "/log/a%22b%0A%7B%22status%22:200%7D%3Cscript%3E"));

        var lines = File.ReadAllLines(log);
        var entries = Read(log);
        Assert.Equal(lines.Length, entries.Count);
        var hostile = Assert.Single(entries, e => PathOf(e).StartsWith("/log/", StringComparison.Ordinal));
        Assert.Equal("/log/a\"b\n{\"status\":200}<script>", PathOf(hostile));
        Assert.Equal(404, hostile.GetProperty("status").GetInt32());
    }

    [Fact]
    public void Serve_AccessLogInMissingFolder_FailsNamingIt()
    {
        var log = Path.Combine(_project.NewFolder("logs"), "no-such-folder", "access.log");

        // A child process: serve prepares the process it runs in for serving, and the test process is not one.
        var (code, stderr, _) = HeraldProcess.Run(_project.NewFolder("work"), "serve", "--repo", _project.Builder.Path, "--config", _project.ConfigPath,
            "--data", _project.NewFolder("data"), "--access-log", log, "--urls", "http://127.0.0.1:1");

        Assert.Equal(1, code);
        var error = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(log, error, StringComparison.Ordinal);
        Assert.Contains("'-' for standard output or 'off'", error, StringComparison.Ordinal);
        Assert.False(File.Exists(log));
    }

    [Fact]
    public async Task Queued_WrittenOnTheFlushInterval_NotBefore()
    {
        var path = Path.Combine(_project.NewFolder("logs"), "access.log");
        var clock = new FakeTimeProvider(PortalProject.Now);
        using var log = new AccessLogWriter(path, clock);
        await log.StartAsync(CancellationToken.None);

        for (var i = 0; i < 3; i++)
        {
            log.Add(Entry("/releases/" + i, clock));
        }

        await Task.Delay(200);
        Assert.Empty(File.ReadAllLines(path));
        clock.Advance(AccessLogWriter.FlushInterval);
        var deadline = Stopwatch.StartNew();
        while (File.ReadAllLines(path).Length < 3 && deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(20);
        }

        Assert.Equal(["/releases/0", "/releases/1", "/releases/2"], Read(path).Select(PathOf));
        await log.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Full_DropsBeyondCapacity_AndSaysHowMany()
    {
        var path = Path.Combine(_project.NewFolder("logs"), "access.log");
        var clock = new FakeTimeProvider(PortalProject.Now);
        var log = new AccessLogWriter(path, clock);
        await log.StartAsync(CancellationToken.None);

        // The clock never moves, so nothing is written until the log is disposed: the queue fills.
        for (var i = 0; i < AccessLogWriter.Capacity + 5; i++)
        {
            log.Add(Entry("/", clock));
        }

        await log.StopAsync(CancellationToken.None);
        log.Dispose();

        var entries = Read(path);
        Assert.Equal(AccessLogWriter.Capacity + 1, entries.Count);
        Assert.Equal(AccessLogWriter.Capacity, entries.Count(e => e.TryGetProperty("path", out _)));
        Assert.Equal(5, entries[^1].GetProperty("dropped").GetInt64());
    }

    public void Dispose() => _project.Dispose();

    private static AccessLogEntry Entry(string path, TimeProvider clock) =>
        new(clock.GetUtcNow(), "GET", path, null, 200, Stopwatch.GetTimestamp(), Stopwatch.GetTimestamp(), System.Net.IPAddress.Loopback);

    private PortalOptions Options(string? log) => new()
    {
        Repository = _project.Builder.Path,
        Config = _project.ConfigPath,
        Data = _project.NewFolder("data"),
        AccessLog = log,
    };

    // Sends the requests to a portal logging to a new file, then stops it; every answered request is in the
    // file by then. Returns the file.
    private async Task<string> ServeAsync(params HttpRequestMessage[] requests)
    {
        var log = Path.Combine(_project.NewFolder("logs"), "access.log");
        await using var host = PortalHost.Start(Options(log), PortalProject.Now);
        await host.WaitUntilHealthyAsync();
        foreach (var request in requests)
        {
            using (request)
            {
                (await host.Client.SendAsync(request)).Dispose();
            }
        }

        return log;
    }

    private static List<JsonElement> Read(string log) =>
        File.ReadAllLines(log).Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();

    private static string PathOf(JsonElement entry) => entry.GetProperty("path").GetString()!;
}
