using Herald.Mail;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.News;

/// <summary>The mails sent, in the index database (<c>mail_deliveries</c>): what every run and every portal instance sees.</summary>
public sealed class DatabaseMailLedger : IMailLedger
{
    private readonly IndexDatabase _database;

    /// <summary>A ledger in <paramref name="database"/> (migrated by the caller).</summary>
    public DatabaseMailLedger(IndexDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    /// <inheritdoc />
    public async Task<bool> WasSentAsync(string messageKey, string recipient, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        var address = Normalize(recipient);
        await using var context = _database.CreateContext();
        return await context.MailDeliveries.AsNoTracking().AnyAsync(d => d.MessageKey == messageKey && d.Recipient == address, cancellationToken);
    }

    /// <inheritdoc />
    public async Task RecordSentAsync(string messageKey, string recipient, DateTimeOffset at, string messageId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        var address = Normalize(recipient);
        await using var context = _database.CreateContext();
        if (await context.MailDeliveries.AnyAsync(d => d.MessageKey == messageKey && d.Recipient == address, cancellationToken))
        {
            return;
        }

        context.MailDeliveries.Add(new MailDeliveryRow { MessageKey = messageKey, Recipient = address, SentAt = at.ToUnixTimeSeconds(), MessageId = messageId });
        await context.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The recipients <paramref name="messageKey"/> went to, with when.</summary>
    public async Task<IReadOnlyList<(string Recipient, DateTimeOffset SentAt)>> SentAsync(string messageKey, CancellationToken cancellationToken = default)
    {
        await using var context = _database.CreateContext();
        var rows = await context.MailDeliveries.AsNoTracking().Where(d => d.MessageKey == messageKey).OrderBy(d => d.Recipient).ToListAsync(cancellationToken);
        return rows.Select(r => (r.Recipient, DateTimeOffset.FromUnixTimeSeconds(r.SentAt))).ToArray();
    }

    private static string Normalize(string address) => address.Trim().ToLowerInvariant();
}
