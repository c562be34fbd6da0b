using System.Net;
using System.Text.Json.Nodes;
using AngleSharp.Html.Parser;
using Xunit;

namespace Herald.Tests.Advisories;

/// <summary>
/// The access matrix of #16: every advisory route × every kind of viewer × before, at and after the embargo
/// instant (<see cref="AdvisoryAccessFixture"/>), asserting exactly who sees what, how privileged answers are
/// marked for caches, and that an outsider cannot tell an embargoed id from a missing one.
/// </summary>
public abstract class AdvisoryAccessTestsBase(AdvisoryAccessFixture portal)
{
    public static TheoryData<string> Viewers => ["anonymous", "member", "member-cookie", "security", "admin", "editor"];

    public static TheoryData<string> Outsiders => ["anonymous", "admin", "editor"];

    private static bool Sees(string viewer, string id) => AdvisoryAccessFixture.Audience[id] switch
    {
        "everyone" => true,
        "member" => viewer is "member" or "member-cookie" or "security",
        _ => viewer == "security",
    };

    [Theory]
    [MemberData(nameof(Viewers))]
    public async Task Matrix_EachViewer_SeesExactlyWhatThePolicyAllows(string viewer)
    {
        using var client = await portal.ClientAsync(viewer);
        var list = await GetAsync(client, "/advisories");
        var api = JsonNode.Parse(await GetAsync(client, "/api/advisories"))!.AsArray().Select(a => (string?)a!["id"]).ToList();
        var feed = await GetAsync(client, "/feeds/advisories.atom");
        foreach (var id in AdvisoryAccessFixture.Audience.Keys)
        {
            var sees = Sees(viewer, id);
            var because = $"{viewer} on {id}";
            Assert.True(sees == list.Contains($"href=\"/advisories/{id}\"", StringComparison.Ordinal), because + ": /advisories");
            Assert.True(sees == api.Contains(id), because + ": /api/advisories");
            Assert.True(sees == feed.Contains($"/advisories/{id}</id>", StringComparison.Ordinal), because + ": /feeds/advisories.atom");
            await AssertStatusAsync(client, $"/advisories/{id}", sees ? HttpStatusCode.OK : HttpStatusCode.NotFound, because);
            await AssertStatusAsync(client, $"/api/advisories/{id}", sees ? HttpStatusCode.OK : HttpStatusCode.NotFound, because);
            using (var text = await client.GetAsync($"/advisories/{id}.txt"))
            {
                Assert.True((sees ? HttpStatusCode.OK : HttpStatusCode.NotFound) == text.StatusCode, because + ": .txt " + text.StatusCode);
                if (sees)
                {
                    Assert.Equal($"{id} text, signed\n", await text.Content.ReadAsStringAsync());
                }
            }

            using (var osv = await client.GetAsync($"/advisories/{id}.osv.json"))
            {
                // The export itself is another part of #16: here only whether the advisory exists for the viewer.
                Assert.True(sees == (osv.StatusCode != HttpStatusCode.NotFound), because + ": .osv.json " + osv.StatusCode);
            }
        }

        var sees500 = Sees(viewer, "XSA-500");
        using (var patch = await client.GetAsync("/advisories/XSA-500/patches/xsa500.patch"))
        {
            Assert.Equal(sees500 ? HttpStatusCode.OK : HttpStatusCode.NotFound, patch.StatusCode);
            if (sees500)
            {
                Assert.Equal(AdvisoryAccessFixture.PatchText, await patch.Content.ReadAsStringAsync());
                Assert.Equal("text/x-diff", patch.Content.Headers.ContentType?.MediaType);
                Assert.Equal("attachment", patch.Content.Headers.ContentDisposition?.DispositionType);
                Assert.Equal("xsa500.patch", patch.Content.Headers.ContentDisposition?.FileName);
                Assert.Equal(["nosniff"], patch.Headers.GetValues("X-Content-Type-Options"));
            }
        }

        // The id a commit names is hidden with the advisory: release page, commit page, search.
        var release = await GetAsync(client, "/releases/1.0.1");
        Assert.Equal(sees500, release.Contains("/advisories/XSA-500", StringComparison.Ordinal));
        Assert.Contains("/advisories/XSA-1\"", release, StringComparison.Ordinal);
        var commit = new HtmlParser().ParseDocument(await GetAsync(client, "/commit/" + portal.Fix500));
        Assert.Equal(sees500, commit.QuerySelectorAll("dl.facts dd").Any(dd => dd.TextContent.Contains("XSA-500", StringComparison.Ordinal)));
        Assert.Equal(sees500, commit.QuerySelectorAll("a").Any(a => a.TextContent == "XSA-500"));
        var search = await GetAsync(client, "/search?q=XSA-500");
        Assert.Equal(sees500, search.Contains("/commit/" + portal.Fix500, StringComparison.Ordinal));
        var searchApi = JsonNode.Parse(await GetAsync(client, "/api/search?q=grant"))!;
        Assert.Equal(sees500, searchApi["groups"]!.AsArray().SelectMany(g => g!["hits"]!.AsArray()).Any(h => (string?)h!["key"] == portal.Fix500));
        Assert.Equal(sees500, api.Contains("XSA-500") && (await GetAsync(client, "/api/advisories?version=1.0.0")).Contains("XSA-500", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Viewers))]
    public async Task Matrix_Answers_PrivateForCredentialsPublicOtherwise(string viewer)
    {
        using var client = await portal.ClientAsync(viewer);
        foreach (var path in new[] { "/advisories", "/advisories/XSA-501", "/api/advisories", "/api/advisories/XSA-502", "/feeds/advisories.atom", "/advisories/XSA-501.txt", "/releases/1.0.1", "/" })
        {
            using var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var cacheControl = response.Headers.CacheControl?.ToString();
            if (viewer == "anonymous")
            {
                Assert.Equal("public, max-age=60", cacheControl);
                Assert.NotNull(response.Headers.ETag);
                Assert.NotNull(response.Content.Headers.LastModified);
            }
            else
            {
                Assert.Equal("no-store, private", cacheControl);
                Assert.Null(response.Headers.ETag);
                Assert.Null(response.Content.Headers.LastModified);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Viewers))]
    public async Task AdvisoryPage_Embargoed_ShowsEmbargoEndOnlyToPrivilegedViewers(string viewer)
    {
        using var client = await portal.ClientAsync(viewer);
        var page = new HtmlParser().ParseDocument(await GetAsync(client, "/advisories/XSA-502"));
        var json = JsonNode.Parse(await GetAsync(client, "/api/advisories/XSA-502"))!;

        Assert.Equal("public", page.QuerySelector("dd.state")!.TextContent);
        Assert.Equal("public", (string?)json["managed"]!["state"]);
        var privileged = viewer is "member" or "member-cookie" or "security";
        Assert.Equal(privileged, page.QuerySelector("dd.embargo-until") is not null);
        Assert.Equal(privileged, json["managed"]!["embargoUntil"] is not null);
    }

