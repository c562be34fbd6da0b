namespace Herald.Mail;

/// <summary>A post to send to mailing lists: the same subject and body to every list.</summary>
/// <param name="Subject">The subject line.</param>
/// <param name="Text">The plain-text body, the part text-only readers and list archives show.</param>
/// <param name="Html">The HTML body, sent as the alternative to <paramref name="Text"/>.</param>
/// <param name="MessageKey">
/// What identifies this post for good, e.g. its slug and revision (<c>xen-4.19.1/2</c>): the Message-Id of
/// each copy is made from it and the list, and the ledger remembers per key and list what was sent.
/// A new revision meant to be sent again needs a new key.
/// </param>
public sealed record OutgoingMail(string Subject, string Text, string Html, string MessageKey);
