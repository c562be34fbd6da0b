using Herald.Mail;
using Herald.Tests.Support;
using MimeKit;
using Xunit;

namespace Herald.Tests.Mail;

/// <summary>Posts sent to a real SMTP server (aiosmtpd): one message per list, retried, recorded, never twice.</summary>
public sealed class MailerTests : IAsyncLifetime
{
    private const string DevelList = "xen-devel@lists.example.org";
    private const string AnnounceList = "xen-announce@lists.example.org";

    private static readonly DateTimeOffset Now = new(2027, 3, 4, 12, 30, 0, TimeSpan.Zero);

    private static readonly OutgoingMail Post = new(
        "Xen 4.19.1 released",
        "Xen 4.19.1 is out.\n\nDownloads: https://downloads.example.org/xen/4.19.1/\n",
        "<p>Xen 4.19.1 is <strong>out</strong>.</p>",
        "xen-4.19.1/1");

    private readonly InstantDelayClock _clock = new(Now);
    private readonly InMemoryMailLedger _ledger = new();
    private SmtpSinkFixture _sink = null!;

    public async Task InitializeAsync() => _sink = await SmtpSinkFixture.StartAsync();

    public Task DisposeAsync()
    {
        _sink.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task SendAsync_TwoLists_EachReceivesOneMultipartAlternativeMessage()
    {
        var deliveries = await Mailer(Settings(DevelList, AnnounceList)).SendAsync(Post, _ledger);

        Assert.Equal([DevelList, AnnounceList], deliveries.Select(d => d.Recipient));
        Assert.All(deliveries, d => Assert.Equal((MailDeliveryOutcome.Sent, 1, null), (d.Outcome, d.Attempts, d.Message)));
        var received = _sink.Received();
        Assert.Equal([[DevelList], [AnnounceList]], received.Select(r => r.Recipients));
        for (var i = 0; i < received.Count; i++)
        {
            var message = received[i].Message;
            Assert.Equal("Xen 4.19.1 released", message.Subject);
            Assert.Equal("\"Xen Project\" <announce@example.org>", message.From.ToString());
            Assert.Equal(deliveries[i].Recipient, Assert.Single(message.To.Mailboxes).Address);
            Assert.Equal(Now, message.Date);
            Assert.Equal(deliveries[i].MessageId, message.MessageId);
            var alternative = Assert.IsType<MultipartAlternative>(message.Body);
            Assert.Equal(["text/plain", "text/html"], alternative.Select(part => part.ContentType.MimeType));
            Assert.Equal(Post.Text, message.TextBody?.ReplaceLineEndings("\n"));
            Assert.Equal(Post.Html, message.HtmlBody?.TrimEnd());
        }

        Assert.NotEqual(deliveries[0].MessageId, deliveries[1].MessageId);
        Assert.Equal(
            deliveries.Select(d => (Post.MessageKey, d.Recipient, Now, d.MessageId)),
            _ledger.Entries.Select(e => (e.MessageKey, e.Recipient, e.At, e.MessageId)));
    }

    [Fact]
    public async Task SendAsync_AgainWithTheSameLedger_SendsNothing()
    {
        var mailer = Mailer(Settings(DevelList, AnnounceList));
        var first = await mailer.SendAsync(Post, _ledger);

        var second = await mailer.SendAsync(Post, _ledger);

        Assert.All(second, d => Assert.Equal((MailDeliveryOutcome.AlreadySent, 0), (d.Outcome, d.Attempts)));
        Assert.Equal(first.Select(d => d.MessageId), second.Select(d => d.MessageId));
        Assert.Equal(2, _sink.Received().Count);
        Assert.Equal(2, _ledger.Entries.Count);
    }

    [Fact]
    public async Task SendAsync_AfterACrashMidRun_SendsOnlyTheListsNotRecorded()
    {
        var mailer = Mailer(Settings(DevelList, AnnounceList));
        await mailer.SendAsync(Post, _ledger, [DevelList]);

        var deliveries = await mailer.SendAsync(Post, _ledger);

        Assert.Equal([MailDeliveryOutcome.AlreadySent, MailDeliveryOutcome.Sent], deliveries.Select(d => d.Outcome));
        Assert.Equal([[DevelList], [AnnounceList]], _sink.Received().Select(r => r.Recipients));
    }

    [Fact]
    public async Task SendAsync_SameListTwiceInAnyCase_IsSentOnce()
    {
        var deliveries = await Mailer(Settings(DevelList)).SendAsync(Post, _ledger, [DevelList, DevelList.ToUpperInvariant()]);

        Assert.Equal(DevelList, Assert.Single(deliveries).Recipient);
        Assert.Single(_sink.Received());
    }

    [Fact]
    public async Task SendAsync_FlakyList_IsRetriedAfterTheBaseDelayAndDeliveredOnce()
    {
        const string flaky = "flaky-list@lists.example.org";

        using var logs = new CapturedLogs();
        var mailer = new Mailer(Settings(flaky, DevelList), _clock, logs.CreateLogger("Herald.Mail"));

        var deliveries = await mailer.SendAsync(Post, _ledger);

        Assert.Equal((MailDeliveryOutcome.Sent, 2), (deliveries[0].Outcome, deliveries[0].Attempts));
        Assert.Equal((MailDeliveryOutcome.Sent, 1), (deliveries[1].Outcome, deliveries[1].Attempts));
        Assert.Equal([[flaky], [DevelList]], _sink.Received().Select(r => r.Recipients));
        Assert.Equal([TimeSpan.FromSeconds(1)], _clock.Delays);
        var warning = Assert.Single(logs.Lines, line => line.StartsWith("Warning", StringComparison.Ordinal));
        Assert.Contains($"Mail xen-4.19.1/1 to {flaky} failed (attempt 1)", warning, StringComparison.Ordinal);
        Assert.Contains("451", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_LongRetryDelay_DoublesUpToTheLongestWait()
    {
        var settings = Settings(DevelList) with { Server = new Uri($"smtp://127.0.0.1:{SmtpSinkFixture.UnusedPort()}"), Retries = 4, RetryDelay = TimeSpan.FromMinutes(4) };

        await Mailer(settings).SendAsync(Post, _ledger);

        Assert.Equal([TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(8), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(10)], _clock.Delays);
    }

    [Fact]
    public async Task SendAsync_RejectedList_FailsWithTheServersAnswerAndTheOtherListIsDelivered()
    {
        const string rejected = "reject-me@lists.example.org";

        var deliveries = await Mailer(Settings(rejected, DevelList)).SendAsync(Post, _ledger);

        Assert.Equal((MailDeliveryOutcome.Failed, 1), (deliveries[0].Outcome, deliveries[0].Attempts));
        Assert.Contains("550", deliveries[0].Message, StringComparison.Ordinal);
        Assert.Contains("5.1.1 mailbox unavailable", deliveries[0].Message, StringComparison.Ordinal);
        Assert.Equal(MailDeliveryOutcome.Sent, deliveries[1].Outcome);
        Assert.Equal([[DevelList]], _sink.Received().Select(r => r.Recipients));
        Assert.Equal([DevelList], _ledger.Entries.Select(e => e.Recipient));
        Assert.Empty(_clock.Delays);
    }

    [Fact]
    public async Task SendAsync_ServerDown_FailsAfterTheRetriesWithDoublingDelaysNamingHostAndPort()
    {
        var port = SmtpSinkFixture.UnusedPort();
        var settings = Settings(DevelList) with { Server = new Uri($"smtp://127.0.0.1:{port}") };

        var delivery = Assert.Single(await Mailer(settings).SendAsync(Post, _ledger));

        Assert.Equal((MailDeliveryOutcome.Failed, 4), (delivery.Outcome, delivery.Attempts));
        Assert.Contains($"cannot connect to 127.0.0.1:{port}", delivery.Message, StringComparison.Ordinal);
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)], _clock.Delays);
        Assert.Empty(_ledger.Entries);
    }

