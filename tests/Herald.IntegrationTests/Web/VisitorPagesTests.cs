using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Herald.Web;
using Xunit;

namespace Herald.Tests.Web;

/// <summary>
/// What a visitor sees of where things stand, on <see cref="PortalProject"/> at its fixed "now" (2021-06-15):
/// the series table with latest releases and ends in words, the development row, the release-cycle chart,
/// banners, candidates, range logs and the change list's switch.
/// </summary>
[Collection(SqlitePortalCollection.Name)]
public sealed class VisitorPagesTests(SqlitePortalFixture portal)
{
    private PortalProject Project => portal.Project;

    [Fact]
    public async Task StartPage_SeriesTable_ShowsTheLatestReleaseWithItsOwnDate()
    {
        var row = await SeriesRowAsync("1.1");

        var cells = row.QuerySelectorAll("td");
        Assert.Equal("1.1.3", cells[1].TextContent.Trim());
        Assert.Equal("2021-01-15", cells[2].TextContent.Trim());
    }

    [Fact]
    public async Task StartPage_SupportEnds_AreWordsFromTheFixedClockBesideTheDates()
    {
        var row = await SeriesRowAsync("1.0");

        var cells = row.QuerySelectorAll("td");
        Assert.Equal("ends in 1 month", cells[3].QuerySelector(".relative")!.TextContent);
        Assert.Equal("2021-08-01", cells[3].QuerySelector("time")!.GetAttribute("datetime"));
        Assert.Equal("ends in 19 months", cells[4].QuerySelector(".relative")!.TextContent);
        Assert.Equal("ends in 7 months", (await SeriesRowAsync("1.1")).QuerySelectorAll("td")[3].QuerySelector(".relative")!.TextContent);
    }

