using MimeKit;

namespace Herald.Tests.Mail;

/// <summary>A message the SMTP sink accepted: the message as parsed from its raw bytes, and its envelope.</summary>
/// <param name="Message">The message, parsed by MimeKit from the bytes received.</param>
/// <param name="Recipients">The envelope's RCPT TO addresses.</param>
/// <param name="Login">The user name the client authenticated as, or null.</param>
public sealed record ReceivedMail(MimeMessage Message, IReadOnlyList<string> Recipients, string? Login);