    [Theory]
    [InlineData("member")]
    [InlineData("member-cookie")]
    [InlineData("security")]
    public async Task AdvisoryPage_ForMembers_ShowsTextPatchesAndWhereTheFixLanded(string viewer)
    {
        using var client = await portal.ClientAsync(viewer);
        var page = new HtmlParser().ParseDocument(await GetAsync(client, "/advisories/XSA-500"));

        Assert.Equal("XSA-500", page.QuerySelector("h1")!.TextContent);
        Assert.Equal("Grant table overrun", page.QuerySelector(".advisory-title")!.TextContent);
        Assert.Equal("embargoed", page.QuerySelector("dd.state")!.TextContent);
        Assert.Equal("2020-09-02T09:00:00Z", page.QuerySelector("dd.embargo-until time")!.GetAttribute("datetime"));
        Assert.Contains(AdvisoryAccessFixture.SecretDescription, page.QuerySelector("#issue-description")!.ParentElement!.TextContent, StringComparison.Ordinal);
        var impact = page.QuerySelector("#impact")!.ParentElement!;
        Assert.Equal("escalate", impact.QuerySelector("strong")!.TextContent);
        Assert.Empty(page.QuerySelectorAll("main script"));
        var patch = page.QuerySelector("table.advisory-patches tbody tr")!;
        Assert.Equal("/advisories/XSA-500/patches/xsa500.patch", patch.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(AdvisoryAccessFixture.PatchText))), patch.QuerySelector("code.sha256")!.TextContent);
        Assert.Equal(["1.0.1"], page.QuerySelectorAll("#series-1\\.0 td a[href^='/releases/']").Select(a => a.TextContent));
        Assert.Equal(["/commit/" + portal.Fix500], page.QuerySelectorAll("#mainline td.commits a").Select(a => a.GetAttribute("href")));
        Assert.Equal(viewer == "member-cookie", page.QuerySelector("form.member-bar") is not null);
    }

    [Theory]
    [MemberData(nameof(Outsiders))]
    public async Task Outsider_EmbargoedOrDraftId_AnswersByteForByteLikeAMissingOne(string viewer)
    {
        using var client = await portal.ClientAsync(viewer);
        foreach (var hidden in new[] { "XSA-500", "XSA-503" })
        {
            foreach (var template in new[] { "/advisories/{0}", "/advisories/{0}.txt", "/advisories/{0}.osv.json", "/advisories/{0}/patches/xsa500.patch", "/api/advisories/{0}" })
            {
                var secret = await DescribeAsync(client, string.Format(System.Globalization.CultureInfo.InvariantCulture, template, hidden));
                var missing = await DescribeAsync(client, string.Format(System.Globalization.CultureInfo.InvariantCulture, template, "XSA-999"));
                Assert.Equal(missing, secret);
                Assert.StartsWith("404", secret, StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [InlineData("wrong")]
    [InlineData("removed")]
    [InlineData("malformed")]
    public async Task Token_WrongRemovedOrMalformed_Is401WithABearerChallengeWhateverTheId(string kind)
    {
        var token = kind switch
        {
            "wrong" => "hpd_" + new string('A', 43),
            "removed" => portal.RemovedToken,
            _ => "hpd_short",
        };
        using var client = portal.NewClient(token);

        var embargoed = await DescribeAsync(client, "/api/advisories/XSA-500");
        var missing = await DescribeAsync(client, "/api/advisories/XSA-999");
        var page = await DescribeAsync(client, "/advisories/XSA-500");

        Assert.Equal(missing, embargoed);
        Assert.StartsWith("401", embargoed, StringComparison.Ordinal);
        Assert.Contains("WWW-Authenticate: Bearer error=\"invalid_token\"", embargoed, StringComparison.Ordinal);
        Assert.Contains("Cache-Control: no-store, private", embargoed, StringComparison.Ordinal);
        Assert.StartsWith("401", page, StringComparison.Ordinal);
        Assert.DoesNotContain(token, string.Join('\n', portal.Host.Logs.Lines), StringComparison.Ordinal);
        Assert.Contains(portal.Host.Logs.Lines, l => l.Contains("Pre-disclosure token refused from 10.1.0.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Token_TenFailuresFromOneAddress_ThenEvenAGoodOneIs429()
    {
        using var client = portal.NewClient("hpd_" + new string('B', 43));
        for (var i = 0; i < 10; i++)
        {
            using var refused = await client.GetAsync("/api/advisories/XSA-500");
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        client.DefaultRequestHeaders.Authorization = new("Bearer", portal.MemberToken);
        using var blocked = await client.GetAsync("/api/advisories/XSA-500");
        Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);
        using var other = portal.NewClient(portal.MemberToken);
        using var fine = await other.GetAsync("/api/advisories/XSA-500");
        Assert.Equal(HttpStatusCode.OK, fine.StatusCode);
    }

    [Theory]
    [InlineData("/advisories")]
    [InlineData("/api/advisories?version=1.0.0")]
    [InlineData("/api/advisories")]
    [InlineData("/feeds/advisories.atom")]
    [InlineData("/releases/1.0.1")]
    public async Task OutputCache_MemberAnswer_NeverServedToAnonymous_NorTheReverse(string path)
    {
        using var member = portal.NewClient(portal.MemberToken);
        using var anonymous = portal.NewClient();

        var first = await GetAsync(member, path);
        var afterMember = await GetAsync(anonymous, path);
        var again = await GetAsync(anonymous, path);
        var memberAgain = await GetAsync(member, path);

        // (A commit subject naming it is the repository's own text: what is hidden is the advisory, its links and lists.)
        var marker = path.StartsWith("/api", StringComparison.Ordinal) ? "\"XSA-500\"" : "/advisories/XSA-500";
        Assert.Contains(marker, first, StringComparison.Ordinal);
        Assert.DoesNotContain(marker, afterMember, StringComparison.Ordinal);
        Assert.DoesNotContain(marker, again, StringComparison.Ordinal);
        Assert.Contains(marker, memberAgain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MemberSignIn_WrongToken_StaysSignedOutAndSaysSo()
    {
        using var client = portal.NewClient();

        using var response = await AdvisoryAccessFixture.SignInMemberAsync(client, "hpd_" + new string('C', 43));
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The token is not valid.", page, StringComparison.Ordinal);
        Assert.Equal("no-store, private", response.Headers.CacheControl?.ToString());
        await AssertStatusAsync(client, "/advisories/XSA-500", HttpStatusCode.NotFound, "after a failed sign-in");
    }

    [Fact]
    public async Task MemberSession_MemberRemoved_EndsAtTheNextRequest()
    {
        var list = new Herald.Advisories.PredisclosureList(portal.Database, TimeProvider.System);
        var (_, token) = await list.AddAsync("Short Lived", "sec@short.example");
        using var client = await portal.MemberSignedInAsync(token);
        await AssertStatusAsync(client, "/advisories/XSA-500", HttpStatusCode.OK, "signed in");

        Assert.True(await list.RemoveAsync("sec@short.example"));

        await AssertStatusAsync(client, "/advisories/XSA-500", HttpStatusCode.NotFound, "removed");
        await AssertStatusAsync(client, "/advisories/XSA-501", HttpStatusCode.OK, "removed, a public one");
    }

    [Fact]
    public async Task MemberSession_SignOut_EndsIt()
    {
        using var client = await portal.MemberSignedInAsync(portal.MemberToken);
        var page = new HtmlParser().ParseDocument(await GetAsync(client, "/advisories"));
        var antiforgery = page.QuerySelector("form.member-bar input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        using var signedOut = await client.PostAsync("/advisories/sign-out", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = antiforgery }));

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        await AssertStatusAsync(client, "/advisories/XSA-500", HttpStatusCode.NotFound, "signed out");
    }

    private static async Task<string> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {response.StatusCode}");
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task AssertStatusAsync(HttpClient client, string path, HttpStatusCode expected, string because)
    {
        using var response = await client.GetAsync(path);
        Assert.True(expected == response.StatusCode, $"{because}: {path} answered {response.StatusCode}, expected {expected}");
    }

    /// <summary>
    /// Status, every header but Date (and Age, with <paramref name="withoutAge"/>: when it came from the output cache)
    /// sorted, and body of <paramref name="path"/>, as one text.
    /// </summary>
    internal static async Task<string> DescribeAsync(HttpClient client, string path, bool withoutAge = false)
    {
        using var response = await client.GetAsync(path);
        var headers = response.Headers.Concat(response.Content.Headers)
            .Where(h => !string.Equals(h.Key, "Date", StringComparison.OrdinalIgnoreCase) && !(withoutAge && string.Equals(h.Key, "Age", StringComparison.OrdinalIgnoreCase)))
            .Select(h => $"{h.Key}: {string.Join(", ", h.Value)}")
            .Order(StringComparer.Ordinal);
        return $"{(int)response.StatusCode}\n{string.Join('\n', headers)}\n\n{await response.Content.ReadAsStringAsync()}";
    }
}

/// <summary>The access matrix on SQLite.</summary>
public sealed class AdvisoryAccessTests(AdvisoryAccessFixture portal) : AdvisoryAccessTestsBase(portal), IClassFixture<AdvisoryAccessFixture>;

/// <summary>The access matrix on PostgreSQL.</summary>
public sealed class AdvisoryAccessPostgresTests(PostgresAdvisoryAccessFixture portal) : AdvisoryAccessTestsBase(portal), IClassFixture<PostgresAdvisoryAccessFixture>;
