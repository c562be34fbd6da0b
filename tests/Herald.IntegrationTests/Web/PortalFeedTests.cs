using System.Net;
using System.Xml.Linq;
using Xunit;

namespace Herald.Tests.Web;

/// <summary>The Atom feeds: well-formed, complete (never capped), one per series.</summary>
public abstract class PortalFeedTests(PortalFixture portal)
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    [Fact]
    public async Task ReleasesFeed_Always_IsAnAtomFeedWithItsRequiredElements()
    {
        var feed = await GetFeedAsync("/feeds/releases.atom");

        Assert.Equal(Atom + "feed", feed.Name);
        // No public address is configured: a tag: id and links relative to the feed, never from the request's Host.
        Assert.Equal("tag:herald,2026:portal-fixture/feeds/releases.atom", feed.Element(Atom + "id")?.Value);
        Assert.Equal("Portal Fixture releases", feed.Element(Atom + "title")?.Value);
        Assert.Equal("2021-03-20T12:00:00Z", feed.Element(Atom + "updated")?.Value);
        Assert.Equal("Portal Fixture", feed.Element(Atom + "author")?.Element(Atom + "name")?.Value);
        Assert.Equal("/feeds/releases.atom", feed.Elements(Atom + "link").Single(l => (string?)l.Attribute("rel") == "self").Attribute("href")?.Value);
    }

    [Fact]
    public async Task ReleasesFeed_TwelveReleases_HasAnEntryForEveryOne()
    {
        var feed = await GetFeedAsync("/feeds/releases.atom");

        var entries = feed.Elements(Atom + "entry").ToList();
        Assert.Equal(PortalProject.Versions.Count, entries.Count);
        Assert.Equal(PortalProject.Versions.Select(v => "Portal Fixture " + v).Order(StringComparer.Ordinal), entries.Select(e => e.Element(Atom + "title")!.Value).Order(StringComparer.Ordinal));
        // Newest first by date (1.0.5 and 1.1.2 both came out on 2020-11-15), not by version.
        var published = entries.Select(e => e.Element(Atom + "published")!.Value).ToList();
        Assert.Equal(published.OrderDescending(StringComparer.Ordinal), published);
        Assert.Equal("Portal Fixture 1.1.3", entries[2].Element(Atom + "title")?.Value);
        Assert.All(entries, e =>
        {
            Assert.False(string.IsNullOrEmpty(e.Element(Atom + "id")?.Value));
            Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", e.Element(Atom + "updated")?.Value ?? string.Empty);
            Assert.StartsWith("/releases/", e.Element(Atom + "link")?.Attribute("href")?.Value, StringComparison.Ordinal);
        });
        Assert.Equal(entries.Count, entries.Select(e => e.Element(Atom + "id")!.Value).Distinct().Count());
    }

    [Fact]
    public async Task ReleasesFeed_Release_SummarisesItsStatistics()
    {
        var feed = await GetFeedAsync("/feeds/releases.atom");

        var entry = feed.Elements(Atom + "entry").Single(e => e.Element(Atom + "title")?.Value == "Portal Fixture 1.1.0");
        Assert.Equal("tag:herald,2026:portal-fixture/releases/1.1.0", entry.Element(Atom + "id")?.Value);
        Assert.Equal("2020-08-01T12:00:00Z", entry.Element(Atom + "updated")?.Value);
        Assert.Equal("Portal Fixture 1.1.0 (RELEASE-1.1.0): 3 changesets from 3 developers and 3 employers.", entry.Element(Atom + "summary")?.Value);
    }

    [Fact]
    public async Task SeriesFeed_Series_HasAnEntryForEachOfItsReleases()
    {
        var feed = await GetFeedAsync("/feeds/series/1.0.atom");

        Assert.Equal("Portal Fixture 1.0 releases", feed.Element(Atom + "title")?.Value);
        Assert.Equal("tag:herald,2026:portal-fixture/feeds/series/1.0.atom", feed.Element(Atom + "id")?.Value);
        Assert.Equal("2020-11-15T12:00:00Z", feed.Element(Atom + "updated")?.Value);
        var entries = feed.Elements(Atom + "entry").ToList();
        Assert.Equal(
            ["1.0.5", "1.0.4", "1.0.3", "1.0.2", "1.0.1", "1.0.0"],
            entries.Select(e => e.Element(Atom + "title")?.Value["Portal Fixture ".Length..]));
        Assert.All(entries, e => Assert.Equal("1.0", e.Element(Atom + "category")?.Attribute("term")?.Value));
    }

    [Fact]
    public async Task SeriesFeed_UnknownSeries_Answers404NamingIt()
    {
        var (response, document) = await portal.Host.GetHtmlAsync("/feeds/series/9.9.atom");
        using (response)
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        Assert.Contains("9.9", document.QuerySelector("p.missing")?.TextContent ?? string.Empty, StringComparison.Ordinal);
    }

    private async Task<XElement> GetFeedAsync(string path)
    {
        using var response = await portal.Client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}: {text}");
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        var document = XDocument.Parse(text);
        Assert.Equal("utf-8", document.Declaration?.Encoding);
        return document.Root!;
    }
}

[Collection(SqlitePortalCollection.Name)]
public sealed class SqlitePortalFeedTests(SqlitePortalFixture portal) : PortalFeedTests(portal);

[Collection(PostgresPortalCollection.Name)]
public sealed class PostgresPortalFeedTests(PostgresPortalFixture portal) : PortalFeedTests(portal);
