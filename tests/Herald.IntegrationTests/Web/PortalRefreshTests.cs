using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Herald.Tests.Storage;
using Herald.Web;
using Xunit;

namespace Herald.Tests.Web;

/// <summary>
/// <c>POST /api/refresh</c> after the repository moved on: the portal re-indexes, and no cached
/// answer or validator of the old index survives. Each test has its own project and portal.
/// </summary>
public abstract class PortalRefreshTests : IAsyncLifetime
{
    private PortalProject? _project;
    private PortalHost? _host;

    private PortalProject Project => _project!;

    private PortalHost Host => _host!;

    public async Task InitializeAsync()
    {
        try
        {
            _project = PortalProject.CreateSmall();
            var options = new PortalOptions
            {
                Repository = Project.Builder.Path,
                Config = Project.ConfigPath,
                Data = Project.NewFolder("data"),
                Database = await CreateDatabaseAsync(),
                AdminToken = PortalFixture.AdminToken,
            };
            _host = PortalHost.Start(options, PortalProject.Now);
            await Host.WaitUntilHealthyAsync();
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
            _host = null;
        }

        await DropDatabaseAsync();
        _project?.Dispose();
        _project = null;
    }

    [Fact]
    public async Task Refresh_AfterANewRelease_ServesIt()
    {
        Assert.Equal(12, (await GetJsonAsync("/api/releases")).AsArray().Count);
        AddRelease122();

        await RefreshUntilAsync(releases => releases.Count == 13);

        var releases = (await GetJsonAsync("/api/releases")).AsArray();
        Assert.Equal("1.2.2", (string?)releases[0]!["version"]);
        var details = await GetJsonAsync("/api/releases/1.2.2");
        Assert.Equal(1, (int)details["stats"]!["changesets"]!);
        var (page, document) = await Host.GetHtmlAsync("/releases/1.2.2");
        using (page)
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }

        Assert.Equal("1.2.1", document.QuerySelectorAll("dl.facts dt").Single(dt => dt.TextContent == "Changes since").NextElementSibling!.TextContent.Trim());
    }

    [Fact]
    public async Task Refresh_AfterANewRelease_EvictsCachedAnswers()
    {
        var feedBefore = await GetTextAsync("/feeds/series/1.2.atom");
        var statusBefore = await GetJsonAsync("/api/status");
        AddRelease122();

        await RefreshUntilAsync(releases => releases.Count == 13);

        Assert.Contains("Portal Fixture 1.2.2", await GetTextAsync("/feeds/series/1.2.atom"), StringComparison.Ordinal);
        Assert.DoesNotContain("Portal Fixture 1.2.2", feedBefore, StringComparison.Ordinal);
        var twelve = (await GetJsonAsync("/api/status")).AsArray().Single(s => (string?)s!["series"] == "1.2")!;
        Assert.Equal("1.2.2", (string?)twelve["latest"]);
        Assert.Equal("1.2.1", (string?)statusBefore.AsArray().Single(s => (string?)s!["series"] == "1.2")!["latest"]);
    }

    [Fact]
    public async Task Refresh_AfterANewRelease_ChangesTheETags()
    {
        using var before = await Host.Client.GetAsync("/api/releases");
        var etag = before.Headers.ETag!;
        AddRelease122();

        await RefreshUntilAsync(releases => releases.Count == 13);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/releases");
        request.Headers.IfNoneMatch.Add(etag);
        using var after = await Host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.NotEqual(etag, after.Headers.ETag);
    }

    [Fact]
    public async Task Refresh_AfterADomainMapChange_ServesTheNewEmployers()
    {
        Assert.Contains("AMD", await EmployersAsync("1.2.0"));
        var folder = Path.GetDirectoryName(Project.ConfigPath)!;
        File.WriteAllText(Path.Combine(folder, "domain-map"), "amd.com  AMD Research\n");
        File.WriteAllText(Project.ConfigPath, PortalProject.ConfigText + "[stats]\ndomain_map = \"domain-map\"\n");

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/refresh");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", PortalFixture.AdminToken);
        using var response = await Host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        List<string> employers;
        do
        {
            await Task.Delay(50);
            employers = await EmployersAsync("1.2.0");
        }
        while (!employers.Contains("AMD Research") && DateTime.UtcNow < deadline);

        Assert.Contains("AMD Research", employers);
        Assert.DoesNotContain("AMD", employers);
    }

    /// <summary>The PostgreSQL connection string to index into, or null for SQLite.</summary>
    protected abstract Task<string?> CreateDatabaseAsync();

    /// <summary>Removes what <see cref="CreateDatabaseAsync"/> made.</summary>
    protected abstract Task DropDatabaseAsync();

    private void AddRelease122()
    {
        var b = Project.Builder;
        b.Checkout("stable-1.2");
        b.Commit("1.2: fix after 1.2.1", date: PortalProject.Noon(2021, 5, 1));
        b.AnnotatedTag("RELEASE-1.2.2", "Release 1.2.2", PortalProject.Noon(2021, 5, 10));
        b.Checkout("master");
    }

    private async Task<List<string>> EmployersAsync(string version) =>
        [.. (await GetJsonAsync("/api/releases/" + version))["stats"]!["byEmployer"]!.AsArray().Select(e => (string)e!["employer"]!)];

    /// <summary>Asks for a refresh (202) and polls <c>/api/releases</c> until <paramref name="done"/> holds.</summary>
    private async Task RefreshUntilAsync(Func<JsonArray, bool> done)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/refresh");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", PortalFixture.AdminToken);
        using var response = await Host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        JsonArray releases;
        do
        {
            await Task.Delay(50);
            releases = (await GetJsonAsync("/api/releases")).AsArray();
        }
        while (!done(releases) && DateTime.UtcNow < deadline);

        Assert.True(done(releases), $"the refresh never showed: {releases.Count} releases");
    }

    private async Task<string> GetTextAsync(string path)
    {
        using var response = await Host.Client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}: {text}");
        return text;
    }

    private async Task<JsonNode> GetJsonAsync(string path) => JsonNode.Parse(await GetTextAsync(path))!;
}

public sealed class SqlitePortalRefreshTests : PortalRefreshTests
{
    protected override Task<string?> CreateDatabaseAsync() => Task.FromResult<string?>(null);

    protected override Task DropDatabaseAsync() => Task.CompletedTask;
}

public sealed class PostgresPortalRefreshTests : PortalRefreshTests
{
    private readonly PostgresTestDatabaseSlot _postgres = new();

    protected override Task<string?> CreateDatabaseAsync() => _postgres.CreateAsync();

    protected override Task DropDatabaseAsync() => _postgres.DropAsync();
}
