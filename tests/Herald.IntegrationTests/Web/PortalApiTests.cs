using System.Net;
using System.Text.Json.Nodes;
using Xunit;

namespace Herald.Tests.Web;

/// <summary>The JSON API: its records, and that they are the ones <c>herald … --json</c> prints.</summary>
public abstract class PortalApiTests(PortalFixture portal)
{
    private static readonly string[] s_releaseKeys = ["version", "series", "tag", "commit", "date", "signed", "candidate", "branch"];

    private static readonly string[] s_statusKeys =
        ["series", "branch", "status", "released", "supportedUntil", "securityUntil", "latest", "latestDate", "unreleasedCommits", "pointReleaseDue", "nextPointRelease", "source"];

    private PortalProject Project => portal.Project;

    [Theory]
    [InlineData("/api/status")]
    [InlineData("/api/releases/1.2.0")]
    [InlineData("/feeds/releases.atom")]
    [InlineData("/healthz")]
    public async Task Head_ReadRoute_AnswersTheHeadersOfGet(string path)
    {
        using var get = await portal.Client.GetAsync(path);
        using var head = await portal.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        // (Kestrel drops a HEAD response's body; the in-memory test server does not.)
        Assert.Equal(get.Content.Headers.ContentType, head.Content.Headers.ContentType);
        Assert.Equal(get.Headers.ETag, head.Headers.ETag);
    }

    [Fact]
    public async Task ApiReleases_Always_ListsEveryReleaseNewestFirst()
    {
        var releases = (await GetJsonAsync("/api/releases")).AsArray();

        Assert.Equal(PortalProject.Versions, releases.Select(r => (string?)r!["version"]));
        Assert.All(releases, r => Assert.Equal(s_releaseKeys, Keys(r!)));
        var signed = releases.Single(r => (string?)r!["version"] == "1.2.0")!;
        Assert.Equal(
            new JsonObject
            {
                ["version"] = "1.2.0",
                ["series"] = "1.2",
                ["tag"] = "RELEASE-1.2.0",
                ["commit"] = Project.Builder.ShaOf("RELEASE-1.2.0^{commit}"),
                ["date"] = "2021-02-01",
                ["signed"] = true,
                ["candidate"] = false,
                ["branch"] = "stable-1.2",
            }.ToJsonString(),
            signed.ToJsonString());
    }

    [Fact]
    public async Task ApiReleases_Always_MatchesHeraldReleasesJson()
    {
        var cli = await Project.RunCliAsync("releases", "--json");

        AssertSameJson(Parse(cli), await GetJsonAsync("/api/releases"));
    }

    [Fact]
    public async Task ApiReleases_WithCandidates_MatchesHeraldReleasesCandidatesJson()
    {
        var cli = await Project.RunCliAsync("releases", "--candidates", "--json");

        var api = await GetJsonAsync("/api/releases?candidates=true");

        Assert.Contains(api.AsArray(), r => (string?)r!["version"] == "1.3.0-rc1" && (bool)r["candidate"]!);
        AssertSameJson(Parse(cli), api);
    }

    [Fact]
    public async Task ApiRelease_Version_HasTheReleaseAndItsStats()
    {
        var details = await GetJsonAsync("/api/releases/1.2.1");

        Assert.Equal(["release", "stats"], Keys(details));
        Assert.Equal("RELEASE-1.2.1", (string?)details["release"]!["tag"]);
        Assert.Equal(1, (int)details["stats"]!["changesets"]!);
        Assert.Equal(1, (int)details["stats"]!["developers"]!);
    }

    [Fact]
    public async Task ApiRelease_SeriesStart_StatsMatchHeraldStatsJson()
    {
        var cli = await Project.RunCliAsync("stats", "1.1.0", "--json");

        var details = await GetJsonAsync("/api/releases/1.1.0");

        Assert.Equal(3, (int)details["stats"]!["changesets"]!);
        AssertSameJson(Parse(cli), details["stats"]!);
    }

    [Fact]
    public async Task ApiRelease_Candidate_HasNoStats()
    {
        var details = await GetJsonAsync("/api/releases/1.3.0-rc1");

        Assert.True((bool)details["release"]!["candidate"]!);
        Assert.Null(details["stats"]);
    }

    [Fact]
    public async Task ApiRelease_UnknownVersion_Answers404NamingIt()
    {
        await AssertMissingAsync("/api/releases/9.9.9", "no release 9.9.9");
    }

    [Fact]
    public async Task ApiSeries_Always_ListsEverySeriesWithItsReleasesAndBackports()
    {
        var series = (await GetJsonAsync("/api/series")).AsArray();

        Assert.Equal(["1.3", "1.2", "1.1", "1.0"], series.Select(s => (string?)s!["status"]!["series"]));
        Assert.All(series, s => Assert.Equal(["status", "releases", "backports"], Keys(s!)));
        var one = series.Single(s => (string?)s!["status"]!["series"] == "1.0")!;
        Assert.Equal(["1.0.5", "1.0.4", "1.0.3", "1.0.2", "1.0.1", "1.0.0"], one["releases"]!.AsArray().Select(v => (string?)v));
        Assert.Equal([Project.FixA], one["backports"]!["missing"]!.AsArray().Select(m => (string?)m!["sha"]));
        Assert.Null(series.Single(s => (string?)s!["status"]!["series"] == "1.3")!["backports"]);
    }

