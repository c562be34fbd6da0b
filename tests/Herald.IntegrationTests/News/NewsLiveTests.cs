using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using AngleSharp.Html.Dom;
using Herald.News;
using Herald.Tests.Web;
using Herald.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Herald.Tests.News;

/// <summary>
/// Posts written while the portal runs (as <c>herald post</c> writes them, into the database it serves): they
/// show without a restart, change the validators, and outlive a re-index. Each test has its own portal,
/// without <c>base_url</c>.
/// </summary>
public sealed class NewsLiveTests : IAsyncLifetime
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2021, 6, 1, 9, 0, 0, TimeSpan.Zero));
    private PortalProject? _project;
    private PortalHost? _host;

    private PortalProject Project => _project!;

    private PortalHost Host => _host!;

    private NewsStore Store => new(Host.Services.GetRequiredService<PortalState>().View.Database!, _clock);

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

        _project?.Dispose();
        _project = null;
    }

    [Fact]
    public async Task NewPost_WrittenAfterTheStart_ShowsWithinSecondsWithoutARestart()
    {
        var before = await GetPageAsync("/news");
        Assert.Empty(before.QuerySelectorAll("article.post-summary"));
        Assert.Null((await GetPageAsync("/")).QuerySelector("#news"));

        await Store.CreateAsync(new PostDraft("Hello, world", "The first post.", "Ann Author", ["Releases"], Published: true));

        var shown = await WaitForAsync("/news", page => page.QuerySelectorAll("article.post-summary h2").Select(h => h.TextContent).SequenceEqual(["Hello, world"]));
        Assert.Equal("/news/hello-world", shown.QuerySelector("article.post-summary h2 a")?.GetAttribute("href"));
        Assert.Equal(["Hello, world"], (await GetPageAsync("/news/category/releases")).QuerySelectorAll("article.post-summary h2").Select(h => h.TextContent));
        Assert.Equal("Hello, world", (await GetPageAsync("/")).QuerySelector("ul.news li a")?.TextContent);
        Assert.Equal("Hello, world", (string?)(await GetJsonAsync("/api/news/hello-world"))["title"]);
    }

    [Fact]
    public async Task PostEdit_AfterNewsWasServed_ChangesItsETagAndContent()
    {
        await Store.CreateAsync(new PostDraft("Before", "Body.", "Ann Author", [], Published: true) { Slug = "edited" });
        await WaitForAsync("/news", page => page.QuerySelector("article.post-summary h2")?.TextContent == "Before");
        using var first = await Host.Client.GetAsync("/news");
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);

        _clock.Advance(TimeSpan.FromHours(1));
        await Store.UpdateAsync("edited", new PostChange { Title = "After" });
        await WaitForAsync("/news", page => page.QuerySelector("article.post-summary h2")?.TextContent == "After");

        using var request = new HttpRequestMessage(HttpMethod.Get, "/news");
        request.Headers.IfNoneMatch.Add(etag);
        using var second = await Host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.NotNull(second.Headers.ETag);
        Assert.NotEqual(etag, second.Headers.ETag);
    }

    [Fact]
    public async Task Unpublish_AfterThePostWasServed_RemovesItEverywhere()
    {
        await Store.CreateAsync(new PostDraft("Withdrawn", "Soon gone.", "Ann Author", ["Releases"], Published: true) { Versions = ["1.2.1"] });
        await WaitForAsync("/news", page => page.QuerySelectorAll("article.post-summary").Length == 1);
        Assert.Contains("Withdrawn", await GetTextAsync("/feeds/news.atom"), StringComparison.Ordinal);
        Assert.NotNull((await GetPageAsync("/releases/1.2.1")).QuerySelector("#notes"));

        await Store.UpdateAsync("withdrawn", new PostChange { Published = false });
        await WaitForAsync("/news", page => page.QuerySelectorAll("article.post-summary").Length == 0);

        using var post = await Host.Client.GetAsync("/news/withdrawn");
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.DoesNotContain("Withdrawn", await GetTextAsync("/feeds/news.atom"), StringComparison.Ordinal);
        Assert.Empty((await GetJsonAsync("/api/news")).AsArray());
        Assert.Null((await GetPageAsync("/releases/1.2.1")).QuerySelector("#notes"));
    }

    [Fact]
    public async Task Reindex_AfterANewTag_KeepsEveryPost()
    {
        await Store.CreateAsync(new PostDraft("Kept", "Still here.", "Ann Author", ["Releases"], Published: true) { Versions = ["1.2.2"] });
        await Store.CreateAsync(new PostDraft("Kept draft", "Not yet.", "Ann Author", [], Published: false));
        await WaitForAsync("/news", page => page.QuerySelectorAll("article.post-summary").Length == 1);
        var b = Project.Builder.Checkout("stable-1.2");
        b.Commit("1.2: fix after 1.2.1", date: PortalProject.Noon(2021, 5, 1));
        b.AnnotatedTag("RELEASE-1.2.2", "Release 1.2.2", PortalProject.Noon(2021, 5, 10));
        b.Checkout("master");

        using (var refresh = new HttpRequestMessage(HttpMethod.Post, "/api/refresh"))
        {
            refresh.Headers.Authorization = new AuthenticationHeaderValue("Bearer", PortalFixture.AdminToken);
            using var accepted = await Host.Client.SendAsync(refresh);
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        }

        var release = await WaitForAsync("/releases/1.2.2", page => page.QuerySelector("h1")?.TextContent == "Portal Fixture 1.2.2");
        Assert.Equal(["Kept", "Kept draft"], (await Store.ListAsync()).Select(p => p.Title).Order(StringComparer.Ordinal));
        Assert.Equal(["Kept"], (await GetPageAsync("/news")).QuerySelectorAll("article.post-summary h2").Select(h => h.TextContent));
        Assert.Equal("/news/kept", release.QuerySelector("a.announcement")?.GetAttribute("href"));
        Assert.Equal(["/releases/1.2.2"], (await GetPageAsync("/news/kept")).QuerySelectorAll("p.announces a").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public async Task Feed_WithoutBaseUrl_HasTagIdsAndRelativeLinksWhateverTheHost()
    {
        await Store.CreateAsync(new PostDraft("Tagged", "Body.", "Ann Author", [], Published: true));
        await WaitForAsync("/news", page => page.QuerySelectorAll("article.post-summary").Length == 1);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/feeds/news.atom");
        request.Headers.Host = "evil.example";
        using var response = await Host.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("evil.example", text, StringComparison.Ordinal);
        var feed = XDocument.Parse(text).Root!;
        Assert.Equal("tag:herald,2026:portal-fixture/feeds/news.atom", feed.Element(Atom + "id")?.Value);
        var entry = feed.Element(Atom + "entry")!;
        Assert.Equal("tag:herald,2026:portal-fixture/news/tagged", entry.Element(Atom + "id")?.Value);
        Assert.Equal("/news/tagged", entry.Element(Atom + "link")?.Attribute("href")?.Value);
    }

    [Fact]
    public async Task Feeds_FiftyFivePosts_HoldTheFiftyNewest()
    {
        for (var n = 1; n <= 55; n++)
        {
            await Store.CreateAsync(new PostDraft($"Release post {n}", $"Post {n}.", "Ann Author", ["Releases"], Published: true));
            _clock.Advance(TimeSpan.FromMinutes(1));
        }

        await WaitForAsync("/news", page => page.QuerySelector("article.post-summary h2")?.TextContent == "Release post 55");

        var expected = Enumerable.Range(6, 50).Reverse().Select(n => $"Release post {n}").ToList();
        foreach (var path in new[] { "/feeds/news.atom", "/feeds/category/releases.atom" })
        {
            var feed = XDocument.Parse(await GetTextAsync(path)).Root!;
            Assert.Equal(expected, feed.Elements(Atom + "entry").Select(e => e.Element(Atom + "title")?.Value));
        }

        var archive = await GetPageAsync("/news/category/releases?page=6");
        Assert.Equal(["Release post 5", "Release post 4", "Release post 3", "Release post 2", "Release post 1"], archive.QuerySelectorAll("article.post-summary h2").Select(h => h.TextContent));
    }

    /// <summary>GETs <paramref name="path"/> until <paramref name="done"/> holds (the 2 s check of the posts); fails after <see cref="Patience"/>.</summary>
    private async Task<IHtmlDocument> WaitForAsync(string path, Func<IHtmlDocument, bool> done)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var (response, document) = await Host.GetHtmlAsync(path);
            using (response)
            {
                if (response.StatusCode == HttpStatusCode.OK && done(document))
                {
                    return document;
                }
            }

            Assert.True(clock.Elapsed < Patience, $"{path} never showed what was expected within {Patience.TotalSeconds} s; last:\n{document.Body?.TextContent}");
            await Task.Delay(100);
        }
    }

    private async Task<IHtmlDocument> GetPageAsync(string path)
    {
        var (response, document) = await Host.GetHtmlAsync(path);
        using (response)
        {
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}");
        }

        return document;
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
