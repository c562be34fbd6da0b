using System.Xml.Linq;
using Herald.Accounts;
using Herald.News;
using Herald.Tests.Browser;
using Herald.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit;

namespace Herald.Tests.Editing;

/// <summary>An editor at work in Chromium: signs in, writes, previews and publishes a post.</summary>
public sealed class EditingBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Title = "Browser Fixture 1.1.1 is out";
    private const string Body = "## What is new\n\nRead the [release notes](https://example.org/notes).\n";

    private static readonly PageAssertionsToHaveURLOptions Arrived = new() { Timeout = 30_000 };

    [Fact]
    public async Task Editor_SignsInWritesPreviewsAndPublishes_PostIsStoredPublished()
    {
        var slug = await PublishAsync();

        var post = await News().FindAsync(slug);
        Assert.NotNull(post);
        Assert.True(post.Published);
        Assert.Equal(Title, post.Title);
        Assert.Equal(["Releases"], post.Categories.Select(c => c.Name));
        Assert.Equal(Body, post.Markdown);
    }

    [Fact]
    public async Task Editor_PublishesAPost_ItAppearsInTheCategoryArchiveAndFeed()
    {
        var slug = await PublishAsync();
        var page = await fixture.NewPageAsync();

        var archive = await page.GotoAsync("/news/category/releases");
        Assert.Equal(200, archive?.Status);
        Assert.Equal($"/news/{slug}", await page.GetByRole(AriaRole.Link, new() { Name = Title, Exact = true }).GetAttributeAsync("href"));
        var feed = await page.APIRequest.GetAsync("/feeds/category/releases.atom");
        Assert.Equal(200, feed.Status);
        XNamespace atom = "http://www.w3.org/2005/Atom";
        Assert.Contains(Title, XDocument.Parse(await feed.TextAsync()).Root!.Elements(atom + "entry").Select(e => (string)e.Element(atom + "title")!));
    }

    [Theory]
    [InlineData("/editor")]
    [InlineData("/editor/new")]
    [InlineData("/editor/edit/x")]
    public async Task AnonymousVisitor_OpeningAnEditingPage_IsSentToSignIn(string path)
    {
        var page = await fixture.NewPageAsync();

        await page.GotoAsync(path);

        await Assertions.Expect(page).ToHaveURLAsync(fixture.Server.Url("/editor/sign-in?ReturnUrl=" + Uri.EscapeDataString(path)), Arrived);
        Assert.Equal("Sign in", await page.Locator("h1").InnerTextAsync());
    }

    // Signs in as a new editor through the form, writes the post, previews it, publishes it; returns its slug.
    private async Task<string> PublishAsync()
    {
        var name = "editor" + Guid.NewGuid().ToString("N")[..8];
        var (_, password) = await new AccountStore(Database(), TimeProvider.System).AddAsync(name, [Role.Editor]);
        var page = await fixture.NewPageAsync();

        await page.GotoAsync("/editor");
        await Assertions.Expect(page).ToHaveURLAsync(fixture.Server.Url("/editor/sign-in?ReturnUrl=%2Feditor"), Arrived);
        await page.GetByLabel("Account name").FillAsync(name);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(fixture.Server.Url("/editor"), Arrived);
        Assert.Equal("Posts", await page.Locator("h1").InnerTextAsync());

        await page.GetByRole(AriaRole.Link, new() { Name = "Write a new post" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(fixture.Server.Url("/editor/new"), Arrived);
        Assert.Equal(0, await page.EvaluateAsync<int>("() => [...document.querySelectorAll('main input:not([type=hidden]), main textarea')].filter(e => e.labels.length === 0).length"));
        await page.GetByLabel("Title").FillAsync(Title);
        await page.GetByLabel("Releases", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Text (Markdown)").FillAsync(Body);

        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        var preview = page.Locator("section.preview article");
        await Assertions.Expect(preview.Locator("h2")).ToHaveTextAsync("What is new");
        Assert.Equal("https://example.org/notes", await preview.GetByRole(AriaRole.Link, new() { Name = "release notes" }).GetAttributeAsync("href"));
        await BrowserFixture.ScreenshotAsync(page, "editor-preview.png");

        await page.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        await Assertions.Expect(page.Locator("p.notice")).ToHaveTextAsync("Published: visitors see it now.");
        var path = new Uri(page.Url).AbsolutePath;
        Assert.StartsWith("/editor/edit/", path, StringComparison.Ordinal);
        return path["/editor/edit/".Length..];
    }

    private NewsStore News() => new(Database(), TimeProvider.System);

    private Herald.Storage.IndexDatabase Database() =>
        fixture.Server.Services.GetRequiredService<PortalState>().View.Database ?? throw new InvalidOperationException("the portal has not opened its database.");
}