    [Fact]
    public async Task ApiSeries_Status_IsTheStatusApiStatusAnswers()
    {
        var status = (await GetJsonAsync("/api/status")).AsArray();

        var series = (await GetJsonAsync("/api/series")).AsArray();

        AssertSameJson(new JsonArray([.. status.Select(s => s!.DeepClone())]), new JsonArray([.. series.Select(s => s!["status"]!.DeepClone())]));
    }

    [Fact]
    public async Task ApiStatus_Always_HasTheKeysOfHeraldStatusJson()
    {
        var status = (await GetJsonAsync("/api/status")).AsArray();

        Assert.All(status, s => Assert.Equal(s_statusKeys, Keys(s!)));
        var eleven = status.Single(s => (string?)s!["series"] == "1.1")!;
        Assert.Equal("supported", (string?)eleven["status"]);
        Assert.Equal("statement", (string?)eleven["source"]);
        Assert.Equal("2022-02-01", (string?)eleven["supportedUntil"]);
        Assert.Equal("1.1.3", (string?)eleven["latest"]);
        Assert.Equal(1, (int)eleven["unreleasedCommits"]!);
        Assert.True((bool)eleven["pointReleaseDue"]!);
    }

    [Fact]
    public async Task ApiStatus_Always_MatchesHeraldStatusJson()
    {
        var cli = await Project.RunCliAsync("status", "--json");

        AssertSameJson(Parse(cli), await GetJsonAsync("/api/status"));
    }

    [Fact]
    public async Task ApiContains_Backport_FindsTheFixOnEveryBranch()
    {
        var report = await GetJsonAsync("/api/contains/" + Project.FixAOn11[..12]);

        Assert.Equal(["commit", "subject", "branches"], Keys(report));
        Assert.Equal(Project.FixA, (string?)report["commit"]);
        Assert.Equal(PortalProject.FixASubject, (string?)report["subject"]);
        var branches = report["branches"]!.AsArray();
        Assert.All(branches, b => Assert.Equal(["branch", "series", "commit", "release"], Keys(b!)));
        Assert.Equal(
            [("master", null, Project.FixA, null), ("stable-1.2", "1.2", Project.FixAOn12, "1.2.1"), ("stable-1.1", "1.1", Project.FixAOn11, null)],
            branches.Select(b => ((string?)b!["branch"], (string?)b["series"], (string?)b["commit"], (string?)b["release"])));
    }

    [Fact]
    public async Task ApiContains_Fix_MatchesHeraldContainsJson()
    {
        var cli = await Project.RunCliAsync("contains", Project.FixA, "--json");

        AssertSameJson(Parse(cli), await GetJsonAsync("/api/contains/" + Project.FixA));
    }

    [Fact]
    public async Task ApiContains_ReleasedCommit_MatchesHeraldContainsJson()
    {
        var cli = await Project.RunCliAsync("contains", Project.Xss, "--json");

        var report = await GetJsonAsync("/api/contains/" + Project.Xss);

        Assert.Equal(PortalProject.XssSubject, (string?)report["subject"]);
        AssertSameJson(Parse(cli), report);
    }

    [Fact]
    public async Task ApiContains_UnknownSha_Answers404NamingIt()
    {
        await AssertMissingAsync("/api/contains/0123456789abcdef", "no commit 0123456789abcdef");
    }

    [Fact]
    public async Task OpenApi_Always_DescribesEveryApiPath()
    {
        var document = await GetJsonAsync("/openapi/v1.json");

        Assert.StartsWith("3.", (string?)document["openapi"], StringComparison.Ordinal);
        var paths = Keys(document["paths"]!);
        Assert.All(["/api/releases", "/api/releases/{version}", "/api/series", "/api/status", "/api/contains/{sha}", "/api/refresh"], p => Assert.Contains(p, paths));
        Assert.All(paths, p => Assert.StartsWith("/api/", p, StringComparison.Ordinal));
        Assert.NotNull(document["paths"]!["/api/releases/{version}"]!["get"]);
    }

    private async Task<JsonNode> GetJsonAsync(string path)
    {
        using var response = await portal.Client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(text) ?? throw new Xunit.Sdk.XunitException($"GET {path} answered null");
    }

    private async Task AssertMissingAsync(string path, string error)
    {
        using var response = await portal.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(new JsonObject { ["error"] = error }.ToJsonString(), JsonNode.Parse(await response.Content.ReadAsStringAsync())!.ToJsonString());
    }

    private static JsonNode Parse(Herald.Tests.Policy.ClockedRun run)
    {
        Assert.True(run.ExitCode == 0, run.ToString());
        return JsonNode.Parse(run.Out)!;
    }

    private static List<string> Keys(JsonNode node) => [.. node.AsObject().Select(p => p.Key)];

    private static void AssertSameJson(JsonNode expected, JsonNode actual) =>
        Assert.Equal(expected.ToJsonString(), actual.ToJsonString());
}

[Collection(SqlitePortalCollection.Name)]
public sealed class SqlitePortalApiTests(SqlitePortalFixture portal) : PortalApiTests(portal);

[Collection(PostgresPortalCollection.Name)]
public sealed class PostgresPortalApiTests(PostgresPortalFixture portal) : PortalApiTests(portal);
