using System.Net;
using System.Text.Json;
using Herald.Publishing;
using Herald.Tests.Support;
using Herald.Tests.Web;
using Herald.Web;
using Xunit;

namespace Herald.Tests.Publishing;

/// <summary>Mirror checks against real HTTP servers holding good, tampered and missing copies of a release.</summary>
public sealed class MirrorTests(PublishingFixture fixture) : IClassFixture<PublishingFixture>
{
    private (LocalArtifactStore Store, IReadOnlyList<PublishedArtifact> Artifacts) Publish()
    {
        var data = fixture.Folder.CreateSubdirectory("mirror-" + Guid.NewGuid().ToString("N")[..8]);
        var config = Path.Combine(data, "herald.toml");
        File.WriteAllText(config, "[project]\nname = \"Repo\"\nslug = \"repo\"\n");
        var project = HeraldProject.Open(fixture.Repo.Path, config, data, fixture.Repo.Path, fixture.Folder.Path);
        var store = new LocalArtifactStore(Path.Combine(data, "artifacts"));
        new Publisher(project, fixture.Key, fixture.Clock).PublishAsync(store, "1.0.1", [], Publisher.DefaultFormats, force: false).GetAwaiter().GetResult();
        // What the portal checks: the files as read back from the store.
        return (store, Publisher.ReadPublishedAsync(store, "repo", "1.0.1").GetAwaiter().GetResult());
    }

