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

    [Theory]
    [InlineData("[downloads]\nbase_url = \"ftp://x\"\n", ":2:")]
    [InlineData("[downloads]\n[[downloads.redirect]]\nfrom = \"oss/\"\nto = \"/downloads/\"\n", ":3:")]
    [InlineData("[downloads]\n[[downloads.redirect]]\nfrom = \"/oss/\"\nto = \"/downloads/../keys/\"\n", ":4:")]
    [InlineData("[downloads]\nmirrors = 1\n", ":2:")]
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
