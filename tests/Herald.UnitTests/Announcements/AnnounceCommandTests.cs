using System.Text.Json;
using Herald.Tests.Cli;
using Xunit;

namespace Herald.Tests.Announcements;

/// <summary>
/// <c>herald announce</c> on the <see cref="AnnounceFixture"/> project: the drafts against the golden files
/// in <c>Golden/</c> (<c>HERALD_UPDATE_GOLDEN=1</c> rewrites them), the JSON contract and the errors.
/// </summary>
public sealed class AnnounceCommandTests(AnnounceFixture fixture) : IClassFixture<AnnounceFixture>
{
    [Theory]
    [InlineData("announce-1.1.1.md", "1.1.1")]
    [InlineData("announce-1.0.1-1.1.1.md", "1.1.1", "1.0.1")]
    [InlineData("announce-1.0.1-1.1.1.txt", "1.0.1", "1.1.1", "--format", "text")]
    [InlineData("announce-1.0.1-1.1.1.html", "1.0.1", "1.1.1", "--format", "html")]
    public async Task Announce_PointReleases_MatchesGoldenFile(string golden, params string[] args)
    {
        var result = await fixture.RunAsync(["announce", .. args]);

        Assert.True(result.ExitCode == 0, result.ToString());
        GoldenFile.Verify(golden, result.Out);
    }

    [Fact]
    public async Task Announce_MajorWithPublishedFiles_MatchesGoldenFile()
    {
        var result = await fixture.RunWithAsync(fixture.ConfigPath, fixture.PublishedData, "announce", "1.1.0");

        Assert.True(result.ExitCode == 0, result.ToString());
        GoldenFile.Verify("announce-1.1.0.md", result.Out);
    }

