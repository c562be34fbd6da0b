using Herald.Mail;

namespace Herald.Tests.Support;

/// <summary>A mail ledger in memory, with what it recorded for tests to assert on.</summary>
public sealed class InMemoryMailLedger : IMailLedger
{
    private readonly List<Entry> _entries = [];

    /// <summary>Every record so far, oldest first.</summary>
    public IReadOnlyList<Entry> Entries
    {
        get
        {
            lock (_entries)
            {
                return [.. _entries];
            }
        }
    }

    /// <inheritdoc />
    public Task<bool> WasSentAsync(string messageKey, string recipient, CancellationToken cancellationToken)
    {
        lock (_entries)
        {
            return Task.FromResult(_entries.Exists(e => e.MessageKey == messageKey && string.Equals(e.Recipient, recipient, StringComparison.OrdinalIgnoreCase)));
        }
    }

    /// <inheritdoc />
    public Task RecordSentAsync(string messageKey, string recipient, DateTimeOffset at, string messageId, CancellationToken cancellationToken)
    {
        lock (_entries)
        {
            _entries.Add(new Entry(messageKey, recipient, at, messageId));
        }

        return Task.CompletedTask;
    }

    /// <summary>One post sent to one recipient.</summary>
    public sealed record Entry(string MessageKey, string Recipient, DateTimeOffset At, string MessageId);
}
