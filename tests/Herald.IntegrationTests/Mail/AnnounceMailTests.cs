using System.Globalization;
using Herald.Tests.Policy;
using Herald.Tests.Support;
using Xunit;

namespace Herald.Tests.Mail;

/// <summary><c>herald announce --mail</c> against a real SMTP server: the published post, once per list, with links that work from a mailbox.</summary>
public sealed class AnnounceMailTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2022, 4, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _files = TempDirectory.Create();
    private readonly RepoBuilder _repo = RepoBuilder.Create();
    private SmtpSinkFixture _sink = null!;

    public async Task InitializeAsync()
    {
        _sink = await SmtpSinkFixture.StartAsync();
        static DateTimeOffset Day(int month, int day) => new(2022, month, day, 10, 0, 0, TimeSpan.Zero);
        _repo.Commit("Initial import", date: Day(1, 4));
        _repo.AnnotatedTag("RELEASE-1.0.0", "Mail 1.0.0", date: Day(1, 11));
        _repo.Branch("stable-1.0");
        _repo.Commit("xen: fix boot", date: Day(3, 10), files: new Dictionary<string, string> { ["fix.c"] = "fix\n" });
        _repo.AnnotatedTag("RELEASE-1.0.1", "Mail 1.0.1", date: Day(3, 15));
        _repo.Checkout("master");
    }

    public Task DisposeAsync()
    {
        _sink.Dispose();
        _repo.Dispose();
        _files.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task AnnounceMail_RunTwice_EachListGetsThePostOnceWithAbsoluteLinks()
    {
        var config = _files.WriteFile("config/herald.toml", string.Create(CultureInfo.InvariantCulture, $"""
            [project]
            name = "Mail Fixture"
            slug = "mail"
            url = "https://herald.example.org"

            [releases]
            tag = "RELEASE-{"{version}"}"
            branch = "stable-{"{series}"}"

            [mail]
            smtp = "{_sink.Server}"
            from = "Mail Fixture <announce@example.org>"
            lists = ["devel@lists.example.org", "announce@lists.example.org"]

            """));
        var data = _files.Combine("data");

        var first = await RunAsync(config, data, "announce", "1.0.1", "--mail");
        var second = await RunAsync(config, data, "announce", "1.0.1", "--publish", "--mail");

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("herald: mailed to devel@lists.example.org", first.ErrorLines);
        Assert.Contains("herald: mailed to announce@lists.example.org", first.ErrorLines);
        Assert.Contains("herald: devel@lists.example.org had it already, not sent again", second.ErrorLines);
        var received = _sink.Received();
        Assert.Equal([["devel@lists.example.org"], ["announce@lists.example.org"]], received.Select(r => r.Recipients));
        var message = received[0].Message;
        Assert.Equal("Mail Fixture 1.0.1 is available", message.Subject);
        Assert.Contains("https://herald.example.org/releases/1.0.1", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("href=\"https://herald.example.org/releases/1.0.1\"", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("On the web: https://herald.example.org/news/mail-fixture-1-0-1-is-available", message.TextBody, StringComparison.Ordinal);
    }

    private Task<ClockedRun> RunAsync(string config, string data, params string[] args) =>
        ClockedCli.RunAsync([.. args, "--repo", _repo.Path, "--config", config, "--data", data], _files.CreateSubdirectory("cwd"), _files.CreateSubdirectory("xdg"), Now);
}
