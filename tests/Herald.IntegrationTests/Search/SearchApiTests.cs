using System.Net;
using System.Text.Json.Nodes;
using Herald.Tests.News;
using Herald.Tests.Web;
using Xunit;

namespace Herald.Tests.Search;

/// <summary>
/// <c>/api/search</c> and <c>/search</c> on the news portal (<see cref="NewsPortalFixture"/>: the small
/// project's commits and releases, eleven published posts and a draft), on SQLite and on PostgreSQL.
/// </summary>
public abstract class SearchApiTests(NewsPortalFixture portal)
{
    private HttpClient Client => portal.Host.Client;

    [Fact]
    public async Task ApiSearch_SubjectWords_FindTheCommitWithItsPage()
    {
        var commits = Hits(await SearchAsync("configure script"), "commit");

        var hit = Assert.Single(commits);
        Assert.Equal("build: add configure script", (string?)hit["title"]);
        Assert.Equal("Bob Builder", (string?)hit["detail"]);
        Assert.Equal(NewsPortalFixture.BaseUrl + "/commit/" + (string)hit["key"]!, (string?)hit["url"]);
        Assert.Equal(40, ((string)hit["key"]!).Length);
    }

    [Fact]
    public async Task ApiSearch_PathLikeTerm_FindsThePhraseOnEveryBranch()
    {
        var commits = Hits(await SearchAsync("x86/mm"), "commit");

        Assert.Equal(
            new[] { portal.Project.FixA, portal.Project.FixAOn11, portal.Project.FixAOn12 }.Order(StringComparer.Ordinal),
            commits.Select(c => (string)c["key"]!).Order(StringComparer.Ordinal));
        Assert.All(commits, c => Assert.Equal(PortalProject.FixASubject, (string?)c["title"]));
    }

    [Fact]
    public async Task ApiSearch_AuthorName_FindsTheirCommitsOnly()
    {
        var commits = Hits(await SearchAsync("carol coder"), "commit");

        Assert.True(commits.Count >= 3, $"{commits.Count} commits of Carol Coder");
        Assert.All(commits, c => Assert.Equal("Carol Coder", (string?)c["detail"]));
        Assert.Contains(commits, c => (string?)c["title"] == "sched: master work 3");
    }

    [Fact]
    public async Task ApiSearch_AuthorPrefix_MatchesTheWholeName()
    {
        var commits = Hits(await SearchAsync("Caro"), "commit");

        Assert.Contains(commits, c => (string?)c["detail"] == "Carol Coder");
    }

    [Fact]
    public async Task ApiSearch_ShaPrefix_FindsTheCommitFirst()
    {
        var sha = portal.Project.FixA;

        var commits = Hits(await SearchAsync(sha[..7].ToUpperInvariant()), "commit");

        Assert.Equal(sha, (string?)commits[0]["key"]);
        Assert.Equal(PortalProject.FixASubject, (string?)commits[0]["title"]);
    }

    [Fact]
    public async Task ApiSearch_Version_FindsTheReleaseWithItsPage()
    {
        var releases = Hits(await SearchAsync("1.2.1"), "release");

        var hit = Assert.Single(releases);
        Assert.Equal("1.2.1", (string?)hit["key"]);
        Assert.Equal("RELEASE-1.2.1", (string?)hit["detail"]);
        Assert.Equal("2021-03-20T00:00:00+00:00", (string?)hit["date"]);
        Assert.Equal(NewsPortalFixture.BaseUrl + "/releases/1.2.1", (string?)hit["url"]);
    }

    [Fact]
    public async Task ApiSearch_Series_ListsItsReleasesHighestFirst()
    {
        var releases = Hits(await SearchAsync("1.1"), "release");

        Assert.Equal(["1.1.3", "1.1.2", "1.1.1", "1.1.0"], releases.Select(r => (string?)r["key"]));
    }

    [Fact]
    public async Task ApiSearch_PostWords_FindPublishedPostsNewestFirst()
    {
        var posts = Hits(await SearchAsync("community note"), "post");

        Assert.Equal(Enumerable.Range(1, NewsPortalFixture.NoteCount).Reverse().Select(NewsPortalFixture.NoteTitle), posts.Select(p => (string?)p["title"]));
        Assert.Equal("Nora Notes", (string?)posts[0]["detail"]);
    }

    [Fact]
    public async Task ApiSearch_PostBody_FindsThePost()
    {
        var posts = Hits(await SearchAsync("page table walk"), "post");

        var hit = Assert.Single(posts);
        Assert.Equal(NewsPortalFixture.AnnouncementSlug, (string?)hit["key"]);
        Assert.Equal(NewsPortalFixture.BaseUrl + "/news/" + NewsPortalFixture.AnnouncementSlug, (string?)hit["url"]);
    }

    [Fact]
    public async Task ApiSearch_Draft_IsNotFound()
    {
        var document = await SearchAsync("secret draft");

        Assert.Empty(Hits(document, "post"));
    }

    [Fact]
    public async Task ApiSearch_Always_GroupsByKindInOneOrder()
    {
        var document = await SearchAsync("1.2.1");

        Assert.Equal("1.2.1", (string?)document["query"]);
        Assert.Equal(["release", "commit", "post"], document["groups"]!.AsArray().Select(g => (string?)g!["kind"]));
    }

    [Fact]
    public async Task ApiSearch_Limit_CapsEachKindAndSaysThereIsMore()
    {
        var document = await SearchAsync("community note", "&limit=2");

        var posts = document["groups"]!.AsArray().Single(g => (string?)g!["kind"] == "post")!;
        Assert.Equal(2, posts["hits"]!.AsArray().Count);
        Assert.True((bool)posts["more"]!);
    }

