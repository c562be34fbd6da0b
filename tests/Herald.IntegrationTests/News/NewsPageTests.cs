using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Xunit;

namespace Herald.Tests.News;

/// <summary>The news pages for visitors, the news on the start page and the release page's notes and announcement.</summary>
public abstract class NewsPageTests(NewsPortalFixture portal)
{
    [Fact]
    public async Task News_ElevenPosts_ShowsTheTenNewestThenTheOldestOnPageTwo()
    {
        var first = await GetPageAsync("/news");
        var second = await GetPageAsync("/news?page=2");

        Assert.Equal(NewsPortalFixture.PublishedTitles.Take(10), Titles(first));
        Assert.Equal([NewsPortalFixture.NoteTitle(1)], Titles(second));
        Assert.Equal("/news?page=2", first.QuerySelector("nav.pages a[rel=next]")?.GetAttribute("href"));
        Assert.Null(first.QuerySelector("nav.pages a[rel=prev]"));
        Assert.Equal("/news", second.QuerySelector("nav.pages a[rel=prev]")?.GetAttribute("href"));
        Assert.Null(second.QuerySelector("nav.pages a[rel=next]"));
    }

    [Theory]
    [InlineData("/news?page=3")]
    [InlineData("/news?page=0")]
    [InlineData("/news?page=-1")]
    [InlineData("/news?page=two")]
    [InlineData("/news?page=02")]
    [InlineData("/news?page=1&page=2")]
    [InlineData("/news/category/releases?page=2")]
    public async Task News_PageBeyondTheEndOrMalformed_Answers404(string path)
    {
        var (response, document) = await portal.Host.GetHtmlAsync(path);
        using (response)
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        Assert.Equal("Not found", document.QuerySelector("h1")?.TextContent);
    }