    [Fact]
    public async Task StartPage_SeriesInDevelopment_LinksItsNewestCandidate()
    {
        var row = await SeriesRowAsync("1.3");

        Assert.Equal("development", row.QuerySelector(".status")!.TextContent);
        Assert.Equal("/releases/1.3.0-rc1", row.QuerySelectorAll("td")[1].QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("2021-05-01", row.QuerySelectorAll("td")[2].TextContent.Trim());
    }

    [Fact]
    public async Task StartPage_CycleChart_HasOneBarPerReleasedSeriesAndMarksToday()
    {
        var document = await GetPageAsync("/");

        var svg = document.QuerySelector("#cycle ~ figure svg.cycle")!;
        Assert.Equal(["1.2", "1.1", "1.0"], svg.QuerySelectorAll("g.bar").Select(g => g.GetAttribute("data-series")));
        Assert.Equal("Today, 2021-06-15", svg.QuerySelector("g.today title")!.TextContent);
        Assert.Empty(document.QuerySelectorAll("main script"));
        var bar = svg.QuerySelector("g.bar[data-series='1.1']")!;
        Assert.Contains("security support until 2023-08-01", bar.QuerySelector("title")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(bar.QuerySelector("rect.general"));
        Assert.NotNull(bar.QuerySelector("rect.security"));
    }

    [Fact]
    public async Task SeriesPage_CycleChart_OutlinesThatSeries()
    {
        var document = await GetPageAsync("/series/1.1");

        Assert.Equal(["1.1"], document.QuerySelectorAll("svg.cycle g.bar.current").Select(g => g.GetAttribute("data-series")));
        Assert.NotNull(document.QuerySelector("svg.cycle g.today"));
    }

    [Fact]
    public async Task ReleasesPage_Candidates_AreFoldedUnderTheirSeries()
    {
        var document = await GetPageAsync("/releases");

        var details = Assert.Single(document.QuerySelectorAll("details.candidates"));
        Assert.False(details.HasAttribute("open"));
        Assert.Equal("s-1-3", details.ParentElement!.GetAttribute("aria-labelledby"));
        Assert.Equal(["/releases/1.3.0-rc1"], details.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public async Task CandidatePage_NotYetReleased_SaysSo()
    {
        var document = await GetPageAsync("/releases/1.3.0-rc1");

        Assert.Contains("1.3.0 is not released yet.", document.QuerySelector(".banner-candidate")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReleasePage_OlderPointRelease_NamesTheLatestOfItsSeries()
    {
        var document = await GetPageAsync("/releases/1.0.2");

        var banner = document.QuerySelector(".banner-newer")!;
        Assert.Equal("1.0.5 is the latest release of 1.0.", banner.TextContent.Trim());
        Assert.Equal("/releases/1.0.5", banner.QuerySelector("a")!.GetAttribute("href"));
        Assert.Null(document.QuerySelector(".banner-eol"));
    }

    [Fact]
    public async Task ReleasePage_LatestOfASupportedSeries_HasNoBanner()
    {
        var document = await GetPageAsync("/releases/1.2.1");

        Assert.Empty(document.QuerySelectorAll(".banner"));
    }

    [Fact]
    public async Task ReleasePage_ChangesSince_LinksTheRangeLog()
    {
        var document = await GetPageAsync("/releases/1.1.0");

        var since = document.QuerySelectorAll("dl.facts dt").Single(dt => dt.TextContent == "Changes since").NextElementSibling!;
        Assert.Equal("/log/RELEASE-1.0.0..RELEASE-1.1.0", since.QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task ReleasePage_Changes_AreListedOnceWithASwitchToAuthors()
    {
        var document = await GetPageAsync("/releases/1.1.0");

        Assert.Equal(3, document.QuerySelectorAll("#changes ~ details ul.log li").Length);
        var tabs = document.QuerySelectorAll("#changes ~ nav.tabs a");
        Assert.Equal(["?by=subsystem#changes", "?by=author#changes"], tabs.Select(a => a.GetAttribute("href")));
        Assert.Equal("page", tabs[0].GetAttribute("aria-current"));
        Assert.False(tabs[1].HasAttribute("aria-current"));

        var byAuthor = await GetPageAsync("/releases/1.1.0?by=author");
        Assert.Equal("page", byAuthor.QuerySelectorAll("#changes ~ nav.tabs a")[1].GetAttribute("aria-current"));
        Assert.Equal(3, byAuthor.QuerySelectorAll("#changes ~ details ul.log li").Length);
        Assert.Contains("Carol Coder (1)", byAuthor.QuerySelectorAll("#changes ~ details summary").Select(s => s.TextContent));
    }

    [Fact]
    public async Task ReleasePage_UnknownGrouping_Answers400()
    {
        using var response = await portal.Client.GetAsync("/releases/1.1.0?by=%3Cscript%3E");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("?by= takes subsystem or author.", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task RangeLog_BetweenTwoReleases_CountsWhatGitCounts()
    {
        var document = await GetPageAsync("/log/RELEASE-1.0.0..RELEASE-1.1.0");

        var expected = Project.Builder.Git("rev-list", "--topo-order", "RELEASE-1.0.0..RELEASE-1.1.0").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith($"{expected.Length} commits in RELEASE-1.1.0", document.QuerySelector("p.total")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(expected.Select(s => s[..12]), document.QuerySelectorAll("table.shortlog tbody tr code").Select(c => c.TextContent));
        Assert.Equal(["RELEASE-1.1.0"], document.QuerySelectorAll("table.shortlog .tag").Select(t => t.TextContent));
    }

    [Fact]
    public async Task RangeLog_LongerThanAPage_PagesWithItsTotal()
    {
        var total = Project.CountCommits("RELEASE-1.0.0..master");
        Assert.True(total is > 50 and <= 100, $"the range has {total} commits");

        var first = await GetPageAsync("/log/RELEASE-1.0.0..master");
        var second = await GetPageAsync("/log/RELEASE-1.0.0..master?page=2");

        Assert.StartsWith($"{total} commits", first.QuerySelector("p.total")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(50, first.QuerySelectorAll("table.shortlog tbody tr").Length);
        Assert.Equal("?page=2", first.QuerySelector("a[rel=next]")!.GetAttribute("href"));
        Assert.Contains("Page 1 of 2", first.QuerySelector("nav.pages")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(total - 50, second.QuerySelectorAll("table.shortlog tbody tr").Length);
        Assert.Equal("x86: master work 1", second.QuerySelectorAll("table.shortlog tbody tr a")[^1].TextContent);
        Assert.Null(second.QuerySelector("a[rel=next]"));
    }

    [Fact]
    public async Task Log_Branch_MarksTheTagsOnIt()
    {
        var document = await GetPageAsync("/log/master");

        var tags = document.QuerySelectorAll("table.shortlog .tag").Select(t => t.TextContent).ToList();
        Assert.Equal("1.3.0-rc1", tags[0]);
        Assert.Equal("1.3.0-rc1", document.QuerySelector("table.shortlog tbody tr .tag")!.TextContent);
    }

    [Theory]
    [InlineData("/log/RELEASE-1.0.0..", "RELEASE-1.0.0.. is not a range: write A..B with a branch, tag, version or commit on each side.")]
    [InlineData("/log/..master", "..master is not a range: write A..B with a branch, tag, version or commit on each side.")]
    [InlineData("/log/RELEASE-1.0.0...master", "RELEASE-1.0.0...master is not a range: write A..B with a branch, tag, version or commit on each side.")]
    [InlineData("/log/RELEASE-1.0.0..nowhere", "There is no branch, tag or commit named nowhere.")]
    public async Task RangeLog_BadRange_Answers404SayingWhy(string path, string message)
    {
        var (response, document) = await portal.Host.GetHtmlAsync(path);
        using (response)
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        Assert.Equal(message, document.QuerySelector("p.missing")?.TextContent);
    }

    private async Task<IElement> SeriesRowAsync(string series)
    {
        var document = await GetPageAsync("/");
        return document.QuerySelectorAll("#series ~ div table tbody tr").Single(r => r.QuerySelector("th")!.TextContent.Trim() == series);
    }

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

/// <summary>
/// <see cref="PortalProject.CreateSmall"/> grown on master by a merge whose merged line is dated after the
/// mainline's commits, then <see cref="Changes"/> commits half spelt <c>x86/HVM:</c> and half <c>x86/hvm:</c>,
/// released as 1.3.0 (2021-07-01), and served on <see cref="Now"/> (2023-03-01): 1.0 is end-of-life, 1.1 to
/// 1.3 are security-only.
/// </summary>
public sealed class LaterPortalFixture : IAsyncLifetime
{
    /// <summary>The HVM commits added after the merge.</summary>
    public const int Changes = 205;

    private PortalProject? _project;
    private PortalHost? _host;

    /// <summary>"Now" for the portal.</summary>
    public static DateTimeOffset Now { get; } = PortalProject.Noon(2023, 3, 1);

    public PortalProject Project => _project ?? throw new InvalidOperationException("The fixture is not initialised.");

    public PortalHost Host => _host ?? throw new InvalidOperationException("The fixture is not initialised.");

    public async Task InitializeAsync()
    {
        _project = PortalProject.CreateSmall();
        var b = Project.Builder;
        b.CheckoutNew("topic");
        b.Commit("tools: topic work 1", date: PortalProject.Noon(2021, 6, 1));
        b.Commit("tools: topic work 2", date: PortalProject.Noon(2021, 6, 2));
        b.Checkout("master");
        b.Commit("xen: mainline work 1", date: PortalProject.Noon(2021, 5, 10));
        b.Commit("xen: mainline work 2", date: PortalProject.Noon(2021, 5, 20));
        b.Merge("topic", "Merge branch 'topic'", PortalProject.Noon(2021, 6, 10));
        var at = PortalProject.Noon(2021, 6, 11);
        for (var i = 0; i < Changes; i++)
        {
            b.Commit($"{(i % 2 == 0 ? "x86/HVM" : "x86/hvm")}: change {i}", date: at.AddMinutes(i));
        }

        b.AnnotatedTag("RELEASE-1.3.0", "Release 1.3.0", PortalProject.Noon(2021, 7, 1));
        _host = PortalHost.Start(
            new PortalOptions { Repository = b.Path, Config = Project.ConfigPath, Data = Project.NewFolder("data") },
            Now);
        await Host.WaitUntilHealthyAsync();
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        _project?.Dispose();
    }
}

/// <summary>Banners of security-only and end-of-life series, big releases and merges, on <see cref="LaterPortalFixture"/>.</summary>
public sealed class VisitorLaterPagesTests(LaterPortalFixture portal) : IClassFixture<LaterPortalFixture>
{
    [Fact]
    public async Task ReleasePage_SecurityOnlySeries_SaysSo()
    {
        var document = await GetPageAsync("/releases/1.1.3");

        Assert.Equal("1.1 receives security fixes only: its general support has ended.", document.QuerySelector(".banner-security")!.TextContent.Trim());
        Assert.Null(document.QuerySelector(".banner-newer"));
    }

    [Fact]
    public async Task ReleasePage_EndOfLifeSeries_NamesTheSeriesToMoveTo()
    {
        var document = await GetPageAsync("/releases/1.0.3");

        var eol = document.QuerySelector(".banner-eol")!;
        Assert.StartsWith("1.0 is end-of-life", eol.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal(["/series/1.3", "/releases/1.3.0"], eol.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
        Assert.Equal("/releases/1.0.5", document.QuerySelector(".banner-newer a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task CandidatePage_Released_NamesTheReleaseItLedTo()
    {
        var document = await GetPageAsync("/releases/1.3.0-rc1");

        var banner = document.QuerySelector(".banner-candidate")!;
        Assert.Equal("/releases/1.3.0", banner.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("2021-07-01", banner.QuerySelector("time")!.TextContent);
        Assert.Null(document.QuerySelector(".banner-newer"));
    }

    [Fact]
    public async Task StartPage_AfterTheNewestRelease_ShowsTheNextSeriesInDevelopment()
    {
        var document = await GetPageAsync("/");

        var row = document.QuerySelector("#series ~ div table tbody tr")!;
        Assert.Equal("1.4", row.QuerySelector("th")!.TextContent.Trim());
        Assert.Equal("development", row.QuerySelector(".status")!.TextContent);
        Assert.Equal("no candidate yet", row.QuerySelectorAll("td")[1].TextContent.Trim());
        Assert.Equal("ended 19 months ago", document.QuerySelectorAll("#series ~ div table tbody tr")[^1].QuerySelectorAll("td")[3].QuerySelector(".relative")!.TextContent);
    }

    [Fact]
    public async Task ReleasePage_ThousandsOfChanges_ShowsTheFirstPageAndLinksTheRange()
    {
        var total = int.Parse(portal.Project.Builder.Git("rev-list", "--count", "--no-merges", "RELEASE-1.2.0..RELEASE-1.3.0"), CultureInfo.InvariantCulture);
        Assert.True(total > 200, $"the release has {total} changes");

        var document = await GetPageAsync("/releases/1.3.0");

        var listed = document.QuerySelectorAll("#changes ~ details ul.log li");
        Assert.Equal(200, listed.Length);
        var more = document.QuerySelector("#changes ~ p.more")!;
        Assert.StartsWith($"The newest 200 of {total} changes", more.TextContent, StringComparison.Ordinal);
        Assert.Equal("/log/RELEASE-1.2.0..RELEASE-1.3.0", more.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal($"Changes ({total})", document.QuerySelector("#changes")!.TextContent);
    }

    [Fact]
    public async Task ReleasePage_SubsystemsDifferingInCase_AreOneGroup()
    {
        var document = await GetPageAsync("/releases/1.3.0");

        var summaries = document.QuerySelectorAll("#changes ~ details summary").Select(s => s.TextContent).ToList();
        Assert.Equal("x86/HVM (200)", summaries[0]);
        Assert.DoesNotContain(summaries, s => s.StartsWith("x86/hvm", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RangeLog_AcrossAMerge_FollowsGitsTopologicalOrderNotDates()
    {
        var git = portal.Project.Builder.Git("log", "--topo-order", "--format=%H", "RELEASE-1.2.0..RELEASE-1.3.0").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var pages = (git.Length + 49) / 50;

        var shown = new List<string>();
        for (var page = 1; page <= pages; page++)
        {
            var document = await GetPageAsync($"/log/RELEASE-1.2.0..RELEASE-1.3.0?page={page}");
            shown.AddRange(document.QuerySelectorAll("table.shortlog tbody tr code").Select(c => c.TextContent));
            Assert.StartsWith($"{git.Length} commits", document.QuerySelector("p.total")!.TextContent, StringComparison.Ordinal);
        }

        Assert.Equal(git.Select(s => s[..12]), shown);
        var subjects = (await GetPageAsync($"/log/RELEASE-1.2.0..RELEASE-1.3.0?page={pages}")).QuerySelectorAll("table.shortlog tbody tr a").Select(a => a.TextContent).ToList();
        Assert.True(subjects.IndexOf("tools: topic work 1") < subjects.IndexOf("xen: mainline work 2"), string.Join(" | ", subjects));
    }

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
