using Herald.Advisories;
using Herald.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit;

namespace Herald.Tests.Browser;

/// <summary>
/// An embargoed advisory in a real browser: a pre-disclosure member signs in with the token at
/// <c>/advisories/sign-in</c> and reads it; an anonymous browser finds it neither on <c>/advisories</c> nor at its address.
/// </summary>
public sealed class AdvisoryMemberBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static readonly PageAssertionsToHaveURLOptions Arrived = new() { Timeout = 30_000 };

    [Fact]
    public async Task Member_SignsInWithTheToken_ReadsTheEmbargoedAdvisory_AnonymousFindsNothing()
    {
        var (id, token) = await SeedAsync();
        var member = await fixture.NewPageAsync();
        await member.GotoAsync("/advisories/sign-in");
        await member.GetByLabel("Token").FillAsync(token);
        await member.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(member).ToHaveURLAsync(fixture.Server.Url("/advisories"), Arrived);

        await member.Locator($"table.managed-advisories a[href='/advisories/{id}']").ClickAsync();
        await Assertions.Expect(member).ToHaveURLAsync(fixture.Server.Url("/advisories/" + id), Arrived);
        Assert.Equal("Browser overflow", await member.Locator(".advisory-title").InnerTextAsync());
        Assert.Equal("embargoed", await member.Locator("dd.state").InnerTextAsync());
        Assert.Contains("Only members may read this.", await member.Locator("#issue-description + .prose").InnerTextAsync(), StringComparison.Ordinal);

        var anonymous = await fixture.NewPageAsync();
        await anonymous.GotoAsync("/advisories");
        Assert.Equal(0, await anonymous.Locator($"a[href='/advisories/{id}']").CountAsync());
        Assert.DoesNotContain("Browser overflow", await anonymous.ContentAsync(), StringComparison.Ordinal);
        var direct = await anonymous.GotoAsync("/advisories/" + id);
        Assert.Equal(404, direct!.Status);
        Assert.DoesNotContain("Browser overflow", await anonymous.ContentAsync(), StringComparison.Ordinal);

        // Signed out, the member is an outsider again.
        await member.GotoAsync("/advisories");
        await member.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(member).ToHaveURLAsync(fixture.Server.Url("/advisories"), Arrived);
        Assert.Equal(0, await member.Locator($"a[href='/advisories/{id}']").CountAsync());
    }

    private async Task<(string Id, string Token)> SeedAsync()
    {
        var state = fixture.Server.Services.GetRequiredService<PortalState>();
        var database = state.View.Database ?? throw new InvalidOperationException("the portal has no database yet.");
        var clock = fixture.Server.Services.GetRequiredService<TimeProvider>();
        var store = new AdvisoryStore(database, clock);
        var made = await store.CreateAsync(
            new AdvisoryDraft { Title = "Browser overflow", EmbargoUntil = clock.GetUtcNow().AddDays(7), Sections = new AdvisorySections { Description = "Only members may read this." } },
            "XSA",
            new HashSet<int>());
        var (_, token) = await new PredisclosureList(database, clock).AddAsync("Browser Hosting", "security@browser.example");
        var generation = await store.ReadGenerationAsync();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (state.View.Desk.Generation < generation)
        {
            Assert.True(DateTime.UtcNow < deadline, "the portal never read the new advisory.");
            await Task.Delay(50);
        }

        return (made.Id, token);
    }
}
