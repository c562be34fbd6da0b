using System.Net;
using System.Text.Json.Nodes;
using AngleSharp.Html.Dom;
using Xunit;

namespace Herald.Tests.Advisories;

/// <summary>The advisories commit messages name: <c>/advisories</c>, one advisory, a release's section and the API.</summary>
public sealed class AdvisoriesPortalTests(AdvisoriesPortalFixture portal) : IClassFixture<AdvisoriesPortalFixture>
{
    [Fact]
    public async Task ListPage_TwoAdvisories_NewestFirstWithCvesLinked()
    {
        var document = await GetPageAsync("/advisories");

        var rows = document.QuerySelectorAll("table.advisories tbody tr").ToList();
        Assert.Equal(["/advisories/XSA-2", "/advisories/XSA-1"], rows.Select(r => r.QuerySelector("td a")!.GetAttribute("href")));
        var cve = rows[1].QuerySelector("td.cves a")!;
        Assert.Equal("CVE-2020-1234", cve.TextContent);
        Assert.Equal("https://www.cve.org/CVERecord?id=CVE-2020-1234", cve.GetAttribute("href"));
        Assert.Equal(string.Empty, rows[0].QuerySelector("td.cves")!.TextContent);
        Assert.Equal("2020-05-01", rows[1].QuerySelectorAll("td")[2].TextContent);
        Assert.Equal("3", rows[1].QuerySelectorAll("td")[3].TextContent);
    }

