using Herald.Configuration;
using Herald.History;
using Herald.Publishing;
using Herald.Tests.Support;
using Xunit;

namespace Herald.Tests.Publishing;

public sealed class DownloadSettingsTests : IDisposable
{
    private readonly RepoBuilder _repo = RepoBuilder.Create().Commit("Initial").Tag("RELEASE-1.0.0");

    private HeraldConfig Load(string toml)
    {
        var path = Path.Combine(_repo.RootPath, "herald-" + Guid.NewGuid().ToString("N")[..6] + ".toml");
        File.WriteAllText(path, toml);
        return ConfigLoader.Load(GitRepository.Open(_repo.Path), path, _repo.RootPath);
    }

    [Fact]
    public void Load_DownloadsTable_ReadsBaseUrlRedirectsAndMirrors()
    {
        var config = Load("""
            [downloads]
            base_url = "https://downloads.example.org"
            [[downloads.redirect]]
            from = "/oss-xen/release/"
            to = "/downloads/release/xen/"
            [[downloads.mirror]]
            url = "https://mirror.example.net/xen/"
            """);

        Assert.Equal(new Uri("https://downloads.example.org"), config.Downloads.BaseUrl);
        Assert.Equal([new DownloadRedirect("/oss-xen/release/", "/downloads/release/xen/")], config.Downloads.Redirects);
        Assert.Equal([new Uri("https://mirror.example.net/xen/")], config.Downloads.Mirrors);
    }

    [Fact]
    public void Load_Mirror_IsAFolderUrlCheckedOnTheInterval()
    {
        var config = Load("[downloads]\nmirror_check_minutes = 30\n[[downloads.mirror]]\nurl = \"https://mirror.example.net/xen\"\n");

        Assert.Equal([new Uri("https://mirror.example.net/xen/")], config.Downloads.Mirrors);
        Assert.Equal(TimeSpan.FromMinutes(30), config.Downloads.MirrorCheckInterval);
    }

    [Fact]
    public void Load_DevKeep_IsReadAndDefaultsToTen()
    {
        Assert.Equal(3, Load("[downloads]\ndev_keep = 3\n").Downloads.DevKeep);
        Assert.Equal(10, Load("[downloads]\nbase_url = \"https://d.example.org\"\n").Downloads.DevKeep);
    }

    [Fact]
    public void Load_S3Store_ReadsBucketPrefixAndEndpoint()
    {
        var config = Load("""
            [downloads]
            store = "s3://xen-downloads/public/"
            [downloads.s3]
            endpoint = "http://127.0.0.1:9000"
            region = "eu-west-1"
            path_style = false
            presign_minutes = 60
            """);

        Assert.Equal(
            new S3StoreSettings { Bucket = "xen-downloads", Prefix = "public", Endpoint = new Uri("http://127.0.0.1:9000"), Region = "eu-west-1", PathStyle = false, PresignLifetime = TimeSpan.FromHours(1) },
            config.Downloads.S3);
        Assert.Null(config.Downloads.StoreFolder);
    }

    [Fact]
    public void Load_FolderStore_IsRelativeToTheConfiguration()
    {
        var config = Load("[downloads]\nstore = \"public/files\"\n");

        Assert.Equal(Path.Combine(_repo.RootPath, "public", "files"), config.Downloads.StoreFolder);
        Assert.Null(config.Downloads.S3);
    }

    [Theory]
    [InlineData("[downloads]\nbase_url = \"ftp://x\"\n", ":2:")]
    [InlineData("[downloads]\n[[downloads.redirect]]\nfrom = \"oss/\"\nto = \"/downloads/\"\n", ":3:")]
    [InlineData("[downloads]\n[[downloads.redirect]]\nfrom = \"/oss/\"\nto = \"/downloads/../keys/\"\n", ":4:")]
    [InlineData("[downloads]\nmirrors = 1\n", ":2:")]
    [InlineData("[downloads]\n[[downloads.mirror]]\nurl = \"https://m.example.net/x?a=1\"\n", ":3:")]
    [InlineData("[downloads]\nmirror_check_minutes = 0\n", ":2:")]
    [InlineData("[downloads]\ndev_keep = 0\n", ":2:")]
    [InlineData("[downloads]\ndev_keep = \"ten\"\n", ":2:")]
    [InlineData("[downloads]\nstore = \"s3://A_Bucket/x\"\n", ":2:")]
    [InlineData("[downloads]\nstore = \"s3://bucket/../x\"\n", ":2:")]
    [InlineData("[downloads]\nstore = \"https://example.org/x\"\n", ":2:")]
    [InlineData("[downloads]\nstore = \"s3://bucket\"\n[downloads.s3]\nendpoint = \"localhost:9000\"\n", ":4:")]
    [InlineData("[downloads]\nstore = \"s3://bucket\"\n[downloads.s3]\npresign_minutes = 0\n", ":4:")]
    [InlineData("[downloads]\nstore = \"s3://bucket\"\n[downloads.s3]\nsecret = \"x\"\n", ":4:")]
    [InlineData("[downloads]\nstore = \"/srv/files\"\n[downloads.s3]\nregion = \"eu-west-1\"\n", ":")]
    public void Load_BadDownloadsTable_NamesTheLine(string toml, string line)
    {
        var error = Assert.Throws<HeraldException>(() => Load(toml));

        Assert.Contains(line, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RedirectFor_OldPrefix_KeepsTheRestOfThePathAndTheQuery()
    {
        var settings = new DownloadSettings { Redirects = [new DownloadRedirect("/oss-xen/release/", "/downloads/release/xen/")] };

        Assert.Equal("/downloads/release/xen/4.6.6/xen-4.6.6.tar.gz?x=1", settings.RedirectFor("/oss-xen/release/4.6.6/xen-4.6.6.tar.gz", "?x=1"));
        Assert.Null(settings.RedirectFor("/releases/4.6.6", string.Empty));
    }

    public void Dispose() => _repo.Dispose();
}
