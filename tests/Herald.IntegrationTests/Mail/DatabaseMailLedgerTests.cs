using Herald.Mail;
using Herald.News;
using Herald.Storage;
using Herald.Tests.Support;
using Xunit;

namespace Herald.Tests.Mail;

/// <summary>The ledger in the index database: a post reaches each list once, across runs of herald.</summary>
public sealed class DatabaseMailLedgerTests : IAsyncLifetime
{
    private const string DevelList = "xen-devel@lists.example.org";
    private static readonly DateTimeOffset Now = new(2027, 3, 4, 12, 30, 0, TimeSpan.Zero);

    private readonly TempDirectory _folder = TempDirectory.Create();
    private SmtpSinkFixture _sink = null!;

    public async Task InitializeAsync() => _sink = await SmtpSinkFixture.StartAsync();

    public Task DisposeAsync()
    {
        _sink.Dispose();
        _folder.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task SendAsync_TwiceWithLedgersOverOneDatabase_SendsOnceAndRecordsIt()
    {
        var mail = new OutgoingMail("Xen 4.19.1 is available", "text", "<p>html</p>", "post:xen-4-19-1-is-available");
        var settings = new MailSettings { Server = _sink.Server, From = "Xen Project <announce@example.org>", Lists = [DevelList, "Other@Lists.Example.org"] };

        var first = await new Mailer(settings, new InstantDelayClock(Now)).SendAsync(mail, new DatabaseMailLedger(await OpenAsync()));
        var second = await new Mailer(settings, new InstantDelayClock(Now)).SendAsync(mail, new DatabaseMailLedger(await OpenAsync()));

        Assert.All(first, d => Assert.Equal(MailDeliveryOutcome.Sent, d.Outcome));
        Assert.All(second, d => Assert.Equal(MailDeliveryOutcome.AlreadySent, d.Outcome));
        Assert.Equal(2, _sink.Received().Count);
        var sent = await new DatabaseMailLedger(await OpenAsync()).SentAsync(mail.MessageKey);
        Assert.Equal([("other@lists.example.org", Now), (DevelList, Now)], sent);
    }

    private async Task<IndexDatabase> OpenAsync()
    {
        var database = IndexDatabase.For(_folder.Combine("data"), null);
        await database.EnsureMigratedAsync();
        return database;
    }
}
