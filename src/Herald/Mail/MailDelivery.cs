namespace Herald.Mail;

/// <summary>The outcome of sending a post to one recipient.</summary>
/// <param name="Recipient">The recipient's address, e.g. <c>xen-devel@lists.xenproject.org</c>.</param>
/// <param name="Outcome">Sent, already sent before, or failed.</param>
/// <param name="Attempts">How many times sending was tried in this run (0 when already sent).</param>
/// <param name="Message">Why it failed (the server's answer, or the connection error), or null.</param>
/// <param name="MessageId">The Message-Id of this recipient's copy, without angle brackets.</param>
public sealed record MailDelivery(string Recipient, MailDeliveryOutcome Outcome, int Attempts, string? Message, string MessageId);
