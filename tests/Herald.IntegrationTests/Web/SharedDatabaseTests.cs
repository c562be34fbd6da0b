using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Herald.Tests.Storage;
using Herald.Tests.Support;
using Xunit;

namespace Herald.Tests.Web;

/// <summary>
/// Two <c>herald serve</c> child processes on one PostgreSQL database, each with its own data folder, as two
/// machines behind one address would run: refreshed at once, one writes and the other waits, and both serve
/// what was written.
/// </summary>
public sealed class SharedDatabaseTests : IAsyncLifetime
{
    private const string Token = "shared-database-token";

    private readonly PortalProject _project = PortalProject.CreateSmall();
    private PostgresTestDatabase? _database;

    public async Task InitializeAsync() => _database = await PostgresTestDatabase.CreateAsync();

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        _project.Dispose();
    }

    [Fact]
    public async Task Serve_TwoInstancesRefreshedAtOnce_BothServeTheNewCommitsWithoutAnError()
    {
        using var client = new HttpClient();
        var ports = new[] { HeraldProcess.FreePort(), HeraldProcess.FreePort() };
        using var first = StartServe(ports[0]);
        using var second = StartServe(ports[1]);
        await HeraldProcess.WaitUntilHealthyAsync(first, client, Url(ports[0], "/healthz"));
        await HeraldProcess.WaitUntilHealthyAsync(second, client, Url(ports[1], "/healthz"));
        var before = await Task.WhenAll(ports.Select(p => UnreleasedAsync(client, p, "1.2")));
        Assert.Equal(new[] { 0, 0 }, before);

        var b = _project.Builder.Checkout("stable-1.2");
        for (var i = 1; i <= 3; i++)
        {
            b.Commit($"1.2: fix {i} after 1.2.1", date: PortalProject.Noon(2021, 4, i));
        }

        b.Checkout("master");
        var accepted = await Task.WhenAll(ports.Select(p => RefreshAsync(client, p)));

        Assert.All(accepted, code => Assert.Equal(HttpStatusCode.Accepted, code));
        var counts = await WaitForAsync(client, ports, expected: 3);
        Assert.Equal(new[] { 3, 3 }, counts);
        foreach (var serve in new[] { first, second })
        {
            Assert.DoesNotContain("Indexing failed", serve.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", serve.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("23505", serve.Output, StringComparison.Ordinal);
        }
    }

    private static async Task<int[]> WaitForAsync(HttpClient client, int[] ports, int expected)
    {
        var clock = Stopwatch.StartNew();
        var counts = Array.Empty<int>();
        while (clock.Elapsed < ChildProcess.Patience)
        {
            counts = await Task.WhenAll(ports.Select(p => UnreleasedAsync(client, p, "1.2")));
            if (counts.All(c => c == expected))
            {
                break;
            }

            await Task.Delay(200);
        }

        return counts;
    }

    private static async Task<int> UnreleasedAsync(HttpClient client, int port, string series)
    {
        var status = JsonNode.Parse(await client.GetStringAsync(Url(port, "/api/status")))!.AsArray();
        return (int)status.Single(s => (string?)s!["series"] == series)!["unreleasedCommits"]!;
    }

    private static async Task<HttpStatusCode> RefreshAsync(HttpClient client, int port)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Url(port, "/api/refresh"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    private ChildProcess StartServe(int port) => HeraldProcess.Start(_project.NewFolder("work"),
        "serve", "--repo", _project.Builder.Path, "--config", _project.ConfigPath, "--data", _project.NewFolder("data"),
        "--database", _database!.ConnectionString, "--urls", Url(port, string.Empty), "--admin-token", Token, "--access-log", "off");

    private static string Url(int port, string path) => string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}{path}");
}
