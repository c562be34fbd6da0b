using System.Net;
using Herald.Accounts;
using Herald.Web;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Herald.Tests.Editing;

/// <summary>Writing posts through the editor's forms: what is stored, and what the public snapshot then holds.</summary>
public abstract class EditingPostTests(EditingPortal portal)
{
    [Fact]
    public async Task SaveDraft_NewPost_IsStoredUnpublishedByTheEditorAndListed()
    {
        var name = portal.NewName("writer");
        using var client = await portal.SignedInAsync(name, Role.Editor);

        using var response = await SendAsync(client, "/editor/new", "save", Fields("Draft only", "Some *text*.", "Security, Notes"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/editor/edit/draft-only?done=saved", response.Headers.Location?.OriginalString);
        var post = await portal.News.FindAsync("draft-only");
        Assert.NotNull(post);
        Assert.False(post.Published);
        Assert.Equal(name, post.Author);
        Assert.Equal(["Notes", "Security"], post.Categories.Select(c => c.Name));
        var (_, list) = await EditingPortal.GetHtmlAsync(client, "/editor");
        var row = list.QuerySelectorAll("table.posts tbody tr").Single(r => r.QuerySelector("th")?.TextContent == "Draft only");
        Assert.Equal("Draft", row.QuerySelectorAll("td")[0].TextContent);
        Assert.Contains("\"slug\": \"draft-only\"", await client.GetStringAsync("/api/editor/posts"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_Markdown_IsRenderedSanitisedAndNothingIsSaved()
    {
        using var client = await portal.SignedInAsync(portal.NewName("previewer"), Role.Editor);
        var before = (await portal.News.ListAsync()).Count;

        using var response = await SendAsync(client, "/editor/new", "preview", Fields("Preview only", "## Heading\n\nSee [the site](https://example.org/).\n\n<script>alert(1)</script>", ""));
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var preview = document.QuerySelector("section.preview article") ?? throw new InvalidOperationException("no preview");
        Assert.Equal("Heading", preview.QuerySelector("h2")?.TextContent);
        Assert.Equal("https://example.org/", preview.QuerySelector("a")?.GetAttribute("href"));
        Assert.Null(preview.QuerySelector("script"));
        Assert.Equal("Preview only", document.QuerySelector("input#title")?.GetAttribute("value"));
        Assert.Equal(before, (await portal.News.ListAsync()).Count);
    }

    [Fact]
    public async Task PublishThenUnpublish_Post_ShowsOnThePublicSnapshotAtOnceThenLeavesIt()
    {
        using var client = await portal.SignedInAsync(portal.NewName("publisher"), Role.Admin);
        var state = portal.Host.Services.GetRequiredService<PortalState>();

        using var published = await SendAsync(client, "/editor/new", "publish", Fields("Going public", "Hello.", "Releases"));
        Assert.Equal("/editor/edit/going-public?done=published", published.Headers.Location?.OriginalString);
        Assert.NotNull(state.View.News.Find("going-public"));
        Assert.Single(state.View.News.InCategory("releases"), p => p.Slug == "going-public");

        using var unpublished = await SendAsync(client, "/editor/edit/going-public", "unpublish", Fields("Going public", "Hello.", "Releases"));
        Assert.Equal("/editor/edit/going-public?done=unpublished", unpublished.Headers.Location?.OriginalString);
        Assert.Null(state.View.News.Find("going-public"));
        Assert.False((await portal.News.FindAsync("going-public"))!.Published);
    }

    [Fact]
    public async Task Delete_AsksToConfirmFirst_ThenDeletes()
    {
        using var client = await portal.SignedInAsync(portal.NewName("deleter"), Role.Editor);
        using var created = await SendAsync(client, "/editor/new", "save", Fields("To be deleted", "x", ""));

        using var asked = await SendAsync(client, "/editor/edit/to-be-deleted", "delete", Fields("To be deleted", "x", ""));
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Contains("Delete for good", await asked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotNull(await portal.News.FindAsync("to-be-deleted"));

        using var deleted = await SendAsync(client, "/editor/edit/to-be-deleted", "delete", new() { ["confirmed"] = "true" });
        Assert.Equal("/editor?done=deleted", deleted.Headers.Location?.OriginalString);
        Assert.Null(await portal.News.FindAsync("to-be-deleted"));
    }

    [Fact]
    public async Task SendToMailingLists_PublishedPost_SaysMailIsNotConfigured()
    {
        using var client = await portal.SignedInAsync(portal.NewName("mailer"), Role.Editor);
        using var published = await SendAsync(client, "/editor/new", "publish", Fields("Mail me", "Body.", ""));

        using var response = await SendAsync(client, "/editor/edit/mail-me", "mail", []);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Mail is not configured", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Save_WithoutTitle_ShowsTheErrorAndSavesNothing()
    {
        using var client = await portal.SignedInAsync(portal.NewName("careless"), Role.Editor);
        var before = (await portal.News.ListAsync()).Count;

        using var response = await SendAsync(client, "/editor/new", "save", Fields(" ", "Body.", ""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Give the post a title.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, (await portal.News.ListAsync()).Count);
    }

    [Fact]
    public async Task EditPage_UnknownSlug_Answers404()
    {
        using var client = await portal.SignedInAsync(portal.NewName("lost"), Role.Editor);

        using var response = await client.GetAsync("/editor/edit/no-such-post");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static Dictionary<string, string> Fields(string title, string markdown, string newCategories) =>
        new() { ["Title"] = title, ["Markdown"] = markdown, ["NewCategories"] = newCategories };

    /// <summary>Sends the form of <paramref name="page"/> with <paramref name="fields"/> to <paramref name="handler"/>.</summary>
    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string page, string handler, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = await EditingPortal.TokenAsync(client, page);
        return await EditingPortal.PostFormAsync(client, page + "?handler=" + handler, fields);
    }
}

/// <summary>The posts on SQLite.</summary>
public sealed class SqliteEditingPostTests(SqliteEditingPortal portal) : EditingPostTests(portal), IClassFixture<SqliteEditingPortal>;

/// <summary>The posts on PostgreSQL.</summary>
public sealed class PostgresEditingPostTests(PostgresEditingPortal portal) : EditingPostTests(portal), IClassFixture<PostgresEditingPortal>;