    [Fact]
    public async Task AdvisoryPage_FixOnThreeBranches_ShowsEachSeriesState()
    {
        var document = await GetPageAsync("/advisories/XSA-1");

        Assert.Equal("XSA-1", document.QuerySelector("h1")!.TextContent);
        Assert.Equal("https://security.example.org/advisory-1.html", document.QuerySelector("dl.facts a[rel='external'][href*='advisory-1']")!.GetAttribute("href"));
        Assert.Equal(["1.2.1", "unreleased", "series not supported"], Cells(document, 1));
        Assert.Equal("/releases/1.2.1", document.QuerySelector("#series-1\\.2 td a[href^='/releases/']")!.GetAttribute("href"));
        Assert.Equal(["/commit/" + portal.Fix1On12], document.QuerySelectorAll("#series-1\\.2 td.commits a").Select(a => a.GetAttribute("href")));
        Assert.Equal(["/commit/" + portal.Fix1On11], document.QuerySelectorAll("#series-1\\.1 td.commits a").Select(a => a.GetAttribute("href")));
        Assert.Empty(document.QuerySelectorAll("#series-1\\.0 td.commits a"));
        Assert.Equal(["master", "unreleased"], document.QuerySelectorAll("#mainline td").Take(2).Select(td => td.TextContent.Trim()));
        Assert.Equal(["/commit/" + portal.Fix1], document.QuerySelectorAll("#mainline td.commits a").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public async Task AdvisoryPage_FixOfCodeAddedAfterASeries_IsNotApplicableThere()
    {
        var document = await GetPageAsync("/advisories/xsa-2");

        Assert.Equal("XSA-2", document.QuerySelector("h1")!.TextContent);
        Assert.Equal(["1.2.1", "not applicable", "not applicable"], Cells(document, 1));
    }

    [Fact]
    public async Task AdvisoryPage_UnknownId_Is404()
    {
        var (response, document) = await portal.Host.GetHtmlAsync("/advisories/XSA-3");
        using (response)
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains("No such advisory is known here.", document.Body!.TextContent, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ReleasePage_PointReleaseWithFixes_ListsItsAdvisories()
    {
        var fixing = await GetPageAsync("/releases/1.2.1");
        var plain = await GetPageAsync("/releases/1.2.0");

        Assert.Equal(["/advisories/XSA-2", "/advisories/XSA-1"], fixing.QuerySelectorAll("section[aria-labelledby='advisories'] li a").Select(a => a.GetAttribute("href")));
        Assert.Equal("Security advisories fixed (2)", fixing.QuerySelector("#advisories")!.TextContent);
        Assert.Null(plain.QuerySelector("#advisories"));
    }

    [Fact]
    public async Task Api_All_GivesEachAdvisoryPerSeries()
    {
        var all = (await GetJsonAsync("/api/advisories")).AsArray();

        Assert.Equal(["XSA-2", "XSA-1"], all.Select(a => (string?)a!["id"]));
        var xsa1 = all[1]!;
        Assert.Equal(["CVE-2020-1234"], xsa1["cves"]!.AsArray().Select(c => (string?)c));
        Assert.Equal("2020-05-01", (string?)xsa1["firstNamed"]);
        Assert.Equal(new JsonObject { ["branch"] = "master", ["commits"] = new JsonArray(portal.Fix1), ["firstRelease"] = null }.ToJsonString(), xsa1["mainline"]!.ToJsonString());
        var series = xsa1["series"]!.AsArray();
        Assert.Equal(["1.2", "1.1", "1.0"], series.Select(s => (string?)s!["series"]));
        Assert.Equal(["fixed", "unreleased", "notSupported"], series.Select(s => (string?)s!["state"]));
        Assert.Equal(["1.2.1", null, null], series.Select(s => (string?)s!["fixedIn"]));
        Assert.Equal("stable-1.1", (string?)series[1]!["branch"]);
        Assert.Equal([portal.Fix1On11], series[1]!["commits"]!.AsArray().Select(c => (string?)c));
    }

    [Fact]
    public async Task Api_OneAdvisory_MatchesItsEntryInTheList()
    {
        var one = await GetJsonAsync("/api/advisories/XSA-2");
        var all = await GetJsonAsync("/api/advisories");

        Assert.Equal(all[0]!.ToJsonString(), one.ToJsonString());
        Assert.Equal(["fixed", "notApplicable", "notApplicable"], one["series"]!.AsArray().Select(s => (string?)s!["state"]));
        Assert.Equal([portal.Fix2On12], one["series"]![0]!["commits"]!.AsArray().Select(c => (string?)c));
    }

    [Theory]
    [InlineData("1.2.0", "XSA-2=fixed@1.2.1 XSA-1=fixed@1.2.1")]
    [InlineData("1.2.1", "")]
    [InlineData("1.1.0", "XSA-1=unreleased@")]
    [InlineData("1.0.0", "")]
    public async Task Api_Version_ListsTheAdvisoriesAffectingIt(string version, string expected)
    {
        var answer = await GetJsonAsync("/api/advisories?version=" + version);

        Assert.Equal(version, (string?)answer["version"]);
        var found = answer["advisories"]!.AsArray().Select(a => $"{(string?)a!["id"]}={(string?)a["state"]}@{(string?)a["fixedIn"]}");
        Assert.Equal(expected, string.Join(' ', found));
    }

    [Theory]
    [InlineData("/api/advisories/XSA-3", "no such advisory")]
    [InlineData("/api/advisories?version=9.9.9", "no release 9.9.9")]
    public async Task Api_Unknown_Is404WithAProblem(string path, string error)
    {
        using var response = await portal.Host.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(new JsonObject { ["error"] = error }.ToJsonString(), JsonNode.Parse(await response.Content.ReadAsStringAsync())!.ToJsonString());
    }

    [Fact]
    public async Task OpenApi_Always_DescribesTheAdvisoryPaths()
    {
        var document = await GetJsonAsync("/openapi/v1.json");

        Assert.Equal("Every known advisory, or those affecting one release", (string?)document["paths"]!["/api/advisories"]!["get"]!["summary"]);
        Assert.Equal("One advisory and where its fix landed", (string?)document["paths"]!["/api/advisories/{id}"]!["get"]!["summary"]);
    }

    private static List<string> Cells(IHtmlDocument document, int column) =>
        document.QuerySelectorAll("table.advisory-series tbody tr[id^='series-']").Select(r => r.QuerySelectorAll("td")[column].TextContent.Trim()).ToList();

    private async Task<IHtmlDocument> GetPageAsync(string path)
    {
        var (response, document) = await portal.Host.GetHtmlAsync(path);
        using (response)
        {
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}: {document.Body?.TextContent.Trim()}");
        }

        return document;
    }

    private async Task<JsonNode> GetJsonAsync(string path)
    {
        using var response = await portal.Host.Client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(text) ?? throw new Xunit.Sdk.XunitException($"GET {path} answered null");
    }
}