    [Fact]
    public async Task SendAsync_RetriesSetToZero_TriesOnce()
    {
        var settings = Settings(DevelList) with { Server = new Uri($"smtp://127.0.0.1:{SmtpSinkFixture.UnusedPort()}"), Retries = 0 };

        var delivery = Assert.Single(await Mailer(settings).SendAsync(Post, _ledger));

        Assert.Equal((MailDeliveryOutcome.Failed, 1), (delivery.Outcome, delivery.Attempts));
        Assert.Empty(_clock.Delays);
    }

    [Fact]
    public async Task SendAsync_StartTlsRequiredButNotOffered_FailsWithoutRetrying()
    {
        var settings = Settings(DevelList) with { StartTls = MailStartTls.Required };

        var delivery = Assert.Single(await Mailer(settings).SendAsync(Post, _ledger));

        Assert.Equal((MailDeliveryOutcome.Failed, 1), (delivery.Outcome, delivery.Attempts));
        Assert.Contains("STARTTLS", delivery.Message, StringComparison.Ordinal);
        Assert.Empty(_sink.Received());
    }

    [Fact]
    public async Task SendAsync_UsernameAndPasswordEnv_Authenticates()
    {
        using var sink = await SmtpSinkFixture.StartAsync("herald", "s3cret");
        var variable = NewVariable();
        Environment.SetEnvironmentVariable(variable, "s3cret");
        try
        {
            var settings = Settings(DevelList) with { Server = sink.Server, Username = "herald", PasswordEnvironmentVariable = variable };

            var delivery = Assert.Single(await Mailer(settings).SendAsync(Post, _ledger));

            Assert.Equal(MailDeliveryOutcome.Sent, delivery.Outcome);
            Assert.Equal("herald", Assert.Single(sink.Received()).Login);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public async Task SendAsync_WrongPassword_IsAnErrorNamingTheUserAndSendsNothing()
    {
        using var sink = await SmtpSinkFixture.StartAsync("herald", "s3cret");
        var variable = NewVariable();
        Environment.SetEnvironmentVariable(variable, "wrong");
        try
        {
            var settings = Settings(DevelList, AnnounceList) with { Server = sink.Server, Username = "herald", PasswordEnvironmentVariable = variable };

            var error = await Assert.ThrowsAsync<HeraldException>(() => Mailer(settings).SendAsync(Post, _ledger));

            Assert.Contains($"the SMTP server 127.0.0.1:{sink.Port} refused the user name 'herald'", error.Message, StringComparison.Ordinal);
            Assert.Empty(sink.Received());
            Assert.Empty(_ledger.Entries);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public async Task SendAsync_PasswordVariableNotSet_IsAnErrorNamingTheVariableAndSendsNothing()
    {
        var variable = NewVariable();
        var settings = Settings(DevelList) with { Username = "herald", PasswordEnvironmentVariable = variable };

        var error = await Assert.ThrowsAsync<HeraldException>(() => Mailer(settings).SendAsync(Post, _ledger));

        Assert.Contains($"the environment variable {variable} ([mail] password_env) is not set", error.Message, StringComparison.Ordinal);
        Assert.Empty(_sink.Received());
    }

    [Fact]
    public async Task SendAsync_RecipientThatIsNoAddress_IsAnErrorBeforeAnythingIsSent()
    {
        var error = await Assert.ThrowsAsync<HeraldException>(() => Mailer(Settings(DevelList)).SendAsync(Post, _ledger, [DevelList, "xen-devel"]));

        Assert.Contains("\"xen-devel\" is not an email address", error.Message, StringComparison.Ordinal);
        Assert.Empty(_sink.Received());
    }

    private static string NewVariable() => "HERALD_TEST_SMTP_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    private MailSettings Settings(params string[] lists) => new()
    {
        Server = _sink.Server,
        StartTls = MailStartTls.Auto,
        From = "Xen Project <announce@example.org>",
        Lists = lists,
    };

    private Mailer Mailer(MailSettings settings) => new(settings, _clock);
}
