using System.Buffers.Binary;
using System.Xml.Linq;
using Microsoft.Playwright;
using Xunit;

namespace Herald.Tests.Browser;

/// <summary>The portal as a reader sees it: Chromium opens pages and follows the links on them.</summary>
public sealed class PortalBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static readonly XNamespace s_atom = "http://www.w3.org/2005/Atom";

    // After a click, poll the address rather than WaitForURLAsync: when the address already matched, that
    // waited for a load state which, after chained clicks, never came in about 1 of 3 full runs of the suite
    // (30 s, with "networkidle" already reported), for "load" and "domcontentloaded" alike. The assertions
    // that follow wait for their elements.
    private static readonly PageAssertionsToHaveURLOptions Arrived = new() { Timeout = 30_000 };

    [Fact]
    public async Task HomePage_Opened_ShowsProjectTitleAndSeriesTable()
    {
        var page = await fixture.NewPageAsync();

        var response = await page.GotoAsync("/");

        Assert.Equal(200, response?.Status);
        Assert.Contains(BrowserFixture.ProjectName, await page.TitleAsync(), StringComparison.Ordinal);
        Assert.Equal("Browser Fixture releases", await page.Locator("h1").InnerTextAsync());
        var series = page.Locator("section[aria-labelledby=series] table tbody tr th[scope=row]");
        Assert.Equal(["1.2", "1.1", "1.0"], await series.AllInnerTextsAsync());
        Assert.Equal(["/series/1.1", "/series/1.0"], await HrefsAsync(series.Locator("a")));
    }

    [Fact]
    public async Task HomePage_Screenshot_IsAFullWidthPng()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");

        var path = await BrowserFixture.ScreenshotAsync(page, "home.png");

        Assert.Equal(BrowserFixture.Viewport.Width, PngWidth(path));
    }

    [Fact]
    public async Task SeriesLink_Clicked_OpensSeriesPageListingItsReleases()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");

        await page.Locator("section[aria-labelledby=series]").GetByRole(AriaRole.Link, new() { Name = "1.0", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(fixture.Server.Url("/series/1.0"), Arrived);

        Assert.Equal("Browser Fixture 1.0", await page.Locator("h1").InnerTextAsync());
        var releases = page.Locator("section[aria-labelledby=rel] ul.releases a");
        Assert.Equal(["1.0.1", "1.0.0"], await releases.AllInnerTextsAsync());
        Assert.Equal(["/releases/1.0.1", "/releases/1.0.0"], await HrefsAsync(releases));
    }

    [Fact]
    public async Task ReleaseLink_Clicked_OpensReleasePageWithAcknowledgementsLink()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/series/1.1");

        await page.Locator("section[aria-labelledby=rel]").GetByRole(AriaRole.Link, new() { Name = "1.1.0", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(fixture.Server.Url("/releases/1.1.0"), Arrived);

        Assert.Equal("Browser Fixture 1.1.0", await page.Locator("h1").InnerTextAsync());
        Assert.Contains("RELEASE-1.1.0", await page.Locator("dl.facts").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("/acknowledgements/1.1.0", await page.GetByRole(AriaRole.Link, new() { Name = "Acknowledgements", Exact = true }).GetAttributeAsync("href"));
        var path = await BrowserFixture.ScreenshotAsync(page, "release.png");
        Assert.Equal(BrowserFixture.Viewport.Width, PngWidth(path));
    }

    [Fact]
    public async Task AcknowledgementsLink_FollowedFromHome_ListsTheReleasesAuthorsAndReviewers()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");

        await page.Locator("section[aria-labelledby=series]").GetByRole(AriaRole.Link, new() { Name = "1.1", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(fixture.Server.Url("/series/1.1"), Arrived);
        await page.Locator("section[aria-labelledby=rel]").GetByRole(AriaRole.Link, new() { Name = "1.1.0", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(fixture.Server.Url("/releases/1.1.0"), Arrived);
        await page.GetByRole(AriaRole.Link, new() { Name = "Acknowledgements", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(fixture.Server.Url("/acknowledgements/1.1.0"), Arrived);

        Assert.Equal("Acknowledgements for Browser Fixture 1.1.0", await page.Locator("h1").InnerTextAsync());
        var developers = await page.Locator("section[aria-labelledby=devs] tbody th[scope=row]").AllInnerTextsAsync();
        Assert.Equal(["Alice Example", "Ann Lee", "Bob Builder", "Dan Park"], developers.Order(StringComparer.Ordinal));
        Assert.Equal(["Tom Tester"], await page.Locator("section[aria-labelledby=revs] tbody th[scope=row]").AllInnerTextsAsync());
        var employers = await page.Locator("section[aria-labelledby=emps] tbody th[scope=row]").AllInnerTextsAsync();
        Assert.Superset(new HashSet<string> { "SUSE", "Citrix", "AMD" }, employers.ToHashSet());
    }

    [Fact]
    public async Task AcknowledgementsPage_OfBackportRelease_ListsOnlyTheBackportsAuthor()
    {
        var page = await fixture.NewPageAsync();

        await page.GotoAsync("/acknowledgements/1.0.1");

        Assert.Equal(["Ann Lee"], await page.Locator("section[aria-labelledby=devs] tbody th[scope=row]").AllInnerTextsAsync());
    }

    [Fact]
    public async Task FeedLink_OnHomePage_PointsToAnAtomFeedWithAnEntryPerRelease()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");

        var href = await page.GetByRole(AriaRole.Link, new() { Name = "an Atom feed", Exact = true }).GetAttributeAsync("href");
        Assert.Equal("/feeds/releases.atom", href);
        var feed = await page.APIRequest.GetAsync(href!);

        Assert.Equal(200, feed.Status);
        Assert.StartsWith("application/atom+xml", feed.Headers["content-type"], StringComparison.Ordinal);
        var entries = XDocument.Parse(await feed.TextAsync()).Root!.Elements(s_atom + "entry").ToList();
        Assert.Equal(
            ["Browser Fixture 1.0.0", "Browser Fixture 1.0.1", "Browser Fixture 1.1.0"],
            entries.Select(e => (string)e.Element(s_atom + "title")!).Order(StringComparer.Ordinal));
        // No public address is configured: links relative to the feed, never built from the request's Host.
        Assert.All(entries, e => Assert.StartsWith("/releases/", (string)e.Element(s_atom + "link")!.Attribute("href")!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReleasePage_UnknownVersion_SaysWhatIsMissingWith404()
    {
        var page = await fixture.NewPageAsync();

        var response = await page.GotoAsync("/releases/9.9.9");

        Assert.Equal(404, response?.Status);
        Assert.Equal("There is no release 9.9.9.", await page.Locator("p.missing").InnerTextAsync());
    }

    private static async Task<IReadOnlyList<string?>> HrefsAsync(ILocator links)
    {
        var hrefs = new List<string?>();
        foreach (var link in await links.AllAsync())
        {
            hrefs.Add(await link.GetAttributeAsync("href"));
        }

        return hrefs;
    }

    /// <summary>The width a PNG file's IHDR chunk gives; fails unless the file is a PNG.</summary>
    private static int PngWidth(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 24 && bytes.AsSpan(0, 8).SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }), $"{path} is not a PNG file.");
        return BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4));
    }
}