    [Fact]
    public async Task Announce_MajorNothingPublished_SaysWhereTheTagIs()
    {
        var result = await fixture.RunAsync("announce", "1.1.0", "--release-manager", "Carol Jones");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("at the tag [`RELEASE-1.1.0`](https://herald.example.org/log/RELEASE-1.1.0)", result.Out, StringComparison.Ordinal);
        Assert.Contains("Carol Jones managed this release; Bob Builder will manage the next one.", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("SHA-256", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Announce_Major_FiguresEqualStatsJson()
    {
        var stats = await fixture.RunAsync("stats", "1.1.0", "--json");
        var draft = await fixture.RunAsync("announce", "1.1.0");

        Assert.True(stats.ExitCode == 0, stats.ToString());
        var json = stats.Json();
        var previous = json.GetProperty("previous");
        static string Count(JsonElement figures, string key, string noun)
        {
            var n = figures.GetProperty(key + "s").GetInt32();
            return $"{n} {noun}{(n == 1 ? string.Empty : "s")}";
        }

        var sentence = $"Golden Fixture 1.1.0 has {Count(json, "changeset", "changeset")} from {Count(json, "developer", "developer")} "
            + $"working for {Count(json, "employer", "employer")}, with {Count(json, "review", "review")}. "
            + $"1.0.0 had {Count(previous, "changeset", "changeset")} from {Count(previous, "developer", "developer")} "
            + $"working for {Count(previous, "employer", "employer")}, with {Count(previous, "review", "review")}: "
            + $"1.1.0 has {json.GetProperty("growth").GetProperty("changesets").GetDouble()}% more changesets.";
        Assert.Contains(sentence, draft.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Announce_Json_PrintsTheContractKeys()
    {
        var result = await fixture.RunAsync("announce", "1.1.1", "1.0.1", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var json = result.Json();
        Assert.Equal(["title", "slug", "categories", "versions", "markdown", "html", "url"], Herald.Tests.Policy.ClockedRun.Keys(json));
        Assert.Equal("Golden Fixture 1.0.1 and 1.1.1 are available", json.GetProperty("title").GetString());
        Assert.Equal("golden-fixture-1-0-1-and-1-1-1-are-available", json.GetProperty("slug").GetString());
        Assert.Equal(["Releases"], json.GetProperty("categories").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["1.0.1", "1.1.1"], json.GetProperty("versions").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(JsonValueKind.Null, json.GetProperty("url").ValueKind);
        Assert.StartsWith("<p>Golden Fixture 1.0.1 and 1.1.1 are now available.", json.GetProperty("html").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Announce_MajorTitle_IsWhatsNewAndSlugDropsTheApostrophe()
    {
        var result = await fixture.RunAsync("announce", "1.1.0", "--json");

        var json = result.Json();
        Assert.Equal("What's new in Golden Fixture 1.1", json.GetProperty("title").GetString());
        Assert.Equal("whats-new-in-golden-fixture-1-1", json.GetProperty("slug").GetString());
    }

    [Fact]
    public async Task Announce_UnknownVersion_NamesItAndTheClosest()
    {
        var result = await fixture.RunAsync("announce", "1.0.7");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("herald: no release 1.0.7 (no tag RELEASE-1.0.7); the closest: 1.0.0, 1.0.1. 'herald releases' lists them all.", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task Announce_MajorWithPointRelease_IsAClearError()
    {
        var result = await fixture.RunAsync("announce", "1.1.0", "1.0.1");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("1.1.0 is a major release and is announced on its own", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Out);
    }

    [Fact]
    public async Task Announce_TwoOfOneSeries_IsAnError()
    {
        var result = await fixture.RunAsync("announce", "1.1.2", "1.1.1");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("1.1.1 and 1.1.2 are releases of one series (1.1)", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Announce_PublishTwice_StoresOnePostInReleasesAndPrintsItsUrl()
    {
        var data = fixture.NewDataFolder();

        var first = await fixture.RunWithAsync(fixture.ConfigPath, data, "announce", "1.1.1", "1.0.1", "--publish", "--json");
        var second = await fixture.RunWithAsync(fixture.ConfigPath, data, "announce", "1.0.1", "1.1.1", "--publish");
        var list = await fixture.RunWithAsync(fixture.ConfigPath, data, "post", "list", "--json");

        Assert.Equal((0, 0, 0), (first.ExitCode, second.ExitCode, list.ExitCode));
        using var json = System.Text.Json.JsonDocument.Parse(first.Out);
        var slug = json.RootElement.GetProperty("slug").GetString();
        Assert.Equal($"https://herald.example.org/news/{slug}", json.RootElement.GetProperty("url").GetString());
        Assert.Contains($"herald: published https://herald.example.org/news/{slug}", first.ErrorLines);
        Assert.Contains($"herald: updated https://herald.example.org/news/{slug}", second.ErrorLines);
        Assert.Equal($"https://herald.example.org/news/{slug}", second.Out.TrimEnd('\n').Split('\n')[^1]);
        using var posts = System.Text.Json.JsonDocument.Parse(list.Out);
        var post = Assert.Single(posts.RootElement.EnumerateArray());
        Assert.Equal(slug, post.GetProperty("slug").GetString());
        Assert.Equal(["Releases"], post.GetProperty("categories").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        Assert.Equal(["1.0.1", "1.1.1"], post.GetProperty("versions").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("Ann Lee", post.GetProperty("author").GetString());
    }

    [Fact]
    public async Task Announce_MailWithoutMailSettings_FailsAndStoresNothing()
    {
        var data = fixture.NewDataFolder();

        var result = await fixture.RunWithAsync(fixture.ConfigPath, data, "announce", "1.1.1", "--mail");
        var list = await fixture.RunWithAsync(fixture.ConfigPath, data, "post", "list", "--json");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("herald: --mail needs [mail] in herald.toml (smtp, from, lists); see README.md, Configuration.", Assert.Single(result.ErrorLines));
        Assert.Equal("[]", list.Out.Trim());
    }

    [Fact]
    public async Task Announce_BadFormat_IsAUsageError()
    {
        var result = await fixture.RunAsync("announce", "1.1.1", "--format", "pdf");

        Assert.Equal(2, result.ExitCode);
    }
}
