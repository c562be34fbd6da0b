using Microsoft.Playwright;
using Xunit;

namespace Herald.Tests.Browser;

/// <summary><c>/search</c> as a reader uses it: type in the box, read the hits by kind, follow one.</summary>
public sealed class SearchBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static readonly PageAssertionsToHaveURLOptions Arrived = new() { Timeout = 30_000 };

    [Fact]
    public async Task SearchBox_Submitted_ListsCommitsAsLinksAndOpensOne()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/search");

        await page.GetByLabel("Releases, commits and news").FillAsync("scheduler");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(fixture.Server.Url("/search?q=scheduler"), Arrived);

        var commits = page.Locator("section[aria-labelledby=hits-commit] li a");
        Assert.Equal(["xen: faster scheduler", "xen: add scheduler"], await commits.AllInnerTextsAsync());
        Assert.Equal("scheduler", await page.GetByLabel("Releases, commits and news").InputValueAsync());
        await commits.First.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/commit/[0-9a-f]{40}$"), Arrived);
        Assert.Equal("xen: faster scheduler", await page.Locator("h1").InnerTextAsync());
    }

    [Fact]
    public async Task SearchPage_Version_ListsTheReleaseAndItsPageOpens()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/search?q=1.0.1");

        var releases = page.Locator("section[aria-labelledby=hits-release] li a");
        Assert.Equal(["1.0.1"], await releases.AllInnerTextsAsync());
        await releases.First.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(fixture.Server.Url("/releases/1.0.1"), Arrived);
    }

    [Fact]
    public async Task SearchPage_ScriptInQuery_RunsNothing()
    {
        var page = await fixture.NewPageAsync();
        var dialogs = 0;
        page.Dialog += (_, dialog) =>
        {
            dialogs++;
            _ = dialog.DismissAsync();
        };

        await page.GotoAsync("/search?q=" + Uri.EscapeDataString("<img src=x onerror=alert(1)>\"><script>alert(2)</script>"));

        Assert.Equal(0, await page.Locator("main img, main script").CountAsync());
        Assert.Contains("<script>alert(2)</script>", await page.Locator(".query").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, dialogs);
    }
}
