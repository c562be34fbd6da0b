using System.Net;
using AngleSharp.Html.Parser;
using Herald.Tests.Web;
using Herald.Web;
using Xunit;

namespace Herald.Tests.News;

/// <summary>
/// Announcements drafted and published by the CLI, then read on the portal that serves the same data folder:
/// every link in them leads to a page that exists.
/// </summary>
public sealed class AnnouncementLinkTests : IAsyncLifetime
{
    private PortalProject? _project;
    private PortalHost? _host;
    private string _data = string.Empty;

    public async Task InitializeAsync()
    {
        _project = PortalProject.CreateSmall();
        _data = _project.NewFolder("data");
        await CliAsync("key", "generate", "--name", "Portal Fixture Release", "--email", "release@example.org");
        await CliAsync("publish", "1.2.0");
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        _project?.Dispose();
    }

    [Fact]
    public async Task PublishedAnnouncements_OnThePortal_EveryLinkInThemResolves()
    {
        var point = await CliAsync("announce", "1.1.3", "1.2.1", "--publish", "--json");
        var major = await CliAsync("announce", "1.2.0", "--publish", "--json");
        _host = PortalHost.Start(new PortalOptions { Repository = _project!.Builder.Path, Config = _project.ConfigPath, Data = _data, AdminToken = PortalFixture.AdminToken }, PortalProject.Now);
        await _host.WaitUntilHealthyAsync();

        var links = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var json in new[] { point, major })
        {
            using var draft = System.Text.Json.JsonDocument.Parse(json);
            var url = draft.RootElement.GetProperty("url").GetString()!;
            var (response, page) = await _host.GetHtmlAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(draft.RootElement.GetProperty("title").GetString(), page.QuerySelector("main h1")?.TextContent.Trim());
            var body = new HtmlParser().ParseDocument(draft.RootElement.GetProperty("html").GetString()!);
            links.UnionWith(body.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!));
        }

        Assert.Contains("/log/stable-1.2", links);
        Assert.Contains("/releases/1.1.3", links);
        Assert.Contains("/acknowledgements/1.2.0", links);
        Assert.Contains(links, l => l.StartsWith("/downloads/", StringComparison.Ordinal) && l.EndsWith(".tar.gz", StringComparison.Ordinal));
        var broken = new List<string>();
        foreach (var link in links.Where(l => l.StartsWith('/')))
        {
            using var response = await _host.Client.GetAsync(link);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                broken.Add($"{link}: {(int)response.StatusCode}");
            }
        }

        Assert.Empty(broken);
    }

    private async Task<string> CliAsync(params string[] args)
    {
        var run = await Herald.Tests.Policy.ClockedCli.RunAsync([.. args, "--repo", _project!.Builder.Path, "--config", _project.ConfigPath, "--data", _data], _project.WorkingDirectory, _project.DataHome, PortalProject.Now);
        Assert.True(run.ExitCode == 0, $"herald {string.Join(' ', args)} failed ({run.ExitCode}): {run.Error}");
        return run.Out;
    }
}