    [Theory]
    [InlineData("/api/search", "give the query as ?q=")]
    [InlineData("/api/search?q=%20%20", "give the query as ?q=")]
    [InlineData("/api/search?q=x86&limit=0", "limit 0 is out of range; give 1 to 50")]
    [InlineData("/api/search?q=x86&limit=51", "limit 51 is out of range; give 1 to 50")]
    public async Task ApiSearch_BadRequest_Answers400SayingWhy(string path, string error)
    {
        using var response = await Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(new JsonObject { ["error"] = error }.ToJsonString(), JsonNode.Parse(await response.Content.ReadAsStringAsync())!.ToJsonString());
    }

    [Fact]
    public async Task ApiSearch_TooLong_Answers400NamingTheLimit()
    {
        using var response = await Client.GetAsync("/api/search?q=" + new string('a', 201));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("201 characters; at most 200", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("*")]
    [InlineData("NEAR(")]
    [InlineData("NEAR(a b, 2)")]
    [InlineData("a OR")]
    [InlineData("AND NOT")]
    [InlineData("'; DROP TABLE commits; --")]
    [InlineData("x86/mm:*")]
    [InlineData("title:x86")]
    [InlineData("^x86 -x86 +x86")]
    [InlineData("!(a & b) | c <-> d:*")]
    [InlineData("\\' \\\\ ''")]
    [InlineData("((((")]
    [InlineData("{title body}: x")]
    [InlineData("\u00e9t\u00e9 \u4e2d\u6587 \U0001F600")]
    [InlineData("%00")]
    public async Task Search_HostileQuery_NeverFails(string query)
    {
        foreach (var path in new[] { "/api/search?q=", "/search?q=" })
        {
            using var response = await Client.GetAsync(path + Uri.EscapeDataString(query));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Single(Hits(await SearchAsync("configure script"), "commit"));
    }

    [Fact]
    public async Task Search_ThousandCharacters_Answers400NotAnError()
    {
        var query = Uri.EscapeDataString(string.Concat(Enumerable.Repeat("a OR \"b\" NEAR( ", 67)));
        foreach (var path in new[] { "/api/search?q=", "/search?q=" })
        {
            using var response = await Client.GetAsync(path + query);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
    }

    [Fact]
    public async Task SearchPage_Query_ListsHitsAsLinksByKind()
    {
        var html = await Client.GetStringAsync("/search?q=1.2.1");

        Assert.Contains("<h2 id=\"hits-release\">Releases</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/releases/1.2.1\">1.2.1</a>", html, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"hits-post\">News</h2>", html, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/news/{NewsPortalFixture.AnnouncementSlug}\">{NewsPortalFixture.AnnouncementTitle}</a>", html, StringComparison.Ordinal);
        Assert.Contains("value=\"1.2.1\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchPage_MarkupInQuery_IsEchoedEscaped()
    {
        using var response = await Client.GetAsync("/search?q=" + Uri.EscapeDataString("<script>alert(1)</script>\" onfocus=\"x"));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("<script>alert(1)", html, StringComparison.Ordinal);
        Assert.DoesNotContain("\" onfocus=\"x", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchPage_NoQuery_ShowsTheFormOnly()
    {
        using var response = await Client.GetAsync("/search");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("role=\"search\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Results for", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Nothing found", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchPage_NothingFound_SaysSo()
    {
        var html = await Client.GetStringAsync("/search?q=zyzzyva");

        Assert.Contains("Nothing found for “<span class=\"query\">zyzzyva</span>”", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_AskedTwice_IsNeverServedFromTheOutputCache()
    {
        // A cached answer carries Age; /news, a page the output cache keeps, shows that the check can fail.
        await Client.GetAsync("/news");
        using var cached = await Client.GetAsync("/news");
        Assert.True(cached.Headers.Age is not null, "the output cache answered /news without Age");

        foreach (var path in new[] { "/search?q=carol", "/api/search?q=carol" })
        {
            await Client.GetAsync(path);
            using var second = await Client.GetAsync(path);

            Assert.Equal(HttpStatusCode.OK, second.StatusCode);
            Assert.Null(second.Headers.Age);
        }
    }

    [Fact]
    public async Task OpenApi_Always_DescribesTheSearchApi()
    {
        var document = JsonNode.Parse(await Client.GetStringAsync("/openapi/v1.json"))!;

        var search = document["paths"]!["/api/search"]!["get"]!;
        Assert.Equal("search", (string?)search["operationId"]);
        Assert.StartsWith("Search releases", (string?)search["summary"], StringComparison.Ordinal);
        Assert.Equal(["q", "limit"], search["parameters"]!.AsArray().Select(p => (string?)p!["name"]));
    }

    private static List<JsonNode> Hits(JsonNode document, string kind) =>
        [.. document["groups"]!.AsArray().Single(g => (string?)g!["kind"] == kind)!["hits"]!.AsArray().Select(h => h!)];

    private async Task<JsonNode> SearchAsync(string query, string extra = "")
    {
        using var response = await Client.GetAsync("/api/search?q=" + Uri.EscapeDataString(query) + extra);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }
}

[Collection(SqliteNewsCollection.Name)]
public sealed class SqliteSearchApiTests(SqliteNewsPortalFixture portal) : SearchApiTests(portal);

[Collection(PostgresNewsCollection.Name)]
public sealed class PostgresSearchApiTests(PostgresNewsPortalFixture portal) : SearchApiTests(portal);
