using System.Net;
using System.Security.Cryptography;
using Amazon.S3.Model;
using Herald.Publishing;
using Herald.Tests.Web;
using Herald.Web;
using Xunit;

namespace Herald.Tests.Publishing;

/// <summary>Publishing into an S3-compatible object store and downloading from it, against a real S3 protocol server.</summary>
public sealed class S3ArtifactStoreTests(PublishingFixture fixture) : IClassFixture<PublishingFixture>, IAsyncLifetime
{
    private S3Fixture? _s3;

    private S3Fixture S3 => _s3!;

    public async Task InitializeAsync() => _s3 = await S3Fixture.StartAsync();

    public async Task DisposeAsync()
    {
        if (_s3 is not null)
        {
            await _s3.DisposeAsync();
        }
    }

    private S3ArtifactStore Store(string prefix = "downloads") =>
        new(new S3StoreSettings { Bucket = S3.Bucket, Prefix = prefix, Endpoint = S3.Endpoint }, fixture.Folder.CreateSubdirectory("staging-" + Guid.NewGuid().ToString("N")[..8]), S3Fixture.Credentials);

    private Task<PublishResult> PublishAsync(IArtifactStore store, IReadOnlyList<string>? extra = null, bool force = false)
    {
        var config = Path.Combine(fixture.Folder.Path, "s3-herald.toml");
        File.WriteAllText(config, "[project]\nname = \"Repo\"\nslug = \"repo\"\n");
        var project = HeraldProject.Open(fixture.Repo.Path, config, fixture.Folder.CreateSubdirectory("data-" + Guid.NewGuid().ToString("N")[..8]), fixture.Repo.Path, fixture.Folder.Path);
        return new Publisher(project, fixture.Key, fixture.Clock).PublishAsync(store, "1.0.1", extra ?? [], Publisher.DefaultFormats, force);
    }

    [Fact]
    public async Task Publish_S3_WritesTheLayoutWithTheSameBytesAsOnDisk()
    {
        using var store = Store();
        var local = new LocalArtifactStore(fixture.Folder.CreateSubdirectory("local-" + Guid.NewGuid().ToString("N")[..8]));

        var result = await PublishAsync(store);
        await PublishAsync(local);

        Assert.True(result.Changed);
        var keys = await S3.KeysAsync();
        const string folder = "downloads/release/repo/1.0.1/";
        Assert.Equal(
            new[] { ".manifest", "SHA256SUMS", "SHA256SUMS.sig", "SHA512SUMS", "SHA512SUMS.sig", "repo-1.0.1.tar.gz", "repo-1.0.1.tar.gz.sig", "repo-1.0.1.tar.xz", "repo-1.0.1.tar.xz.sig" }.Select(n => folder + n).Prepend("downloads/" + ArtifactLayout.KeysFile),
            keys);
        Assert.Equal(File.ReadAllBytes(Path.Combine(local.Root, "keys", "KEYS")), await S3.ReadAsync("downloads/" + ArtifactLayout.KeysFile));
        foreach (var name in new[] { "repo-1.0.1.tar.gz", "repo-1.0.1.tar.xz", "SHA256SUMS" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(local.Root, "release", "repo", "1.0.1", name)), await S3.ReadAsync(folder + name));
        }

