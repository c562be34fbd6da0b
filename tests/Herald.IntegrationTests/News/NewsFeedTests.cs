using System.Net;
using System.Xml.Linq;
using AngleSharp.Html.Parser;
using Xunit;

namespace Herald.Tests.News;

/// <summary>The Atom feeds of the news: all posts and per category.</summary>
public abstract class NewsFeedTests(NewsPortalFixture portal)
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    [Fact]
    public async Task NewsFeed_Always_IsAnAtomFeedUnderTheBaseUrl()
    {
        var feed = await GetFeedAsync("/feeds/news.atom");

        Assert.Equal(Atom + "feed", feed.Name);
        Assert.Equal(NewsPortalFixture.BaseUrl + "/feeds/news.atom", feed.Element(Atom + "id")?.Value);
        Assert.Equal("Portal Fixture news", feed.Element(Atom + "title")?.Value);
        Assert.Equal("2021-05-11T08:30:15Z", feed.Element(Atom + "updated")?.Value);
        Assert.Equal(NewsPortalFixture.BaseUrl + "/feeds/news.atom", Link(feed, "self"));
        Assert.Equal(NewsPortalFixture.BaseUrl + "/news", Link(feed, "alternate"));
        Assert.Equal("Portal Fixture", feed.Element(Atom + "author")?.Element(Atom + "name")?.Value);
    }

    [Fact]
    public async Task NewsFeed_PublishedPosts_AreEntriesNewestFirst()
    {
        var feed = await GetFeedAsync("/feeds/news.atom");

        var entries = feed.Elements(Atom + "entry").ToList();
        Assert.Equal(NewsPortalFixture.PublishedTitles, entries.Select(e => e.Element(Atom + "title")?.Value));
        Assert.DoesNotContain(NewsPortalFixture.DraftSlug, feed.ToString(), StringComparison.Ordinal);
        Assert.Equal(entries.Count, entries.Select(e => e.Element(Atom + "id")!.Value).Distinct().Count());
    }

    [Fact]
    public async Task NewsFeed_Announcement_HasEveryField()
    {
        var feed = await GetFeedAsync("/feeds/news.atom");

        var entry = feed.Elements(Atom + "entry").Single(e => e.Element(Atom + "title")?.Value == NewsPortalFixture.AnnouncementTitle);
        var url = NewsPortalFixture.BaseUrl + "/news/" + NewsPortalFixture.AnnouncementSlug;
        Assert.Equal(url, entry.Element(Atom + "id")?.Value);
        Assert.Equal(url, Link(entry, "alternate"));
        Assert.Equal("2021-05-10T08:30:15Z", entry.Element(Atom + "published")?.Value);
        Assert.Equal("2021-05-10T08:30:15Z", entry.Element(Atom + "updated")?.Value);
        Assert.Equal("Rel Manager", entry.Element(Atom + "author")?.Element(Atom + "name")?.Value);
        Assert.Equal(["releases"], entry.Elements(Atom + "category").Select(c => c.Attribute("term")?.Value));
        var content = entry.Element(Atom + "content")!;
        Assert.Equal("html", content.Attribute("type")?.Value);
        var html = new HtmlParser().ParseDocument("<body>" + content.Value);
        Assert.Equal("What changed", html.QuerySelector("h2")?.TextContent);
        Assert.Equal("x86/mm", html.QuerySelector("li strong")?.TextContent);
    }

    [Fact]
    public async Task NewsFeed_MarkupPost_IsEscapedAndSanitised()
    {
        var feed = await GetFeedAsync("/feeds/news.atom");

        var entry = feed.Elements(Atom + "entry").First();
        Assert.Equal(NewsPortalFixture.MarkupTitle, entry.Element(Atom + "title")?.Value);
        Assert.Equal("Eve & \"Co\"", entry.Element(Atom + "author")?.Element(Atom + "name")?.Value);
        var html = new HtmlParser().ParseDocument("<body>" + entry.Element(Atom + "content")!.Value);
        Assert.Empty(html.QuerySelectorAll("script, iframe"));
        Assert.DoesNotContain(html.All.SelectMany(e => e.Attributes), a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(html.QuerySelectorAll("a"), a => (a.GetAttribute("href") ?? string.Empty).StartsWith("javascript:", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("/feeds/news.atom")]
    [InlineData("/feeds/category/releases.atom")]
    public async Task Feed_ForgedHostHeader_DoesNotChangeIdsOrLinks(string path)
    {
        var honest = await GetFeedAsync(path);
        var forged = await GetFeedAsync(path, host: "evil.example");

        Assert.DoesNotContain("evil.example", forged.ToString(), StringComparison.Ordinal);
        Assert.Equal(UrlsOf(honest), UrlsOf(forged));
        Assert.All(UrlsOf(forged), url => Assert.StartsWith(NewsPortalFixture.BaseUrl + "/", url, StringComparison.Ordinal));
    }

    [Fact]
    public async Task CategoryFeed_Releases_HoldsItsPostsOnly()
    {
        var feed = await GetFeedAsync("/feeds/category/releases.atom");

        Assert.Equal(NewsPortalFixture.BaseUrl + "/feeds/category/releases.atom", feed.Element(Atom + "id")?.Value);
        Assert.Equal("Portal Fixture news: Releases", feed.Element(Atom + "title")?.Value);
        Assert.Equal(NewsPortalFixture.BaseUrl + "/news/category/releases", Link(feed, "alternate"));
        Assert.Equal([NewsPortalFixture.AnnouncementTitle], feed.Elements(Atom + "entry").Select(e => e.Element(Atom + "title")?.Value));
    }

    [Fact]
    public async Task CategoryFeed_Unknown_Answers404()
    {
        using var response = await portal.Host.Client.GetAsync("/feeds/category/no-such-category.atom");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static string? Link(XElement element, string rel) =>
        element.Elements(Atom + "link").SingleOrDefault(l => (string?)l.Attribute("rel") == rel)?.Attribute("href")?.Value;

    private static List<string> UrlsOf(XElement feed) =>
        [.. feed.DescendantsAndSelf().SelectMany(e => e.Name == Atom + "id" ? [e.Value] : e.Name == Atom + "link" ? [e.Attribute("href")!.Value] : Array.Empty<string>())];

    private async Task<XElement> GetFeedAsync(string path, string? host = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (host is not null)
        {
            request.Headers.Host = host;
        }

        using var response = await portal.Host.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}: {text}");
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        var document = XDocument.Parse(text);
        Assert.Equal("utf-8", document.Declaration?.Encoding);
        return document.Root!;
    }
}

[Collection(SqliteNewsCollection.Name)]
public sealed class SqliteNewsFeedTests(SqliteNewsPortalFixture portal) : NewsFeedTests(portal);

[Collection(PostgresNewsCollection.Name)]
public sealed class PostgresNewsFeedTests(PostgresNewsPortalFixture portal) : NewsFeedTests(portal);
