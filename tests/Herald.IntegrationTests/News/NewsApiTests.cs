using System.Net;
using System.Text.Json.Nodes;
using Xunit;

namespace Herald.Tests.News;

/// <summary><c>/api/news</c> and <c>/api/news/{slug}</c>: the shape <c>herald post list --json</c> prints.</summary>
public abstract class NewsApiTests(NewsPortalFixture portal)
{
    private static readonly string[] ListKeys = ["slug", "title", "author", "published", "date", "updatedAt", "categories", "versions", "url"];

    [Fact]
    public async Task ApiNews_Always_ListsTenPublishedPostsNewestFirstWithoutBodies()
    {
        var list = (await GetJsonAsync("/api/news")).AsArray();

        Assert.Equal(NewsPortalFixture.PublishedTitles.Take(10), list.Select(p => (string?)p!["title"]));
        Assert.All(list, p => Assert.Equal(ListKeys, p!.AsObject().Select(k => k.Key)));
        var announcement = list.Single(p => (string?)p!["slug"] == NewsPortalFixture.AnnouncementSlug)!;
        Assert.Equal("Rel Manager", (string?)announcement["author"]);
        Assert.True((bool)announcement["published"]!);
        Assert.Equal("2021-05-10T08:30:15+00:00", (string?)announcement["date"]);
        Assert.Equal("2021-05-10T08:30:15+00:00", (string?)announcement["updatedAt"]);
        Assert.Equal("""[{"slug":"releases","name":"Releases"}]""", announcement["categories"]!.ToJsonString());
        Assert.Equal("""["1.2.1","9.9.9"]""", announcement["versions"]!.ToJsonString());
        Assert.Equal(NewsPortalFixture.BaseUrl + "/news/" + NewsPortalFixture.AnnouncementSlug, (string?)announcement["url"]);
    }

    [Fact]
    public async Task ApiNews_PageTwo_HoldsTheOldestPost()
    {
        var list = (await GetJsonAsync("/api/news?page=2")).AsArray();

        Assert.Equal([NewsPortalFixture.NoteTitle(1)], list.Select(p => (string?)p!["title"]));
    }

    [Fact]
    public async Task ApiNews_Category_KeepsItsPostsOnly()
    {
        var list = (await GetJsonAsync("/api/news?category=releases")).AsArray();

        Assert.Equal([NewsPortalFixture.AnnouncementSlug], list.Select(p => (string?)p!["slug"]));
    }

    [Theory]
    [InlineData("/api/news?category=no-such-category", "no category no-such-category")]
    [InlineData("/api/news?page=3", "no page 3")]
    [InlineData("/api/news/no-such-post", "no post no-such-post")]
    [InlineData("/api/news/" + NewsPortalFixture.DraftSlug, "no post " + NewsPortalFixture.DraftSlug)]
    public async Task ApiNews_UnknownOrUnpublished_Answers404NamingIt(string path, string error)
    {
        using var response = await portal.Host.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(new JsonObject { ["error"] = error }.ToJsonString(), JsonNode.Parse(await response.Content.ReadAsStringAsync())!.ToJsonString());
    }

    [Fact]
    public async Task ApiPost_Published_HasItsMarkdownAndSanitisedHtml()
    {
        var post = await GetJsonAsync("/api/news/" + NewsPortalFixture.MarkupSlug);

        Assert.Equal([.. ListKeys, "markdown", "html"], post.AsObject().Select(k => k.Key));
        Assert.Equal(NewsPortalFixture.MarkupTitle, (string?)post["title"]);
        Assert.Equal(NewsPortalFixture.MarkupBody, (string?)post["markdown"]);
        var html = (string)post["html"]!;
        Assert.Contains("<em>world</em>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onerror", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task OpenApi_Always_DescribesTheNewsApi()
    {
        var document = await GetJsonAsync("/openapi/v1.json");

        var paths = document["paths"]!.AsObject();
        Assert.Equal("news", (string?)paths["/api/news"]?["get"]?["operationId"]);
        Assert.Equal("post", (string?)paths["/api/news/{slug}"]?["get"]?["operationId"]);
        Assert.False(string.IsNullOrEmpty((string?)paths["/api/news"]!["get"]!["summary"]));
        Assert.Contains(paths["/api/news"]!["get"]!["parameters"]!.AsArray(), p => (string?)p!["name"] == "category");
        Assert.All(paths.Select(p => p.Key), p => Assert.StartsWith("/api/", p, StringComparison.Ordinal));
    }

    private async Task<JsonNode> GetJsonAsync(string path)
    {
        using var response = await portal.Host.Client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(text)!;
    }
}

[Collection(SqliteNewsCollection.Name)]
public sealed class SqliteNewsApiTests(SqliteNewsPortalFixture portal) : NewsApiTests(portal);

[Collection(PostgresNewsCollection.Name)]
public sealed class PostgresNewsApiTests(PostgresNewsPortalFixture portal) : NewsApiTests(portal);
