using System.Net;
using Herald.Accounts;
using Herald.Web.Editing;
using Xunit;

namespace Herald.Tests.Editing;

/// <summary>Who reaches the editing routes, and how their answers are (never) cached.</summary>
public sealed class EditingAccessTests(SqliteEditingPortal portal) : IClassFixture<SqliteEditingPortal>
{
    [Theory]
    [InlineData("/editor")]
    [InlineData("/editor/new")]
    [InlineData("/editor/edit/x")]
    [InlineData("/editor/sign-out")]
    [InlineData("/editor/denied")]
    public async Task EditingPage_Anonymous_RedirectsToSignInWithReturnUrl(string path)
    {
        using var client = portal.NewClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/editor/sign-in?ReturnUrl=" + Uri.EscapeDataString(path), response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task EditingForm_PostedAnonymously_RedirectsToSignIn()
    {
        using var client = portal.NewClient();

        using var response = await EditingPortal.PostFormAsync(client, "/editor/new?handler=publish", new() { ["Title"] = "Sneaky", ["Markdown"] = "x" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/editor/sign-in?ReturnUrl=", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.DoesNotContain(await portal.News.ListAsync(), p => p.Title == "Sneaky");
    }

    [Theory]
    [InlineData("/api/editor/posts")]
    [InlineData("/api/editor/posts/x")]
    public async Task EditorApi_Anonymous_Answers401WithoutRedirect(string path)
    {
        using var client = portal.NewClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task EditorList_AccountWithoutRoles_IsRefusedWith403()
    {
        using var client = await portal.SignedInAsync(portal.NewName("reader"));

        using var page = await client.GetAsync("/editor");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/editor/denied", page.Headers.Location?.OriginalString, StringComparison.Ordinal);
        using var denied = await client.GetAsync(page.Headers.Location);
        using var api = await client.GetAsync("/api/editor/posts");

        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Contains("no role", await denied.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
    }

    [Theory]
    [InlineData(Role.Editor)]
    [InlineData(Role.Admin)]
    public async Task EditorList_EditorOrAdmin_IsShown(string role)
    {
        using var client = await portal.SignedInAsync(portal.NewName(role), role);

        using var page = await client.GetAsync("/editor");
        using var api = await client.GetAsync("/api/editor/posts");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
    }

    [Theory]
    [InlineData("/editor/sign-in")]
    [InlineData("/editor")]
    [InlineData("/editor/new")]
    [InlineData("/api/editor/posts")]
    public async Task EditingAnswer_SignedIn_IsPrivateNoStoreWithoutETag(string path)
    {
        using var client = await portal.SignedInAsync(portal.NewName("cache"), Role.Editor);

        using var first = await client.GetAsync(path);
        using var second = await client.GetAsync(path);

        foreach (var response in new[] { first, second })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(EditingEndpoint.CacheControl, response.Headers.NonValidated["Cache-Control"].ToString());
            Assert.Null(response.Headers.ETag);
            Assert.Empty(response.Content.Headers.ContentEncoding);
        }
    }

    [Theory]
    [InlineData("/editor")]
    [InlineData("/api/editor/posts")]
    public async Task EditingAnswer_Anonymous_IsPrivateNoStoreWithoutETag(string path)
    {
        using var client = portal.NewClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(EditingEndpoint.CacheControl, response.Headers.NonValidated["Cache-Control"].ToString());
        Assert.Null(response.Headers.ETag);
    }

    [Fact]
    public async Task EditorList_AfterAnEditorSawIt_IsNotServedFromCacheToAnonymous()
    {
        using var editor = await portal.SignedInAsync(portal.NewName("shared"), Role.Editor);
        using var seen = await editor.GetAsync("/editor");
        Assert.Equal(HttpStatusCode.OK, seen.StatusCode);
        using var anonymous = portal.NewClient();

        using var response = await anonymous.GetAsync("/editor");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task PublicPage_WithEditingInPlace_KeepsItsValidatorAndPublicCaching()
    {
        using var client = portal.NewClient();

        using var response = await client.GetAsync("/releases");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(response.Headers.ETag);
        Assert.Equal("public, max-age=60", response.Headers.CacheControl?.ToString());
    }

    [Theory]
    [InlineData("PUT", "/editor")]
    [InlineData("DELETE", "/editor/edit/x")]
    [InlineData("TRACE", "/editor/sign-in")]
    public async Task EditingPage_MethodOtherThanGetHeadOrPost_Answers405(string method, string path)
    {
        using var client = portal.NewClient();

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["GET", "HEAD", "POST"], response.Content.Headers.Allow);
    }

    [Fact]
    public async Task DataProtectionKeys_AfterAFormWasShown_LieInTheDataFolder()
    {
        using var client = portal.NewClient();
        await EditingPortal.TokenAsync(client, "/editor/sign-in");

        var folder = Path.Combine(portal.DataFolder, "keys", "dataprotection");

        Assert.True(Directory.Exists(folder), folder);
        Assert.NotEmpty(Directory.GetFiles(folder, "key-*.xml"));
    }
}
