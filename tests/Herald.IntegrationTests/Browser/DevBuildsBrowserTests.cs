using Herald.Publishing;
using Herald.Tests.Support;
using Herald.Web;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using Xunit;

namespace Herald.Tests.Browser;

/// <summary>The development builds page as a reader sees it, on its own portal with builds of two branches.</summary>
public sealed class DevBuildsBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private readonly RepoBuilder _repo = RepoBuilder.Create()
        .Commit("one", files: new Dictionary<string, string> { ["a"] = "1\n" })
        .AnnotatedTag("RELEASE-1.0.0")
        .Branch("stable-1.0");
    private readonly TempDirectory _work = TempDirectory.Create();
    private PortalServer? _server;
    private readonly List<DevBuild> _master = [];

    public async Task InitializeAsync()
    {
        var data = _work.Combine("data");
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 5, 1, 10, 0, 0, TimeSpan.Zero));
        for (var i = 0; i < 2; i++)
        {
            _repo.Commit("change " + i, files: new Dictionary<string, string> { ["a"] = i + "\n" });
            clock.Advance(TimeSpan.FromDays(1));
            var project = HeraldProject.Open(_repo.Path, null, data, _repo.Path, _work.Combine("xdg"));
            _master.Add((await new DevPublisher(project, null, clock).PublishAsync(ArtifactStore.For(project), "master", [], ["tar.gz"], 10)).Build);
        }

        var last = HeraldProject.Open(_repo.Path, null, data, _repo.Path, _work.Combine("xdg"));
        await new DevPublisher(last, null, clock).PublishAsync(ArtifactStore.For(last), "stable-1.0", [], ["tar.gz"], 10);
        _server = await PortalServer.StartAsync(new PortalOptions { Repository = _repo.Path, Data = data }, TimeSpan.FromSeconds(20));
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _repo.Dispose();
        _work.Dispose();
    }

    [Fact]
    public async Task DevPage_Opened_ListsBranchesNewestFirstAndTheDownloadWorks()
    {
        var page = await fixture.NewPageAsync();

        var response = await page.GotoAsync(_server!.Url("/downloads/dev"));

        Assert.Equal(200, response?.Status);
        Assert.Equal(["master", "stable-1.0"], await page.Locator("h2").AllInnerTextsAsync());
        var masterBuilds = page.Locator("section[aria-labelledby=branch-master] h3");
        Assert.Equal([_master[1].Name, _master[0].Name], (await masterBuilds.AllInnerTextsAsync()).Select(t => t.Split(' ')[0]));
        var archive = _master[1].Files.First(f => f.Name.EndsWith(".tar.gz", StringComparison.Ordinal));
        Assert.Equal(1, await page.GetByText(archive.Sha256).CountAsync());
        var download = await page.Context.APIRequest.GetAsync(_server.Url("/downloads/" + archive.Path));
        Assert.Equal(200, download.Status);
        Assert.Equal(archive.Size, (await download.BodyAsync()).Length);
        await BrowserFixture.ScreenshotAsync(page, "dev-builds.png");
    }
}
