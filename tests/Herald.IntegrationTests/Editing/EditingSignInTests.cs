using System.Net;
using Herald.Accounts;
using Herald.Web.Editing;
using Xunit;

namespace Herald.Tests.Editing;

/// <summary>Signing in and out: passwords, limits on failures, antiforgery, where to go next, stale sessions.</summary>
public sealed class EditingSignInTests(SqliteEditingPortal portal) : IClassFixture<SqliteEditingPortal>
{
    [Fact]
    public async Task SignIn_PasswordAddGave_ShowsTheEditorList()
    {
        var name = portal.NewName("ann");
        var (_, password) = await portal.Accounts.AddAsync(name, [Role.Editor]);
        using var client = portal.NewClient();

        using var response = await EditingPortal.SignInAsync(client, name, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/editor", response.Headers.Location?.OriginalString);
        var (list, document) = await EditingPortal.GetHtmlAsync(client, "/editor");

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal("Posts", document.QuerySelector("h1")?.TextContent);
        Assert.Contains(name, document.QuerySelector("nav.editor-bar")?.TextContent, StringComparison.Ordinal);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("herald-session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task SignIn_WrongPassword_ShowsAnErrorAndLogsNameAndAddress()
    {
        var name = portal.NewName("bob");
        await portal.Accounts.AddAsync(name, [Role.Editor]);
        using var client = portal.NewClient();

        using var response = await EditingPortal.SignInAsync(client, name, "not-the-password");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The name or the password is wrong.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password", html, StringComparison.Ordinal);
        var logged = Assert.Single(portal.Host.Logs.Lines, l => l.Contains($"Sign-in failed for {name} from 10.0.0.", StringComparison.Ordinal));
        Assert.DoesNotContain("not-the-password", logged, StringComparison.Ordinal);
        Assert.DoesNotContain(portal.Host.Logs.Lines, l => l.Contains("not-the-password", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SignIn_SixQuickFailures_TheSixthIsRefusedWith429EvenWithTheRightPassword()
    {
        var name = portal.NewName("carol");
        var (_, password) = await portal.Accounts.AddAsync(name, [Role.Editor]);
        using var client = portal.NewClient();

        for (var i = 0; i < SignInThrottle.Failures; i++)
        {
            using var failed = await EditingPortal.SignInAsync(client, name, "wrong-" + i);
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        }

        using var sixth = await EditingPortal.SignInAsync(client, name, "wrong-again");
        using var right = await EditingPortal.SignInAsync(client, name, password);

        Assert.Equal(HttpStatusCode.TooManyRequests, sixth.StatusCode);
        Assert.Contains("Too many failed attempts", await sixth.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.Contains(portal.Host.Logs.Lines, l => l.Contains($"Sign-in refused for {name} from 10.0.0.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SignIn_FailuresForOneNameFromManyAddresses_RefuseThatName()
    {
        var name = portal.NewName("dave");
        var (_, password) = await portal.Accounts.AddAsync(name, [Role.Editor]);
        for (var i = 0; i < SignInThrottle.Failures; i++)
        {
            using var client = portal.NewClient();
            using var failed = await EditingPortal.SignInAsync(client, name, "wrong");
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        }

        using var fresh = portal.NewClient();
        using var response = await EditingPortal.SignInAsync(fresh, name, password);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    public async Task SignIn_ReturnUrlElsewhere_IsNotFollowed(string returnUrl)
    {
        var name = portal.NewName("eve");
        var (_, password) = await portal.Accounts.AddAsync(name, [Role.Editor]);
        using var client = portal.NewClient();

        using var response = await EditingPortal.SignInAsync(client, name, password, returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/editor", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task SignIn_LocalReturnUrl_IsFollowed()
    {
        var name = portal.NewName("fay");
        var (_, password) = await portal.Accounts.AddAsync(name, [Role.Editor]);
        using var client = portal.NewClient();

        using var response = await EditingPortal.SignInAsync(client, name, password, "/editor/new");

        Assert.Equal("/editor/new", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task SignIn_PostedWithoutAntiforgeryToken_Answers400()
    {
        var name = portal.NewName("gus");
        var (_, password) = await portal.Accounts.AddAsync(name, [Role.Editor]);
        using var client = portal.NewClient();
        await EditingPortal.TokenAsync(client, "/editor/sign-in");

        using var response = await EditingPortal.PostFormAsync(client, "/editor/sign-in", new() { ["Name"] = name, ["Password"] = password });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task EditForm_PostedWithoutAntiforgeryToken_Answers400AndSavesNothing()
    {
        using var client = await portal.SignedInAsync(portal.NewName("hal"), Role.Editor);

        using var response = await EditingPortal.PostFormAsync(client, "/editor/new?handler=publish", new() { ["Title"] = "Forged", ["Markdown"] = "x" });
        using var forged = await EditingPortal.PostFormAsync(client, "/editor/new?handler=publish", new() { ["Title"] = "Forged", ["Markdown"] = "x", ["__RequestVerificationToken"] = "forged" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.DoesNotContain(await portal.News.ListAsync(), p => p.Title == "Forged");
    }

    [Fact]
    public async Task Session_AccountRemoved_IsRefused()
    {
        var name = portal.NewName("ivy");
        using var client = await portal.SignedInAsync(name, Role.Editor);
        using var before = await client.GetAsync("/editor");
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        await portal.Accounts.RemoveAsync(name);
        using var after = await client.GetAsync("/editor");
        using var api = await client.GetAsync("/api/editor/posts");

        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/editor/sign-in", after.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Contains(portal.Host.Logs.Lines, l => l.Contains($"Session of {name} refused: the account no longer exists.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Session_AccountAddedAgain_IsRefusedAndTheNewPasswordWorks()
    {
        var name = portal.NewName("jon");
        using var client = await portal.SignedInAsync(name, Role.Editor);

        var (_, password) = await portal.Accounts.AddAsync(name, [Role.Editor]);
        using var stale = await client.GetAsync("/editor");
        using var signIn = await EditingPortal.SignInAsync(client, name, password);
        using var fresh = await client.GetAsync("/editor");

        Assert.Equal(HttpStatusCode.Redirect, stale.StatusCode);
        Assert.StartsWith("/editor/sign-in", stale.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
    }

    [Fact]
    public async Task SignOut_Posted_EndsTheSession()
    {
        using var client = await portal.SignedInAsync(portal.NewName("kim"), Role.Editor);
        var token = await EditingPortal.TokenAsync(client, "/editor");

        using var signOut = await EditingPortal.PostFormAsync(client, "/editor/sign-out", new() { ["__RequestVerificationToken"] = token });
        using var after = await client.GetAsync("/editor");

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/editor/sign-in", after.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }
}
