using System.Net;
using System.Net.Http.Headers;
using Herald.Publishing;
using Herald.Tests.Web;
using Herald.Web;
using Xunit;

namespace Herald.Tests.Publishing;

/// <summary>The portal's download service over a release published into its data folder.</summary>
public sealed class DownloadServiceTests(PublishingFixture fixture) : IClassFixture<PublishingFixture>, IAsyncLifetime
{
    private PortalHost? _host;
    private string _path = string.Empty;
    private byte[] _bytes = [];
    private string _root = string.Empty;

    private HttpClient Client => _host!.Client;

    public async Task InitializeAsync()
    {
        var data = fixture.Folder.CreateSubdirectory("portal-" + Guid.NewGuid().ToString("N")[..8]);
        var project = HeraldProject.Open(fixture.Repo.Path, null, data, fixture.Repo.Path, fixture.Folder.Path);
        var result = new Publisher(project, fixture.Key, fixture.Clock).PublishAsync(ArtifactStore.For(project), "1.0.1", [], Publisher.DefaultFormats, force: false).GetAwaiter().GetResult();
        Directory.CreateDirectory(Path.Combine(data, "keys"));
        File.Copy(Path.Combine(fixture.KeyFolder, "public.asc"), Path.Combine(data, "keys", "public.asc"));
        var archive = result.Artifacts.First(a => a.Name.EndsWith(".tar.gz", StringComparison.Ordinal));
        _path = "/downloads/" + archive.Path;
        _root = Path.Combine(project.DataDirectory, "artifacts");
        _bytes = File.ReadAllBytes(Path.Combine(_root, archive.Path));
        var config = Path.Combine(data, "herald.toml");
        File.WriteAllText(config, """
            [downloads]
            base_url = "https://downloads.example.org"
            [[downloads.redirect]]
            from = "/oss/release/"
            to = "/downloads/release/"
            """);
        _host = PortalHost.Start(new PortalOptions { Repository = fixture.Repo.Path, Data = data, Config = config }, fixture.Clock.GetUtcNow());
        await _host.WaitUntilHealthyAsync();
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    [Fact]
    public async Task Get_Archive_AnswersTheBytesWithHeaders()
    {
        using var response = await Client.GetAsync(_path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(_bytes, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(_bytes.Length, response.Content.Headers.ContentLength);
        Assert.Equal("application/gzip", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Headers.ETag);
        Assert.NotNull(response.Content.Headers.LastModified);
        Assert.Contains("bytes", response.Headers.AcceptRanges);
    }

    [Fact]
    public async Task Get_RangeAfterAFullDownload_AnswersThePartNotACachedWhole()
    {
        Assert.Equal(_bytes, await Client.GetByteArrayAsync(_path));
        using var request = new HttpRequestMessage(HttpMethod.Get, _path);
        request.Headers.Range = new RangeHeaderValue(10, 19);

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(_bytes[10..20], await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Get_LargeFileByManyAtOnce_GivesEveryoneTheWholeFile()
    {
        // Over the output cache's 64 MiB limit: no answer may come from (or wait on) a cache.
        var folder = Directory.CreateDirectory(Path.Combine(_root, "release", "big", "1")).FullName;
        var bytes = new byte[65 * 1024 * 1024 + 17];
        new Random(7).NextBytes(bytes);
        await File.WriteAllBytesAsync(Path.Combine(folder, "big.bin"), bytes);
        var expected = System.Security.Cryptography.SHA256.HashData(bytes);

        var downloads = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            using var response = await Client.GetAsync("/downloads/release/big/1/big.bin", HttpCompletionOption.ResponseHeadersRead);
            await using var body = await response.Content.ReadAsStreamAsync();
            return (response.StatusCode, Hash: await System.Security.Cryptography.SHA256.HashDataAsync(body));
        }));

        Assert.All(downloads, d =>
        {
            Assert.Equal(HttpStatusCode.OK, d.StatusCode);
            Assert.Equal(expected, d.Hash);
        });
    }

    [Fact]
    public async Task Get_Range_AnswersThePart()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _path);
        request.Headers.Range = new RangeHeaderValue(10, 29);

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(_bytes[10..30], await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(10, response.Content.Headers.ContentRange?.From);
        Assert.Equal(_bytes.Length, response.Content.Headers.ContentRange?.Length);
    }

    [Fact]
    public async Task Head_Archive_AnswersHeadersWithoutBody()
    {
        using var response = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, _path));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(_bytes.Length, response.Content.Headers.ContentLength);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Get_MatchingIfNoneMatch_Answers304()
    {
        using var first = await Client.GetAsync(_path);
        using var request = new HttpRequestMessage(HttpMethod.Get, _path);
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        using var second = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
    }

    [Fact]
    public async Task Get_Counted_ShowsInTheDownloadCounter()
    {
        (await Client.GetAsync(_path)).Dispose();

        var counters = await Client.GetStringAsync("/api/downloads");

        Assert.Contains(_path["/downloads/".Length..], counters, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/downloads/release/../keys/public.asc")]
    [InlineData("/downloads/release/%2e%2e/%2e%2e/keys/public.asc")]
    [InlineData("/downloads/%2fetc%2fpasswd")]
    [InlineData("/downloads/..%2f..%2fkeys%2fpublic.asc")]
    [InlineData("/downloads/release/.hidden")]
    [InlineData("/downloads/index.db")]
    public async Task Get_Traversal_IsNeverServed(string path)
    {
        using var response = await Client.GetAsync(path);

        Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"{path} answered {(int)response.StatusCode}");
    }

    [Fact]
    public async Task Get_OldLocation_RedirectsPermanentlyKeepingThePath()
    {
        var old = "/oss/release/" + _path["/downloads/release/".Length..] + "?from=mail";

        using var response = await Client.GetAsync(old);

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(_path + "?from=mail", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Get_Keys_AnswersThePublicKey()
    {
        var keys = await Client.GetStringAsync("/downloads/KEYS");

        Assert.StartsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----", keys, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReleasePage_Published_ListsTheFilesWithChecksumsAndSignatures()
    {
        var html = await Client.GetStringAsync("/releases/1.0.1");

        Assert.Contains(_path, html, StringComparison.Ordinal);
        Assert.Contains(_path + ".sig", html, StringComparison.Ordinal);
        // [downloads] base_url makes the links absolute.
        Assert.Contains($"href=\"https://downloads.example.org{_path}\"", html, StringComparison.Ordinal);
        Assert.Contains(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(_bytes)), html, StringComparison.Ordinal);
        Assert.Contains("gpg --verify", html, StringComparison.Ordinal);
    }
}