    [Fact]
    public async Task News_Entry_ShowsTitleLinkDateAuthorCategoriesAndBeginning()
    {
        var document = await GetPageAsync("/news");

        var entry = document.QuerySelectorAll("article.post-summary").Single(a => a.QuerySelector("h2")!.TextContent == NewsPortalFixture.AnnouncementTitle);
        Assert.Equal("/news/" + NewsPortalFixture.AnnouncementSlug, entry.QuerySelector("h2 a")?.GetAttribute("href"));
        Assert.Equal("2021-05-10", entry.QuerySelector(".byline time")?.TextContent);
        Assert.Equal("2021-05-10T08:30:15Z", entry.QuerySelector(".byline time")?.GetAttribute("datetime"));
        Assert.Equal("Rel Manager", entry.QuerySelector(".byline .author")?.TextContent);
        Assert.Equal([("/news/category/releases", "Releases")], entry.QuerySelectorAll(".byline a[rel=tag]").Select(a => (a.GetAttribute("href"), a.TextContent)));
        Assert.Equal("Portal Fixture 1.2.1 is out, with the page table fix.", entry.QuerySelector(".excerpt")?.TextContent.Trim());
        Assert.DoesNotContain("What changed", entry.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task News_MarkupInTitleAndAuthor_IsShownAsText()
    {
        var document = await GetPageAsync("/news");

        var entry = document.QuerySelectorAll("article.post-summary")[0];
        Assert.Equal(NewsPortalFixture.MarkupTitle, entry.QuerySelector("h2 a")?.TextContent);
        Assert.Null(entry.QuerySelector("h2 b"));
        Assert.Equal("Eve & \"Co\"", entry.QuerySelector(".byline .author")?.TextContent);
        Assert.Equal(["Community", "Security"], entry.QuerySelectorAll(".byline a[rel=tag]").Select(a => a.TextContent));
        AssertNoActiveContent(document);
    }

    [Fact]
    public async Task Post_Markdown_IsRenderedWithItsFacts()
    {
        var document = await GetPageAsync("/news/" + NewsPortalFixture.AnnouncementSlug);

        Assert.Equal(NewsPortalFixture.AnnouncementTitle, document.QuerySelector("h1")?.TextContent);
        Assert.Equal("2021-05-10", document.QuerySelector("article.post .byline time")?.TextContent);
        Assert.Equal("Rel Manager", document.QuerySelector("article.post .byline .author")?.TextContent);
        Assert.Equal("What changed", document.QuerySelector("article.post .body h2")?.TextContent);
        Assert.Equal("x86/mm", document.QuerySelector("article.post .body li strong")?.TextContent);
        Assert.Equal($"{NewsPortalFixture.AnnouncementTitle} · Portal Fixture", document.Title);
    }

    [Fact]
    public async Task Post_Announcement_LinksOnlyTheReleasesTheIndexHolds()
    {
        var document = await GetPageAsync("/news/" + NewsPortalFixture.AnnouncementSlug);

        Assert.Equal(["/releases/1.2.1"], document.QuerySelectorAll("p.announces a").Select(a => a.GetAttribute("href")));
        Assert.Equal("Portal Fixture 1.2.1", document.QuerySelector("p.announces a")?.TextContent);
    }

    [Fact]
    public async Task Post_ScriptsEventsAndJavascriptLinks_AreNeutralised()
    {
        var document = await GetPageAsync("/news/" + NewsPortalFixture.MarkupSlug);

        var body = document.QuerySelector("article.post .body")!;
        Assert.Equal(NewsPortalFixture.MarkupTitle, document.QuerySelector("h1")?.TextContent);
        Assert.Equal("world", body.QuerySelector("em")?.TextContent);
        Assert.Equal("https://example.org/logo.png", body.QuerySelector("img")?.GetAttribute("src"));
        Assert.Contains(body.QuerySelectorAll("a"), a => a.GetAttribute("href") == "https://example.org/" && a.TextContent == "safe");
        Assert.Null(body.QuerySelector("iframe"));
        Assert.DoesNotContain("alert(", body.InnerHtml, StringComparison.Ordinal);
        AssertNoActiveContent(document);
    }

    [Theory]
    [InlineData("/news/" + NewsPortalFixture.DraftSlug, NewsPortalFixture.DraftSlug)]
    [InlineData("/news/no-such-post", "no-such-post")]
    public async Task Post_UnpublishedOrUnknown_Answers404NamingIt(string path, string slug)
    {
        var (response, document) = await portal.Host.GetHtmlAsync(path);
        using (response)
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        Assert.Equal($"There is no post {slug}.", document.QuerySelector("p.missing")?.TextContent);
    }

    [Fact]
    public async Task Draft_Always_IsAbsentFromListsArchivesAndReleasePages()
    {
        var pages = await Task.WhenAll(new[] { "/news", "/news?page=2", "/news/category/releases", "/", "/releases/1.2.0" }.Select(GetPageAsync));

        Assert.All(pages, page =>
        {
            Assert.DoesNotContain("Secret draft", page.Body!.TextContent, StringComparison.Ordinal);
            Assert.Null(page.QuerySelector($"a[href='/news/{NewsPortalFixture.DraftSlug}']"));
        });
        Assert.Null(pages[4].QuerySelector("#notes"));
    }

    [Fact]
    public async Task Category_Releases_HasItsArchiveHeadingDescriptionAndPosts()
    {
        var document = await GetPageAsync("/news/category/releases");

        Assert.Equal("Category Archives: Releases", document.QuerySelector("h1")?.TextContent);
        Assert.Equal("Information about a new release of software", document.QuerySelector("p.description")?.TextContent);
        Assert.Equal([NewsPortalFixture.AnnouncementTitle], Titles(document));
        Assert.Equal("/feeds/category/releases.atom", document.Head!.QuerySelectorAll("link[rel=alternate][type='application/atom+xml']").Select(l => l.GetAttribute("href")).Last());
    }

    [Fact]
    public async Task Category_TenPosts_FitOnOnePageNewestFirst()
    {
        var document = await GetPageAsync("/news/category/community");
        using var second = await portal.Host.Client.GetAsync("/news/category/community?page=2");

        Assert.Equal([NewsPortalFixture.MarkupTitle, .. Enumerable.Range(1, NewsPortalFixture.NoteCount).Reverse().Select(NewsPortalFixture.NoteTitle)], Titles(document));
        Assert.Equal("Category Archives: Community", document.QuerySelector("h1")?.TextContent);
        Assert.Null(document.QuerySelector("nav.pages"));
        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
    }

    [Fact]
    public async Task Category_Unknown_Answers404NamingIt()
    {
        var (response, document) = await portal.Host.GetHtmlAsync("/news/category/no-such-category");
        using (response)
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        Assert.Equal("There is no category no-such-category.", document.QuerySelector("p.missing")?.TextContent);
    }

    [Fact]
    public async Task Layout_Always_LinksTheNewsAndItsFeed()
    {
        var document = await GetPageAsync("/releases");

        Assert.Contains(document.QuerySelectorAll("header nav a"), a => a.GetAttribute("href") == "/news" && a.TextContent == "News");
        var feed = document.Head!.QuerySelectorAll("link[rel=alternate]").Single(l => l.GetAttribute("href") == "/feeds/news.atom");
        Assert.Equal("application/atom+xml", feed.GetAttribute("type"));
        Assert.Equal("Portal Fixture news", feed.GetAttribute("title"));
    }

    [Fact]
    public async Task StartPage_WithPosts_ShowsTheFiveNewest()
    {
        var document = await GetPageAsync("/");

        var section = document.QuerySelector("#news")!.ParentElement!;
        Assert.Equal(NewsPortalFixture.PublishedTitles.Take(5), section.QuerySelectorAll("ul.news li a").Select(a => a.TextContent));
        Assert.Equal("2021-05-11", section.QuerySelector("ul.news li time")?.TextContent);
        Assert.Contains(section.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/news");
    }

    [Fact]
    public async Task ReleasePage_WithNotesAndAnnouncement_ShowsThemAboveTheChanges()
    {
        var document = await GetPageAsync("/releases/1.2.1");

        var headings = document.QuerySelectorAll("main h2").Select(h => h.Id).ToList();
        Assert.True(headings.IndexOf("notes") >= 0 && headings.IndexOf("notes") < headings.IndexOf("changes"), string.Join(", ", headings));
        var notes = document.QuerySelector("#notes")!.ParentElement!;
        Assert.Equal("Fixed", notes.QuerySelector(".notes h3")?.TextContent);
        Assert.Equal(NewsPortalFixture.NotesMarker, notes.QuerySelector(".notes li")?.TextContent);
        Assert.Contains(notes.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/news/" + NewsPortalFixture.AnnouncementSlug && a.TextContent == NewsPortalFixture.AnnouncementTitle);
        var facts = document.QuerySelectorAll("dl.facts dt").Single(dt => dt.TextContent == "Announcement").NextElementSibling!;
        Assert.Equal("/news/" + NewsPortalFixture.AnnouncementSlug, facts.QuerySelector("a")?.GetAttribute("href"));
        AssertNoActiveContent(document);
    }

    [Fact]
    public async Task ReleasePage_WithoutNotesOrAnnouncement_HasNoNotesSection()
    {
        var document = await GetPageAsync("/releases/1.1.0");

        Assert.Null(document.QuerySelector("#notes"));
        Assert.DoesNotContain(document.QuerySelectorAll("dl.facts dt"), dt => dt.TextContent == "Announcement");
    }

    private static List<string> Titles(IHtmlDocument document) =>
        [.. document.QuerySelectorAll("article.post-summary h2").Select(h => h.TextContent)];

    private static void AssertNoActiveContent(IHtmlDocument document)
    {
        Assert.Empty(document.QuerySelectorAll("script, iframe, object, embed"));
        Assert.DoesNotContain(document.All.SelectMany(e => e.Attributes), a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(document.QuerySelectorAll("[href], [src]").Select(e => e.GetAttribute("href") ?? e.GetAttribute("src")!), url => url.TrimStart().StartsWith("javascript:", StringComparison.OrdinalIgnoreCase));
    }

    private async Task<IHtmlDocument> GetPageAsync(string path)
    {
        var (response, document) = await portal.Host.GetHtmlAsync(path);
        using (response)
        {
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}");
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        }

        return document;
    }
}

[Collection(SqliteNewsCollection.Name)]
public sealed class SqliteNewsPageTests(SqliteNewsPortalFixture portal) : NewsPageTests(portal);

[Collection(PostgresNewsCollection.Name)]
public sealed class PostgresNewsPageTests(PostgresNewsPortalFixture portal) : NewsPageTests(portal);
