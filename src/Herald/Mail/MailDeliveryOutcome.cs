namespace Herald.Mail;

/// <summary>What became of a post for one recipient.</summary>
public enum MailDeliveryOutcome
{
    /// <summary>The server accepted it in this run; the ledger records it.</summary>
    Sent,

    /// <summary>The ledger says it was sent before: nothing was sent.</summary>
    AlreadySent,

    /// <summary>The server refused it, or could not be reached after the retries; <see cref="MailDelivery.Message"/> says why.</summary>
    Failed,
}
