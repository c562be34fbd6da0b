using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Xunit;

namespace Herald.Tests.Web;

/// <summary>The HTML pages: what each shows of <see cref="PortalProject"/>, and that commit text is escaped.</summary>
public abstract class PortalPageTests(PortalFixture portal)
{
    private PortalProject Project => portal.Project;

    [Fact]
    public async Task Healthz_AfterTheFirstIndex_AnswersOk()
    {
        using var response = await portal.Client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task StartPage_Always_ListsEverySeriesWithItsStatus()
    {
        var document = await GetPageAsync("/");

        var rows = document.QuerySelectorAll("#series ~ div table tbody tr");
        Assert.Equal(["1.3", "1.2", "1.1", "1.0"], rows.Select(r => r.QuerySelector("th")!.TextContent.Trim()));
        Assert.Equal(["development", "supported", "supported", "supported"], rows.Select(r => r.QuerySelector(".status")!.TextContent));
        Assert.Equal(["1.3.0-rc1", "1.2.1", "1.1.3", "1.0.5"], rows.Select(r => r.QuerySelectorAll("td")[1].TextContent.Trim()));
        Assert.Equal(["0", "0", "1", "1"], rows.Select(r => r.QuerySelector("td.num")!.TextContent.Trim()));
        Assert.Equal("Portal Fixture releases", document.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task StartPage_WithTwelveReleases_ShowsTheTenNewest()
    {
        var document = await GetPageAsync("/");

        var latest = document.QuerySelectorAll("ul.releases li a").Select(a => a.TextContent).ToList();
        Assert.Equal(10, latest.Count);
        Assert.Equal("Portal Fixture 1.2.1", latest[0]);
        Assert.DoesNotContain("Portal Fixture 1.0.0", latest);
        Assert.DoesNotContain("Portal Fixture 1.0.1", latest);
    }

    [Fact]
    public async Task ReleasesPage_Always_GroupsEveryReleaseBySeries()
    {
        var document = await GetPageAsync("/releases");

        Assert.Equal(["/series/1.3", "/series/1.2", "/series/1.1", "/series/1.0"], document.QuerySelectorAll("main h2 a").Select(a => a.GetAttribute("href")));
        Assert.Equal(PortalProject.Versions, document.QuerySelectorAll("ul.releases li > a").Select(a => a.TextContent));
        var signed = document.QuerySelectorAll("ul.releases li").Where(li => li.QuerySelector(".badge") is not null).Select(li => li.QuerySelector("a")!.TextContent);
        Assert.Equal(["1.2.0"], signed);
    }

    [Fact]
    public async Task ReleasePage_PointRelease_ShowsFactsStatsAndChanges()
    {
        var document = await GetPageAsync("/releases/1.2.1");

        Assert.Equal("Portal Fixture 1.2.1", document.QuerySelector("h1")!.TextContent);
        Assert.Equal("/log/RELEASE-1.2.1", Fact(document, "Tag").QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("not signed", Fact(document, "Tag").TextContent, StringComparison.Ordinal);
        Assert.Equal("/commit/" + Project.Builder.ShaOf("RELEASE-1.2.1^{commit}"), Fact(document, "Commit").QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("1.2.0", Fact(document, "Changes since").TextContent.Trim());
        Assert.StartsWith("1 changeset", document.QuerySelector("#stats + p")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("/acknowledgements/1.2.1", document.QuerySelector("#stats + p a")!.GetAttribute("href"));
        Assert.Equal("Changes (1)", document.QuerySelector("#changes")!.TextContent);
        Assert.Equal("/commit/" + Project.FixAOn12[..12], document.QuerySelector("ul.log li a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task ReleasePage_SeriesStart_ListsTheChangesSinceThePreviousSeriesStart()
    {
        var document = await GetPageAsync("/releases/1.1.0");

        Assert.Equal("1.0.0", Fact(document, "Changes since").TextContent.Trim());
        Assert.Equal("Changes (3)", document.QuerySelector("#changes")!.TextContent);
        var byAuthor = (await GetPageAsync("/releases/1.1.0?by=author")).QuerySelectorAll("#changes ~ details summary").Select(s => s.TextContent).ToList();
        Assert.Contains($"{PortalProject.XssAuthor} (1)", byAuthor);
    }

    [Fact]
    public async Task ReleasePage_CommitWithScript_EscapesIt()
    {
        var document = await GetPageAsync("/releases/1.1.0");

        AssertInert(document);
        Assert.Contains(document.QuerySelectorAll("ul.log li"), li => li.TextContent.Contains(PortalProject.XssSubject, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SeriesPage_BranchWithStatement_ShowsItsDatesAndUnreleasedCommits()
    {
        var document = await GetPageAsync("/series/1.1");

        Assert.Equal("Portal Fixture 1.1", document.QuerySelector("h1")!.TextContent);
        Assert.Equal("the branch's support statement", Fact(document, "Dates from").TextContent);
        Assert.Equal("2022-02-01", Fact(document, "General support until").TextContent);
        Assert.Equal("2023-08-01", Fact(document, "Security support until").TextContent);
        Assert.Equal("/log/stable-1.1", Fact(document, "Branch").QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal(["1.1.3", "1.1.2", "1.1.1", "1.1.0"], document.QuerySelectorAll("#rel ~ ul.releases li a").Select(a => a.TextContent));
        Assert.Equal("Unreleased commits (1)", document.QuerySelector("#unreleased")!.TextContent);
        Assert.Equal(Project.FixAOn11[..12], document.QuerySelector("#unreleased ~ div table tbody td code")!.TextContent);
    }

    [Fact]
    public async Task SeriesPage_BranchWithoutAFix_ListsItAsMissingBackport()
    {
        var document = await GetPageAsync("/series/1.0");

        Assert.Equal("the project's policy", Fact(document, "Dates from").TextContent);
        Assert.Equal("2021-08-01", Fact(document, "General support until").TextContent);
        Assert.Equal("Missing backports (1)", document.QuerySelector("#missing")!.TextContent);
        var cells = document.QuerySelectorAll("#missing ~ div table tbody td");
        Assert.Equal(Project.FixA[..12], cells[0].TextContent);
        Assert.Equal(PortalProject.FixASubject, cells[3].TextContent);
    }

    [Fact]
    public async Task LogPage_LongBranch_ShowsFiftyNewestAndLinksTheNextPage()
    {
        var document = await GetPageAsync("/log/master");

        var rows = document.QuerySelectorAll("table.shortlog tbody tr");
        Assert.Equal(50, rows.Length);
        Assert.Equal(Project.Builder.ShaOf("master")[..12], rows[0].QuerySelector("code")!.TextContent);
        Assert.Equal("?page=2", document.QuerySelector("a[rel=next]")!.GetAttribute("href"));
        Assert.Null(document.QuerySelector("a[rel=prev]"));
    }

    [Fact]
    public async Task LogPage_SecondPage_ShowsTheRestOldestLast()
    {
        var total = Project.CountCommits("master");
        Assert.True(total is > 50 and <= 100, $"the fixture's master has {total} commits");

        var document = await GetPageAsync("/log/master?page=2");

        var rows = document.QuerySelectorAll("table.shortlog tbody tr");
        Assert.Equal(Project.Builder.Git("rev-list", "--skip=50", "--max-count=1", "master")[..12], rows[0].QuerySelector("code")!.TextContent);
        Assert.Equal(total - 50, rows.Length);
        Assert.Equal("Initial import", rows[^1].QuerySelector("a")!.TextContent);
        Assert.Equal("?page=1", document.QuerySelector("a[rel=prev]")!.GetAttribute("href"));
        Assert.Null(document.QuerySelector("a[rel=next]"));
    }

    [Fact]
    public async Task LogPage_Tag_ShowsTheCommitsUpToIt()
    {
        var document = await GetPageAsync("/log/RELEASE-1.0.0");

        Assert.Equal(["build: add configure script", "Initial import"], document.QuerySelectorAll("table.shortlog tbody tr a").Select(a => a.TextContent));
    }

    [Fact]
    public async Task LogPage_StableBranch_ShowsItsOwnCommits()
    {
        var document = await GetPageAsync("/log/stable-1.2");

        var subjects = document.QuerySelectorAll("table.shortlog tbody tr a").Select(a => a.TextContent).ToList();
        Assert.Equal(PortalProject.FixASubject, subjects[0]);
        Assert.Equal(Project.CountCommits("stable-1.2"), subjects.Count);
    }

    [Fact]
    public async Task LogPage_CommitWithScript_EscapesIt()
    {
        var document = await GetPageAsync("/log/RELEASE-1.1.0");

        AssertInert(document);
        Assert.Contains(PortalProject.XssSubject, document.QuerySelectorAll("table.shortlog tbody tr a").Select(a => a.TextContent));
        Assert.Contains(PortalProject.XssAuthor, document.QuerySelectorAll("table.shortlog tbody td").Select(td => td.TextContent));
    }

    [Fact]
    public async Task CommitPage_Fix_ShowsItsTrailers()
    {
        var document = await GetPageAsync("/commit/" + Project.FixA);

        Assert.Equal(PortalProject.FixASubject, document.QuerySelector("h1")!.TextContent);
        Assert.Equal(Project.FixA, Fact(document, "Commit").TextContent);
        Assert.Equal("Carol Coder <carol@amd.com>", Fact(document, "Author").TextContent);
        var trailers = document.QuerySelectorAll("h2 + dl.facts dt").Select(dt => (dt.TextContent, dt.NextElementSibling!.TextContent)).ToList();
        Assert.Equal(
            [("Signed-off-by", "Carol Coder <carol@amd.com>"), ("Reviewed-by", PortalProject.MarkupReviewer + " <bold@citrix.com>"), ("Tested-by", "Dave Tester <dave@arm.com>")],
            trailers);
        AssertInert(document);
    }

    [Fact]
    public async Task CommitPage_BackportedFix_ShowsEveryBranchAndFirstRelease()
    {
        var document = await GetPageAsync("/commit/" + Project.FixA);

        var rows = document.QuerySelectorAll("h2 + table tbody tr")
            .Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray())
            .Select(c => (c[0], c[1], c[2]))
            .ToList();
        Assert.Equal(
            [("master", Project.FixA[..12], "unreleased"), ("stable-1.2", Project.FixAOn12[..12], "1.2.1"), ("stable-1.1", Project.FixAOn11[..12], "unreleased")],
            rows);
    }

    [Fact]
    public async Task CommitPage_Backport_LinksTheMasterCommit()
    {
        var document = await GetPageAsync("/commit/" + Project.FixAOn12);

        Assert.Equal("/commit/" + Project.FixA, Fact(document, "Backport of").QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal(3, document.QuerySelectorAll("h2 + table tbody tr").Length);
    }

    [Fact]
    public async Task CommitPage_AbbreviatedSha_ShowsTheCommit()
    {
        var document = await GetPageAsync("/commit/" + Project.FixA[..10]);

        Assert.Equal(Project.FixA, Fact(document, "Commit").TextContent);
    }

    [Fact]
    public async Task CommitPage_CommitWithScript_EscapesSubjectBodyAndAuthor()
    {
        var document = await GetPageAsync("/commit/" + Project.Xss);

        AssertInert(document);
        Assert.Equal(PortalProject.XssSubject, document.QuerySelector("h1")!.TextContent);
        Assert.Contains("The name " + PortalProject.Script + " was printed raw.", document.QuerySelector("pre.message")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(PortalProject.XssAuthor + " <eve@suse.com>", Fact(document, "Author").TextContent);
        Assert.Contains(PortalProject.XssSubject, document.QuerySelector("title")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AcknowledgementsPage_Release_ListsDevelopersReviewersAndEmployers()
    {
        var document = await GetPageAsync("/acknowledgements/1.1.0");

        Assert.Equal("Acknowledgements for Portal Fixture 1.1.0", document.QuerySelector("h1")!.TextContent);
        Assert.Equal(
            ["Carol Coder", "Dave Tester", PortalProject.XssAuthor],
            document.QuerySelectorAll("#devs ~ div tbody th").Select(th => th.TextContent).Order(StringComparer.Ordinal));
        Assert.Equal([PortalProject.MarkupReviewer], document.QuerySelectorAll("#revs ~ div tbody th").Select(th => th.TextContent));
        Assert.Equal(["AMD", "Arm", "SUSE"], document.QuerySelectorAll("#emps ~ div tbody th").Select(th => th.TextContent).Where(e => e != "Citrix").Order(StringComparer.Ordinal));
        AssertInert(document);
    }

    [Fact]
    public async Task UnknownRelease_Page_Answers404NamingIt()
    {
        await AssertMissingAsync("/releases/9.9.9", "There is no release 9.9.9.");
    }

    [Fact]
    public async Task UnknownRelease_Acknowledgements_Answers404NamingIt()
    {
        await AssertMissingAsync("/acknowledgements/9.9.9", "There is no release 9.9.9.");
    }

    [Fact]
    public async Task UnknownSeries_Page_Answers404NamingIt()
    {
        await AssertMissingAsync("/series/9.9", "There is no series 9.9.");
    }

    [Fact]
    public async Task UnknownRef_Log_Answers404NamingIt()
    {
        await AssertMissingAsync("/log/no-such-branch", "There is no branch, tag or commit named no-such-branch.");
    }

    [Fact]
    public async Task LogPage_PastTheLastPage_Answers404NamingThePage()
    {
        await AssertMissingAsync("/log/stable-1.2?page=9", "stable-1.2 has no page 9.");
    }

    [Fact]
    public async Task UnknownSha_CommitPage_Answers404NamingIt()
    {
        await AssertMissingAsync("/commit/0123456789abcdef", "There is no commit 0123456789abcdef.");
    }

    [Fact]
    public async Task UnknownPath_Answers404NamingThePath()
    {
        await AssertMissingAsync("/no/such/page", "Nothing is at /no/such/page.");
    }

    [Fact]
    public async Task UnknownPath_Post_Answers404()
    {
        using var response = await portal.Client.PostAsync("/no/such/page", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<IHtmlDocument> GetPageAsync(string path)
    {
        var (response, document) = await portal.Host.GetHtmlAsync(path);
        using (response)
        {
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}: {document.Body?.TextContent.Trim()}");
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        }

        return document;
    }

    private async Task AssertMissingAsync(string path, string message)
    {
        var (response, document) = await portal.Host.GetHtmlAsync(path);
        using (response)
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal("Not found", document.QuerySelector("main h1")?.TextContent);
        Assert.Equal(message, document.QuerySelector("p.missing")?.TextContent);
    }

    /// <summary>The &lt;dd&gt; after the &lt;dt&gt; that says <paramref name="term"/>.</summary>
    private static IElement Fact(IHtmlDocument document, string term) =>
        document.QuerySelectorAll("dl.facts dt").FirstOrDefault(dt => dt.TextContent == term)?.NextElementSibling
        ?? throw new Xunit.Sdk.XunitException($"no '{term}' in {string.Join(", ", document.QuerySelectorAll("dl.facts dt").Select(dt => dt.TextContent))}");

    /// <summary>No markup from commits made it into the page: no script from a message, no bold from a name.</summary>
    private static void AssertInert(IHtmlDocument document)
    {
        Assert.DoesNotContain(document.QuerySelectorAll("script"), s => s.TextContent.Contains("alert(1)", StringComparison.Ordinal));
        Assert.Empty(document.QuerySelectorAll("main b"));
    }
}

[Collection(SqlitePortalCollection.Name)]
public sealed class SqlitePortalPageTests(SqlitePortalFixture portal) : PortalPageTests(portal);

[Collection(PostgresPortalCollection.Name)]
public sealed class PostgresPortalPageTests(PostgresPortalFixture portal) : PortalPageTests(portal);
