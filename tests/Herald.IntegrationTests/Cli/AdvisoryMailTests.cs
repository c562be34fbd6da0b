using System.Globalization;
using Herald.Tests.Mail;
using Herald.Tests.Policy;
using Herald.Tests.Publishing;
using Herald.Tests.Support;
using Xunit;

namespace Herald.Tests.Cli;

/// <summary>Pre-disclosure members mailed by <c>herald advisory</c> through a real SMTP server: each version once, signed.</summary>
public sealed class AdvisoryMailTests : IClassFixture<PublishingFixture>, IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly PublishingFixture _keys;
    private readonly TempDirectory _files = TempDirectory.Create();
    private readonly RepoBuilder _repo = RepoBuilder.Create().Commit("Initial import");
    private SmtpSinkFixture _sink = null!;
    private string _config = null!;

    public AdvisoryMailTests(PublishingFixture keys) => _keys = keys;

    public async Task InitializeAsync()
    {
        _sink = await SmtpSinkFixture.StartAsync();
        _config = _files.WriteFile("config/herald.toml", string.Create(CultureInfo.InvariantCulture, $"""
            [project]
            name = "Xen"
            slug = "xen"

            [mail]
            smtp = "{_sink.Server}"
            from = "Xen Security Team <security@example.org>"
            lists = ["announce@lists.example.org"]

            """));
        await RunAsync("predisclosure", "add", "--org", "Cloud A", "--email", "security@cloud-a.example.com");
        await RunAsync("predisclosure", "add", "--org", "Distro B", "--email", "security@distro-b.example.org");
    }

    public Task DisposeAsync()
    {
        _sink.Dispose();
        _repo.Dispose();
        _files.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task CreateUpdateRerun_EachMemberGetsEachVersionOnceSigned()
    {
        var created = await RunAsync(["advisory", "create", "--title", "x86: guest can crash the host", "--cve", "CVE-2026-4004", "--embargo-until", "2030-01-01T12:00Z", "--json", .. Signing()]);
        var updated = await RunAsync(["advisory", "update", "XSA-1", "--updates", "Patch rebased.", .. Signing()]);
        var rerun = await RunAsync("advisory", "mail", "XSA-1", "--json");

        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Equal(0, updated.ExitCode);
        Assert.Equal(0, rerun.ExitCode);
        Assert.Equal(["sent", "sent"], created.Json().GetProperty("mail").EnumerateArray().Select(d => d.GetProperty("outcome").GetString()));
        Assert.Contains("herald: mailed XSA-1 v2 to security@cloud-a.example.com", updated.ErrorLines);
        Assert.Equal(["alreadySent", "alreadySent"], rerun.Json().GetProperty("mail").EnumerateArray().Select(d => d.GetProperty("outcome").GetString()));
        var received = _sink.Received();
        Assert.Equal(4, received.Count);
        Assert.Equal(
            ["security@cloud-a.example.com", "security@distro-b.example.org", "security@cloud-a.example.com", "security@distro-b.example.org"],
            received.Select(r => Assert.Single(r.Recipients)));
        Assert.DoesNotContain(received, r => r.Recipients.Contains("announce@lists.example.org"));
        Assert.Equal("Xen Security Advisory 1 v1 (CVE-2026-4004) - x86: guest can crash the host (embargoed)", received[0].Message.Subject);
        Assert.Equal("Xen Security Advisory 1 v2 (CVE-2026-4004) - x86: guest can crash the host (embargoed)", received[2].Message.Subject);
        var body = (received[2].Message.TextBody ?? string.Empty).Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.StartsWith("-----BEGIN PGP SIGNED MESSAGE-----", body, StringComparison.Ordinal);
        Assert.Contains("This issue is under embargo until 2030-01-01 12:00 UTC", body, StringComparison.Ordinal);
        Assert.Contains("UPDATES IN VERSION 2", body, StringComparison.Ordinal);
        var mailed = _files.WriteFile("mailed.asc", body);
        var verified = _keys.Gpg("--batch", "--verify", mailed);
        Assert.True(verified.ExitCode == 0, verified.Output);
    }

    [Fact]
    public async Task Draft_NoMailUntilItIsGivenAnEmbargo()
    {
        var draft = await RunAsync("advisory", "create", "--title", "a draft");
        var received = _sink.Received().Count;
        var embargoed = await RunAsync("advisory", "update", "XSA-1", "--updates", "Pre-disclosed.", "--embargo-until", "2030-01-01T12:00Z");

        Assert.Equal(0, draft.ExitCode);
        Assert.Equal(0, received);
        Assert.Equal(0, embargoed.ExitCode);
        Assert.Equal(2, _sink.Received().Count);
        Assert.All(_sink.Received(), r => Assert.EndsWith("v2 - a draft (embargoed)", r.Message.Subject, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Create_AMemberRefused_StoredOthersMailedExitOneNamingTheAddress()
    {
        await RunAsync("predisclosure", "add", "--org", "Refusing", "--email", "reject@refusing.example.net");

        var created = await RunAsync("advisory", "create", "--title", "t", "--embargo-until", "2030-01-01T12:00Z");
        var listed = await RunAsync("advisory", "list", "--json");

        Assert.Equal(1, created.ExitCode);
        Assert.Contains("herald: XSA-1 v1 is stored, but mail to reject@refusing.example.net failed:", created.Error, StringComparison.Ordinal);
        Assert.Contains("'herald advisory mail XSA-1' sends it to those only.", created.Error, StringComparison.Ordinal);
        Assert.Equal("XSA-1", Assert.Single(listed.Json().EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(2, _sink.Received().Count);
    }

    private string[] Signing() => ["--key", Path.Combine(_keys.KeyFolder, "secret.asc"), "--passphrase-file", _files.WriteFile("pass.txt", PublishingFixture.Passphrase + "\n")];

    private Task<ClockedRun> RunAsync(params string[] args) =>
        ClockedCli.RunAsync([.. args, "--repo", _repo.Path, "--config", _config, "--data", _files.Combine("data")], _files.CreateSubdirectory("cwd"), _files.CreateSubdirectory("xdg"), Now);
}
