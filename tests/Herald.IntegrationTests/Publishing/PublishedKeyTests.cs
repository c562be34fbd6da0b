using System.Diagnostics;
using System.Net;
using Herald.Publishing;
using Herald.Tests.Support;
using Herald.Tests.Web;
using Herald.Web;
using Xunit;

namespace Herald.Tests.Publishing;

/// <summary>
/// README's steps as written: a key made with <c>herald key generate --out keys</c> (outside the data
/// folder), then <c>herald publish --key keys/secret.asc</c>, with the portal already running: the release
/// page shows the files at once, and <c>/downloads/KEYS</c> gives the key that verifies them.
/// </summary>
public sealed class PublishedKeyTests(PublishingFixture fixture) : IClassFixture<PublishingFixture>, IAsyncLifetime
{
    private PortalHost? _host;
    private HeraldProject? _project;
    private string _data = string.Empty;

    private HttpClient Client => _host!.Client;

    public async Task InitializeAsync()
    {
        // No DATA/keys: the key lives where 'key generate --out keys' put it (the fixture's folder).
        _data = fixture.Folder.CreateSubdirectory("portal-" + Guid.NewGuid().ToString("N")[..8]);
        _project = HeraldProject.Open(fixture.Repo.Path, null, _data, fixture.Repo.Path, fixture.Folder.Path);
        _host = PortalHost.Start(new PortalOptions { Repository = fixture.Repo.Path, Data = _data, PublishCheckInterval = TimeSpan.FromMilliseconds(200) }, fixture.Clock.GetUtcNow());
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
    public async Task Keys_KeyMadeOutsideTheDataFolder_ServedOncePublished()
    {
        using (var before = await Client.GetAsync("/downloads/KEYS"))
        {
            Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        }

        await PublishAsync("1.0.1");

        using var response = await Client.GetAsync("/downloads/KEYS");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var keys = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----", keys, StringComparison.Ordinal);
        AssertVerifies(keys, "1.0.1");
    }

    [Fact]
    public async Task Keys_PublishedTwice_HoldTheKeyOnce()
    {
        await PublishAsync("1.0.0");
        await PublishAsync("1.0.1");

        var keys = await Client.GetStringAsync("/downloads/KEYS");

        Assert.Equal(1, keys.Split("BEGIN PGP PUBLIC KEY BLOCK").Length - 1);
    }

    [Fact]
    public async Task ReleasePage_PublishWhileServing_ListsTheFilesWithoutARefresh()
    {
        var before = await Client.GetStringAsync("/releases/1.0.1");
        var result = await PublishAsync("1.0.1");
        var archive = "/downloads/" + result.Artifacts.First(a => a.Name.EndsWith(".tar.gz", StringComparison.Ordinal)).Path;
        Assert.DoesNotContain(archive, before, StringComparison.Ordinal);

        // The refresh interval is five minutes: only noticing the publish itself gets the page there in time.
        var clock = Stopwatch.StartNew();
        string page;
        do
        {
            page = await Client.GetStringAsync("/releases/1.0.1");
            if (page.Contains(archive, StringComparison.Ordinal))
            {
                return;
            }

            await Task.Delay(100);
        }
        while (clock.Elapsed < TimeSpan.FromSeconds(20));

        Assert.Fail($"/releases/1.0.1 does not list {archive} 20 s after the publish");
    }

    private Task<PublishResult> PublishAsync(string version) =>
        new Publisher(_project!, fixture.Key, fixture.Clock).PublishAsync(ArtifactStore.For(_project!), version, [], Publisher.DefaultFormats, force: false);

    /// <summary>A GnuPG home that has imported nothing but <paramref name="keys"/> verifies the release's SHA256SUMS.</summary>
    private void AssertVerifies(string keys, string version)
    {
        using var home = TempDirectory.Create();
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(home.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var file = home.WriteFile("KEYS", keys);
        var sums = Path.Combine(_data, "artifacts", "release", _project!.Config.Slug, version, "SHA256SUMS");
        Assert.Equal(0, Gpg(home.Path, "--batch", "--import", file).ExitCode);
        var (code, output) = Gpg(home.Path, "--batch", "--verify", sums + ".sig", sums);
        Assert.True(code == 0, "gpg --verify with the served KEYS: " + output);
        Gpg(home.Path, "--batch", "--yes", "--quiet", "--kill", "gpg-agent");
    }

    private static (int ExitCode, string Output) Gpg(string home, params string[] arguments)
    {
        var info = new ProcessStartInfo("gpg") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.Environment["GNUPGHOME"] = home;
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("gpg did not start; install gnupg (test.sh does).");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error.GetAwaiter().GetResult());
    }
}
