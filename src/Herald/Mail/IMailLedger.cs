namespace Herald.Mail;

/// <summary>
/// Remembers which post went to which recipient, so that a post reaches each mailing list at most once,
/// across runs and crashes. Implementations are safe to call from one run at a time.
/// </summary>
public interface IMailLedger
{
    /// <summary>Whether the post <paramref name="messageKey"/> was sent to <paramref name="recipient"/> (an address, compared ignoring case).</summary>
    Task<bool> WasSentAsync(string messageKey, string recipient, CancellationToken cancellationToken);

    /// <summary>
    /// Records that the post <paramref name="messageKey"/> was accepted by the server for <paramref name="recipient"/>
    /// at <paramref name="at"/> with the Message-Id <paramref name="messageId"/> (without angle brackets); durable
    /// when the task completes.
    /// </summary>
    Task RecordSentAsync(string messageKey, string recipient, DateTimeOffset at, string messageId, CancellationToken cancellationToken);
}