    /// <summary>A copy of the published tree, changed by <paramref name="change"/>.</summary>
    private string Mirror(LocalArtifactStore store, Action<string>? change = null)
    {
        var folder = fixture.Folder.CreateSubdirectory("copy-" + Guid.NewGuid().ToString("N")[..8]);
        foreach (var file in Directory.EnumerateFiles(store.Root, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(folder, Path.GetRelativePath(store.Root, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        change?.Invoke(Path.Combine(folder, "release", "repo", "1.0.1"));
        return folder;
    }

    private static void Tamper(string file)
    {
        var bytes = File.ReadAllBytes(file);
        bytes[^1] ^= 0x55;
        File.WriteAllBytes(file, bytes);
    }

    private MirrorChecker Checker(HttpClient http) => new(http, fixture.Clock);

    [Fact]
    public async Task Check_ExactCopy_IsGoodForEveryFile()
    {
        var (store, artifacts) = Publish();
        await using var server = await StaticServer.StartAsync(Mirror(store));
        using var http = new HttpClient();

        var report = await Checker(http).CheckAsync(server.Address, "1.0.1", artifacts);

        Assert.Equal(MirrorStatus.Good, report.Status);
        Assert.Equal(["repo-1.0.1.tar.gz", "repo-1.0.1.tar.xz"], report.Files.Select(f => f.Name));
        Assert.All(report.Files, f => Assert.Equal(FileVerdict.Matches, f.Verdict));
        Assert.Equal(new Uri(server.Address, "release/repo/1.0.1/repo-1.0.1.tar.gz"), report.Files[0].Url);
    }

    [Fact]
    public async Task Check_SameSizeOtherBytes_IsBadNamingTheFile()
    {
        var (store, artifacts) = Publish();
        await using var server = await StaticServer.StartAsync(Mirror(store, folder => Tamper(Path.Combine(folder, "repo-1.0.1.tar.xz"))));
        using var http = new HttpClient();

        var report = await Checker(http).CheckAsync(server.Address, "1.0.1", artifacts);

        Assert.Equal(MirrorStatus.Bad, report.Status);
        Assert.Equal(FileVerdict.Matches, report.Files.Single(f => f.Name == "repo-1.0.1.tar.gz").Verdict);
        Assert.Equal(FileVerdict.Differs, report.Files.Single(f => f.Name == "repo-1.0.1.tar.xz").Verdict);
    }

    [Fact]
    public async Task Check_MissingFile_IsIncomplete()
    {
        var (store, artifacts) = Publish();
        await using var server = await StaticServer.StartAsync(Mirror(store, folder => File.Delete(Path.Combine(folder, "repo-1.0.1.tar.gz"))));
        using var http = new HttpClient();

        var report = await Checker(http).CheckAsync(server.Address, "1.0.1", artifacts);

        Assert.Equal(MirrorStatus.Incomplete, report.Status);
        Assert.Equal(FileVerdict.Missing, report.Files.Single(f => f.Name == "repo-1.0.1.tar.gz").Verdict);
    }

    [Fact]
    public async Task Check_NobodyListening_IsUnreachable()
    {
        var (_, artifacts) = Publish();
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var http = new HttpClient();

        var report = await Checker(http).CheckAsync(new Uri($"http://127.0.0.1:{port}/"), "1.0.1", artifacts);

        Assert.Equal(MirrorStatus.Unreachable, report.Status);
    }

    [Fact]
    public async Task Check_Again_AsksWithTheValidatorAndDoesNotFetchAgain()
    {
        var (store, artifacts) = Publish();
        await using var server = await StaticServer.StartAsync(Mirror(store));
        using var http = new HttpClient();
        var checker = Checker(http);
        await checker.CheckAsync(server.Address, "1.0.1", artifacts);
        var fetched = server.FullAnswers;

        var again = await checker.CheckAsync(server.Address, "1.0.1", artifacts);

        Assert.Equal(2, fetched);
        Assert.Equal(fetched, server.FullAnswers);
        Assert.Equal(MirrorStatus.Good, again.Status);
    }

    [Fact]
    public async Task Check_FileChangedOnTheMirror_IsFetchedAgainAndFoundBad()
    {
        var (store, artifacts) = Publish();
        var copy = Mirror(store);
        await using var server = await StaticServer.StartAsync(copy);
        using var http = new HttpClient();
        var checker = Checker(http);
        await checker.CheckAsync(server.Address, "1.0.1", artifacts);
        var file = Path.Combine(copy, "release", "repo", "1.0.1", "repo-1.0.1.tar.gz");
        Tamper(file);
        File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddMinutes(1));

        var again = await checker.CheckAsync(server.Address, "1.0.1", artifacts);

        Assert.Equal(MirrorStatus.Bad, again.Status);
    }

    [Fact]
    public async Task Portal_GoodAndBadMirror_ListsOnlyTheGoodOneAsGood()
    {
        var (store, _) = Publish();
        await using var good = await StaticServer.StartAsync(Mirror(store));
        await using var bad = await StaticServer.StartAsync(Mirror(store, folder => Tamper(Path.Combine(folder, "repo-1.0.1.tar.gz"))));
        var data = Path.GetDirectoryName(store.Root)!;
        var config = Path.Combine(data, "herald.toml");
        File.WriteAllText(config, $"""
            [project]
            name = "Repo"
            slug = "repo"
            [downloads]
            base_url = "https://downloads.example.org/site/"
            [[downloads.mirror]]
            url = "{good.Address}"
            [[downloads.mirror]]
            url = "{bad.Address}"
            """);
        await using var host = PortalHost.Start(new PortalOptions { Repository = fixture.Repo.Path, Data = data, Config = config }, fixture.Clock.GetUtcNow());
        await host.WaitUntilHealthyAsync();

        var mirrors = await WaitForMirrorsAsync(host.Client, 2);
        var page = await host.Client.GetStringAsync("/releases/1.0.1");

        Assert.Equal("good", mirrors[good.Address.AbsoluteUri]);
        Assert.Equal("bad", mirrors[bad.Address.AbsoluteUri]);
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(page);
        var items = document.QuerySelectorAll("ul.mirrors li");
        Assert.Equal(2, items.Length);
        var goodItem = Assert.Single(items, li => li.ClassList.Contains("mirror-good"));
        Assert.Equal(new Uri(good.Address, "release/repo/1.0.1/").AbsoluteUri, goodItem.QuerySelector("a")?.GetAttribute("href"));
        var badItem = Assert.Single(items, li => li.ClassList.Contains("mirror-bad"));
        Assert.Null(badItem.QuerySelector("a"));
        Assert.Contains("repo-1.0.1.tar.gz", badItem.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(document.QuerySelectorAll("a"), a => a.GetAttribute("href")?.StartsWith(bad.Address.AbsoluteUri, StringComparison.Ordinal) == true);
        // base_url makes download links absolute.
        Assert.Contains(document.QuerySelectorAll("a"), a => a.GetAttribute("href") == "https://downloads.example.org/site/downloads/release/repo/1.0.1/repo-1.0.1.tar.gz");
        var feed = await host.Client.GetStringAsync("/feeds/releases.atom");
        Assert.Contains("href=\"https://downloads.example.org/site/releases/1.0.1\"", feed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Portal_NoMirrorChecked_ShowsNoneAsGood()
    {
        var (store, _) = Publish();
        var data = Path.GetDirectoryName(store.Root)!;
        var config = Path.Combine(data, "herald.toml");
        // Nobody answers at this address: the mirror is never good.
        File.WriteAllText(config, "[project]\nname = \"Repo\"\nslug = \"repo\"\n[[downloads.mirror]]\nurl = \"http://127.0.0.1:9/xen/\"\n");
        await using var host = PortalHost.Start(new PortalOptions { Repository = fixture.Repo.Path, Data = data, Config = config }, fixture.Clock.GetUtcNow());
        await host.WaitUntilHealthyAsync();

        var mirrors = await WaitForMirrorsAsync(host.Client, 1);
        var page = await host.Client.GetStringAsync("/releases/1.0.1");

        Assert.Equal("unreachable", mirrors["http://127.0.0.1:9/xen/"]);
        Assert.DoesNotContain("mirror-good", page, StringComparison.Ordinal);
        Assert.Contains("mirror-unreachable", page, StringComparison.Ordinal);
    }

    /// <summary>Polls <c>/api/mirrors</c> until <paramref name="count"/> mirrors report on 1.0.1; their statuses by URL.</summary>
    private static async Task<Dictionary<string, string>> WaitForMirrorsAsync(HttpClient client, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        var last = string.Empty;
        while (DateTime.UtcNow < deadline)
        {
            last = await client.GetStringAsync("/api/mirrors");
            using var json = JsonDocument.Parse(last);
            var statuses = json.RootElement.GetProperty("mirrors").EnumerateArray()
                .SelectMany(m => m.GetProperty("releases").EnumerateArray()
                    .Where(r => r.GetProperty("version").GetString() == "1.0.1")
                    .Select(r => (Url: m.GetProperty("url").GetString()!, Status: r.GetProperty("status").GetString()!)))
                .ToDictionary(m => m.Url, m => m.Status);
            if (statuses.Count == count)
            {
                return statuses;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("the mirrors were not checked in time: " + last);
    }
}