        var gz = await S3.ReadAsync(folder + "repo-1.0.1.tar.gz");
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(gz)), result.Artifacts.Single(a => a.Name == "repo-1.0.1.tar.gz").Sha256);
    }

    [Fact]
    public async Task ReadPublished_S3_ListsFilesWithDigestsFromTheSums()
    {
        using var store = Store();
        var result = await PublishAsync(store);

        var published = await Publisher.ReadPublishedAsync(store, "repo", "1.0.1");

        Assert.Equal(result.Artifacts.Select(a => (a.Name, a.Path, a.Size, a.Signature)), published.Select(a => (a.Name, a.Path, a.Size, a.Signature)));
        // The sums files state the archives' digests (not their own).
        Assert.Equal(
            result.Artifacts.Where(a => a.Name.StartsWith("repo-", StringComparison.Ordinal)).Select(a => (a.Sha256, a.Sha512)),
            published.Where(a => a.Name.StartsWith("repo-", StringComparison.Ordinal)).Select(a => (a.Sha256, a.Sha512)));
    }

    [Fact]
    public async Task Publish_SameBytesAgain_ChangesNothing()
    {
        using var store = Store();
        await PublishAsync(store);
        var before = await S3.Client.GetObjectMetadataAsync(S3.Bucket, "downloads/release/repo/1.0.1/repo-1.0.1.tar.gz");

        var again = await PublishAsync(store);

        Assert.False(again.Changed);
        var after = await S3.Client.GetObjectMetadataAsync(S3.Bucket, "downloads/release/repo/1.0.1/repo-1.0.1.tar.gz");
        Assert.Equal(before.LastModified, after.LastModified);
        Assert.Equal(6, again.Artifacts.Count(a => a.Signature is not null) + again.Artifacts.Count(a => a.Signature is null) + 2);
    }

    [Fact]
    public async Task Publish_DifferentFilesWithoutForce_RefusesAndKeepsTheRelease()
    {
        using var store = Store();
        await PublishAsync(store);
        var extra = Path.Combine(fixture.Folder.CreateSubdirectory("extra-" + Guid.NewGuid().ToString("N")[..8]), "notes.txt");
        File.WriteAllText(extra, "release notes\n");

        var error = await Assert.ThrowsAsync<HeraldException>(() => PublishAsync(store, [extra]));

        Assert.Contains("--force", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("downloads/release/repo/1.0.1/notes.txt", await S3.KeysAsync());
    }

    [Fact]
    public async Task Publish_Force_ReplacesAndRemovesFilesNoLongerPublished()
    {
        using var store = Store();
        var extra = Path.Combine(fixture.Folder.CreateSubdirectory("extra-" + Guid.NewGuid().ToString("N")[..8]), "notes.txt");
        File.WriteAllText(extra, "release notes\n");
        await PublishAsync(store, [extra]);
        Assert.Contains("downloads/release/repo/1.0.1/notes.txt", await S3.KeysAsync());

        var replaced = await PublishAsync(store, force: true);

        Assert.True(replaced.Changed);
        var keys = await S3.KeysAsync();
        Assert.DoesNotContain("downloads/release/repo/1.0.1/notes.txt", keys);
        Assert.DoesNotContain("downloads/release/repo/1.0.1/notes.txt.sig", keys);
        Assert.DoesNotContain("downloads/release/repo/1.0.1/" + ArtifactLayout.PublishingMarker, keys);
        Assert.DoesNotContain("notes.txt", System.Text.Encoding.UTF8.GetString(await S3.ReadAsync("downloads/release/repo/1.0.1/SHA256SUMS")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Release_InterruptedPublish_IsInvisibleUntilPublishedAgain()
    {
        using var store = Store();
        await PublishAsync(store);
        // A publish that died after its marker: the folder holds a mix, so nothing of it is shown.
        await S3.Client.PutObjectAsync(new PutObjectRequest { BucketName = S3.Bucket, Key = "downloads/release/repo/1.0.1/" + ArtifactLayout.PublishingMarker, ContentBody = string.Empty });

        Assert.Empty(await Publisher.ReadPublishedAsync(store, "repo", "1.0.1"));
        Assert.Null(await store.LocateAsync("release/repo/1.0.1/repo-1.0.1.tar.gz"));

        // Nothing of it is visible, so the next publish needs no --force.
        var again = await PublishAsync(store);

        Assert.True(again.Changed);
        Assert.NotEmpty(await Publisher.ReadPublishedAsync(store, "repo", "1.0.1"));
        Assert.DoesNotContain("downloads/release/repo/1.0.1/" + ArtifactLayout.PublishingMarker, await S3.KeysAsync());
        Assert.NotNull(await store.LocateAsync("release/repo/1.0.1/repo-1.0.1.tar.gz"));
    }

    [Fact]
    public async Task Locate_PublishedFile_GivesAPresignedUrlServingTheBytes()
    {
        using var store = Store();
        await PublishAsync(store);

        var source = await store.LocateAsync("release/repo/1.0.1/repo-1.0.1.tar.gz");

        Assert.NotNull(source?.RedirectUrl);
        Assert.Null(source.LocalFile);
        Assert.Contains("X-Amz-Signature=", source.RedirectUrl.Query, StringComparison.Ordinal);
        using var http = new HttpClient();
        Assert.Equal(await S3.ReadAsync("downloads/release/repo/1.0.1/repo-1.0.1.tar.gz"), await http.GetByteArrayAsync(source.RedirectUrl));
        Assert.InRange(ExpiresSeconds(source.RedirectUrl), 890, 901);
    }

    [Theory]
    [InlineData("release/repo/1.0.1/nothing.tar.gz")]
    [InlineData("release/repo/1.0.1/.manifest")]
    [InlineData("release/repo/../repo/1.0.1/repo-1.0.1.tar.gz")]
    [InlineData("/release/repo/1.0.1/repo-1.0.1.tar.gz")]
    [InlineData("release/repo/1.0.1/")]
    public async Task Locate_NotAPublishedPlainPath_IsNull(string path)
    {
        using var store = Store();
        await PublishAsync(store);

        Assert.Null(await store.LocateAsync(path));
    }

    [Fact]
    public async Task Stamp_ChangesWhenAReleaseIsPublished()
    {
        using var store = Store();
        var before = await store.StampAsync();

        await PublishAsync(store);

        Assert.NotEqual(before, await store.StampAsync());
    }

    [Fact]
    public async Task HeraldPublish_S3Store_UploadsTheReleaseAndPrintsTheJsonContract()
    {
        var data = fixture.Folder.CreateSubdirectory("cli-" + Guid.NewGuid().ToString("N")[..8]);
        var config = Path.Combine(data, "herald.toml");
        File.WriteAllText(config, $"""
            [project]
            name = "Repo"
            slug = "repo"
            [downloads]
            store = "s3://{S3.Bucket}/cli"
            [downloads.s3]
            endpoint = "{S3.Endpoint}"
            """);
        var passphrase = Path.Combine(data, "pass.txt");
        File.WriteAllText(passphrase, PublishingFixture.Passphrase + "\n");
        string[] args = ["publish", "1.0.1", "--repo", fixture.Repo.Path, "--config", config, "--data", data, "--key", Path.Combine(fixture.KeyFolder, "secret.asc"), "--passphrase-file", passphrase, "--json"];

        var result = await Cli.CliRunner.RunAsync(args, data, data);
        var again = await Cli.CliRunner.RunAsync([.. args.Where(a => a != "--json")], data, data);

        Assert.True(result.ExitCode == 0, result.Error);
        using var json = System.Text.Json.JsonDocument.Parse(result.Out);
        Assert.Equal("1.0.1", json.RootElement.GetProperty("version").GetString());
        var gz = json.RootElement.GetProperty("artifacts").EnumerateArray().Single(a => a.GetProperty("name").GetString() == "repo-1.0.1.tar.gz");
        Assert.Equal("release/repo/1.0.1/repo-1.0.1.tar.gz", gz.GetProperty("path").GetString());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(await S3.ReadAsync("cli/release/repo/1.0.1/repo-1.0.1.tar.gz"))), gz.GetProperty("sha256").GetString());
        Assert.Contains("cli/release/repo/1.0.1/repo-1.0.1.tar.gz.sig", await S3.KeysAsync());
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("nothing changed", again.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Portal_S3Store_RedirectsDownloadsAndListsTheFiles()
    {
        using var store = Store("site");
        var result = await PublishAsync(store);
        var data = fixture.Folder.CreateSubdirectory("portal-" + Guid.NewGuid().ToString("N")[..8]);
        var config = Path.Combine(data, "herald.toml");
        File.WriteAllText(config, $"""
            [project]
            name = "Repo"
            slug = "repo"
            [downloads]
            store = "s3://{S3.Bucket}/site"
            [downloads.s3]
            endpoint = "{S3.Endpoint}"
            presign_minutes = 5
            """);
        await using var host = PortalHost.Start(new PortalOptions { Repository = fixture.Repo.Path, Data = data, Config = config }, fixture.Clock.GetUtcNow());
        await host.WaitUntilHealthyAsync();

        using var download = await host.Client.GetAsync("/downloads/release/repo/1.0.1/repo-1.0.1.tar.gz");
        var page = await host.Client.GetStringAsync("/releases/1.0.1");

        Assert.Equal(HttpStatusCode.Redirect, download.StatusCode);
        var location = download.Headers.Location!;
        Assert.StartsWith(S3.Endpoint.AbsoluteUri + S3.Bucket + "/site/release/repo/1.0.1/repo-1.0.1.tar.gz?", location.AbsoluteUri, StringComparison.Ordinal);
        Assert.InRange(ExpiresSeconds(location), 290, 301);
        using var http = new HttpClient();
        Assert.Equal(await S3.ReadAsync("site/release/repo/1.0.1/repo-1.0.1.tar.gz"), await http.GetByteArrayAsync(location));
        Assert.Contains(result.Artifacts.Single(a => a.Name == "repo-1.0.1.tar.xz").Sha256, page, StringComparison.Ordinal);
        using var missing = await host.Client.GetAsync("/downloads/release/repo/1.0.1/other.tar.gz");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    private static int ExpiresSeconds(Uri url) =>
        int.Parse(System.Text.RegularExpressions.Regex.Match(url.Query, "X-Amz-Expires=([0-9]+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
}
