using System.Net;
using Herald.Advisories;
using Herald.Web;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Herald.Tests.Advisories;

/// <summary>
/// What outsiders can observe when advisories change: nothing while the change is to an advisory hidden from them
/// (bytes, ETag, Last-Modified), and the advisory within seconds when its embargo ends, before any publisher ran.
/// </summary>
public sealed class AdvisoryChangesTests(AdvisoryChangesFixture portal) : IClassFixture<AdvisoryChangesFixture>
{
    private static readonly string[] Observed =
    [
        "/", "/advisories", "/api/advisories", "/api/advisories?version=1.0.0", "/feeds/advisories.atom", "/advisories.json",
        "/search?q=XSA-600", "/api/search?q=grant", "/releases/1.0.1", "/releases", "/advisories/XSA-600", "/api/advisories/XSA-600",
    ];

    [Fact]
    public async Task HiddenAdvisory_AddedThenChanged_OutsidersSeeTheSameBytesAndValidators()
    {
        using var anonymous = portal.NewClient();
        // Until two rounds agree: the answers then come from the output cache, as the later ones will (same framing
        // headers), and nothing left over from another test of this portal (a clock moved on) is still settling.
        var before = await ObserveAsync(anonymous);
        for (var settled = DateTime.UtcNow + TimeSpan.FromSeconds(10); await ObserveAsync(anonymous) is var again && again != before && DateTime.UtcNow < settled;)
        {
            before = again;
            await Task.Delay(200);
        }
        var store = new AdvisoryStore(portal.Database, portal.Clock);

        var made = await store.CreateAsync(new AdvisoryDraft { Number = 600, Title = "Hidden for now", EmbargoUntil = portal.Clock.GetUtcNow().AddDays(3) }, "XSA", new HashSet<int>());
        await portal.WaitForGenerationAsync(await store.ReadGenerationAsync());
        var afterCreate = await ObserveAsync(anonymous);
        await store.UpdateAsync(made.Id, new AdvisoryChange { Updates = "Better title.", Title = "Still hidden" });
        await store.UpdateAsync("XSA-500", new AdvisoryChange { Updates = "More detail.", Sections = new AdvisorySections { Description = "Longer." } });
        await portal.WaitForGenerationAsync(await store.ReadGenerationAsync());
        var afterUpdate = await ObserveAsync(anonymous);

        Assert.Equal(before, afterCreate);
        Assert.Equal(before, afterUpdate);
        Assert.Contains("ETag: ", before, StringComparison.Ordinal);
        // Not even re-rendered: the page still comes from the output cache.
        using (var cached = await anonymous.GetAsync("/advisories"))
        {
            Assert.NotNull(cached.Headers.Age);
        }

        using var member = portal.NewClient(portal.MemberToken);
        using var seen = await member.GetAsync("/advisories/XSA-600");
        Assert.Equal(HttpStatusCode.OK, seen.StatusCode);
        Assert.Contains("Still hidden", await seen.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmbargoEnd_ShowsToEveryoneWithinSeconds()
    {
        var store = new AdvisoryStore(portal.Database, portal.Clock);
        var end = portal.Clock.GetUtcNow().AddHours(1);
        await store.CreateAsync(new AdvisoryDraft { Number = 700, Title = "Ends in an hour", EmbargoUntil = end }, "XSA", new HashSet<int>());
        await portal.WaitForGenerationAsync(await store.ReadGenerationAsync());
        using var anonymous = portal.NewClient();
        using (var hidden = await anonymous.GetAsync("/advisories"))
        {
            Assert.DoesNotContain("XSA-700", await hidden.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var cachedBefore = await anonymous.GetAsync("/feeds/advisories.atom");
        portal.Clock.SetUtcNow(end);

        // The list and the feed both show it within seconds (a page rendered first may show it before the other's
        // cached copy is dropped: each is polled).
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        string list, feedText;
        HttpResponseMessage? feed = null;
        do
        {
            await Task.Delay(100);
            list = await TextAsync(anonymous, "/advisories");
            feed?.Dispose();
            feed = await anonymous.GetAsync("/feeds/advisories.atom");
            feedText = await feed.Content.ReadAsStringAsync();
        }
        while (!(list.Contains("/advisories/XSA-700", StringComparison.Ordinal) && feedText.Contains("/advisories/XSA-700</id>", StringComparison.Ordinal)) && DateTime.UtcNow < deadline);

        using var _ = feed;
        Assert.Contains("/advisories/XSA-700", list, StringComparison.Ordinal);
        Assert.Contains("/advisories/XSA-700</id>", feedText, StringComparison.Ordinal);
        Assert.NotEqual(cachedBefore.Headers.ETag, feed.Headers.ETag);
        using var page = await anonymous.GetAsync("/advisories/XSA-700");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task EmbargoedAdvisory_WithAnIdCommitsName_LeavesTheListsAtOnce()
    {
        using var anonymous = portal.NewClient();
        Assert.Contains("href=\"/advisories/XSA-1\"", await TextAsync(anonymous, "/advisories"), StringComparison.Ordinal);
        Assert.Contains("href=\"/advisories/XSA-1\"", await TextAsync(anonymous, "/releases/1.0.1"), StringComparison.Ordinal);
        // Its subject does not name it ("x86: check an index"); the search table keeps the ids its message names.
        Assert.True(await FindsCheckAnIndexAsync(anonymous, "1"));
        var store = new AdvisoryStore(portal.Database, portal.Clock);

        // The security team reuses an id a public commit already names (it had not registered it): hidden from now on.
        await store.CreateAsync(new AdvisoryDraft { Number = 1, Title = "Reused", EmbargoUntil = portal.Clock.GetUtcNow().AddDays(2) }, "XSA", new HashSet<int>());
        await portal.WaitForGenerationAsync(await store.ReadGenerationAsync());

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (await TextAsync(anonymous, "/advisories") is var list && list.Contains("href=\"/advisories/XSA-1\"", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.DoesNotContain("href=\"/advisories/XSA-1\"", await TextAsync(anonymous, "/advisories"), StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/advisories/XSA-1\"", await TextAsync(anonymous, "/releases/1.0.1"), StringComparison.Ordinal);
        using var page = await anonymous.GetAsync("/advisories/XSA-1");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.False(await FindsCheckAnIndexAsync(anonymous, "1"));
        Assert.True(await FindsCheckAnIndexAsync(anonymous, "index"));
    }

    // Whether /api/search?q=QUERY lists the commit "x86: check an index" (whose message names XSA-1).
    private static async Task<bool> FindsCheckAnIndexAsync(HttpClient client, string query)
    {
        var found = System.Text.Json.Nodes.JsonNode.Parse(await TextAsync(client, "/api/search?q=" + Uri.EscapeDataString(query)))!;
        return found["groups"]!.AsArray().SelectMany(g => g!["hits"]!.AsArray()).Any(h => (string?)h!["title"] == "x86: check an index");
    }

    private static async Task<string> TextAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<string> ObserveAsync(HttpClient client)
    {
        var all = new List<string>();
        foreach (var path in Observed)
        {
            all.Add(path + "\n" + await AdvisoryAccessTestsBase.DescribeAsync(client, path, withoutAge: true));
        }

        return string.Join("\n----\n", all);
    }
}
