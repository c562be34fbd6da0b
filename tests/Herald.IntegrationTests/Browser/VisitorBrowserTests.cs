using Herald.Tests.Web;
using Herald.Web;
using Microsoft.Playwright;
using Xunit;

namespace Herald.Tests.Browser;

/// <summary>
/// <see cref="PortalProject"/> served over HTTP and read in Chromium with JavaScript off: the release-cycle
/// chart, a banner on an old release and a range log with its total and pages need no script.
/// </summary>
public sealed class VisitorBrowserFixture : IAsyncLifetime
{
    private PortalProject? _project;
    private PortalServer? _server;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public PortalProject Project => _project ?? throw new InvalidOperationException("the fixture is not initialised.");

    public PortalServer Server => _server ?? throw new InvalidOperationException("the fixture is not initialised.");

    public async Task InitializeAsync()
    {
        var chromium = Environment.GetEnvironmentVariable("HERALD_CHROMIUM") is { Length: > 0 } given ? given : BrowserFixture.DefaultChromium;
        try
        {
            _project = PortalProject.Create();
            var options = new PortalOptions { Repository = Project.Builder.Path, Config = Project.ConfigPath, Data = Project.NewFolder("data") };
            _server = await PortalServer.StartAsync(options, TimeSpan.FromSeconds(60));
            _playwright = await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new()
            {
                ExecutablePath = chromium,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
            });
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>A fresh page with JavaScript disabled, relative addresses resolving against the portal.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var browser = _browser ?? throw new InvalidOperationException("the fixture is not initialised.");
        var context = await browser.NewContextAsync(new() { BaseURL = Server.Address.ToString(), ViewportSize = BrowserFixture.Viewport, JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        page.SetDefaultNavigationTimeout(30_000);
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Interlocked.Exchange(ref _browser, null) is { } browser)
        {
            await browser.CloseAsync();
        }

        Interlocked.Exchange(ref _playwright, null)?.Dispose();
        if (Interlocked.Exchange(ref _server, null) is { } server)
        {
            await server.DisposeAsync();
        }

        Interlocked.Exchange(ref _project, null)?.Dispose();
    }
}

public sealed class VisitorBrowserTests(VisitorBrowserFixture fixture) : IClassFixture<VisitorBrowserFixture>
{
    [Fact]
    public async Task HomePage_WithoutJavaScript_DrawsOneBarPerSeriesAndMarksToday()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");

        var chart = page.Locator("figure.cycle svg.cycle");
        await Assertions.Expect(chart).ToBeVisibleAsync();
        Assert.Equal(["1.2", "1.1", "1.0"], await chart.Locator("g.bar").EvaluateAllAsync<string[]>("bars => bars.map(b => b.dataset.series)"));
        // A vertical line has no width, which Playwright counts as hidden: its label and its height are checked.
        await Assertions.Expect(chart.Locator("g.today text")).ToBeVisibleAsync();
        Assert.Equal("today", await chart.Locator("g.today text").TextContentAsync());
        Assert.True(await chart.Locator("g.today line").BoundingBoxAsync() is { Height: > 40 }, "the today line spans the bars");
        var box = await chart.BoundingBoxAsync();
        Assert.True(box is { Width: > 300, Height: > 60 }, $"the chart is drawn {box?.Width}x{box?.Height}");
        await BrowserFixture.ScreenshotAsync(page, "visitor-home.png");
    }

    [Fact]
    public async Task OldRelease_Opened_ShowsTheLatestOfItsSeriesInABanner()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/releases/1.0.1");

        var banner = page.Locator("p.banner-newer");
        await Assertions.Expect(banner).ToHaveTextAsync("1.0.5 is the latest release of 1.0.");
        await banner.GetByRole(AriaRole.Link, new() { Name = "1.0.5", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(fixture.Server.Url("/releases/1.0.5"), new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Portal Fixture 1.0.5");
    }

    [Fact]
    public async Task RangeLog_Followed_ShowsItsTotalAndPagesToTheEnd()
    {
        var total = fixture.Project.CountCommits("RELEASE-1.0.0..master");
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/log/RELEASE-1.0.0..master");

        await Assertions.Expect(page.Locator("p.total")).ToContainTextAsync($"{total} commits");
        Assert.Equal(50, await page.Locator("table.shortlog tbody tr").CountAsync());
        await page.GetByRole(AriaRole.Link, new() { Name = "Older" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(fixture.Server.Url("/log/RELEASE-1.0.0..master?page=2"), new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("table.shortlog tbody tr")).ToHaveCountAsync(total - 50);
        await Assertions.Expect(page.Locator("nav.pages")).ToContainTextAsync("Page 2 of 2");
    }
}
