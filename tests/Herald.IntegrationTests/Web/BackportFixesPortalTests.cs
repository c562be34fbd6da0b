using System.Net;
using AngleSharp.Html.Dom;
using Xunit;

namespace Herald.Tests.Web;

/// <summary>The series page lists fixes for code a branch never had apart; the commit page links <c>Fixes:</c> targets.</summary>
public sealed class BackportFixesPortalTests(BackportFixesPortalFixture portal) : IClassFixture<BackportFixesPortalFixture>
{
    [Fact]
    public async Task SeriesPage_FixOfCodeAddedAfterTheFork_IsListedAsNotApplicableBelowMissing()
    {
        var document = await GetPageAsync("/series/1.0");

        var headings = document.QuerySelectorAll("main h2").Select(h => h.Id).ToList();
        Assert.True(headings.IndexOf("missing") >= 0 && headings.IndexOf("not-applicable") > headings.IndexOf("missing"), string.Join(", ", headings));
        Assert.Equal("Not applicable: introduced after this series (2)", document.QuerySelector("#not-applicable")!.TextContent);
        var rows = Rows(document, "not-applicable");
        Assert.Equal(["/commit/" + portal.Project.FixOfLate, "/commit/" + portal.Project.FixOfNew], rows.Select(r => r.QuerySelector("td a")!.GetAttribute("href")));
        var fixOfNew = rows[1].QuerySelectorAll("td");
        Assert.Equal("/commit/" + portal.Project.NewFeature, fixOfNew[1].QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal(portal.Project.NewFeature[..12], fixOfNew[1].TextContent.Trim());
        Assert.Equal("/releases/1.1.0", fixOfNew[2].QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("unreleased", rows[0].QuerySelectorAll("td")[2].TextContent.Trim());
        Assert.Equal("x86: fix new feature", fixOfNew[5].TextContent);
    }

    [Fact]
    public async Task SeriesPage_FixOfCodeTheBranchHas_StaysInMissing()
    {
        var document = await GetPageAsync("/series/1.0");

        var missing = Rows(document, "missing").Select(r => r.QuerySelector("td a")!.GetAttribute("href")).ToList();
        Assert.Equal(7, missing.Count);
        Assert.Contains("/commit/" + portal.Project.FixOfOld, missing);
        Assert.Contains("/commit/" + portal.Project.FixOfPool, missing);
        Assert.DoesNotContain("/commit/" + portal.Project.FixOfNew, missing);
    }

    [Fact]
    public async Task SeriesPage_NothingNotApplicable_HasNoSection()
    {
        var document = await GetPageAsync("/series/1.1");

        Assert.Null(document.QuerySelector("#not-applicable"));
    }

    [Fact]
    public async Task CommitPage_FixesTrailer_LinksTheTargetCommit()
    {
        var document = await GetPageAsync("/commit/" + portal.Project.FixOfBoth);

        var fixes = document.QuerySelectorAll("dl.facts dt").Where(dt => dt.TextContent == "Fixes").Select(dt => dt.NextElementSibling!).ToList();
        Assert.Equal(["/commit/" + portal.Project.NewFeature, "/commit/" + portal.Project.OldFeature], fixes.Select(dd => dd.QuerySelector("a")!.GetAttribute("href")));
        Assert.Equal(portal.Project.NewFeature[..12] + " (\"x86: add new feature\")", fixes[0].TextContent);
    }

    [Fact]
    public async Task CommitPage_FixesTrailerOfAnUnknownCommit_IsPlainText()
    {
        var document = await GetPageAsync("/commit/" + portal.Project.FixOfUnknown);

        var fixes = document.QuerySelectorAll("dl.facts dt").Single(dt => dt.TextContent == "Fixes").NextElementSibling!;
        Assert.Null(fixes.QuerySelector("a"));
        Assert.Equal("0123456789ab (\"gone\")", fixes.TextContent);
    }

    private static List<AngleSharp.Dom.IElement> Rows(IHtmlDocument document, string section) =>
        document.QuerySelectorAll($"section[aria-labelledby='{section}'] tbody tr").ToList();

    private async Task<IHtmlDocument> GetPageAsync(string path)
    {
        var (response, document) = await portal.Host.GetHtmlAsync(path);
        using (response)
        {
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}: {document.Body?.TextContent.Trim()}");
        }

        return document;
    }
}
