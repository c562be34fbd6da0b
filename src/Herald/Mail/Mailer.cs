using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;

namespace Herald.Mail;

/// <summary>
/// Sends posts to mailing lists through the SMTP server of <see cref="MailSettings"/>: one message per list
/// (each list its own To:), so that a post reaches each list at most once and a failure on one list leaves
/// the others sent. Transient failures are retried with exponential back-off on the injected clock; what
/// was sent is recorded in an <see cref="IMailLedger"/> at once. Immutable; safe to share.
/// </summary>
public sealed partial class Mailer
{
    /// <summary>The longest wait between two attempts, however many retries and whatever the first wait.</summary>
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(10);

    private readonly MailSettings _settings;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly Func<ISmtpClient> _clientFactory;

    /// <summary>
    /// A mailer for <paramref name="settings"/>; "now" (the Date header, the ledger's time) and the waits
    /// between retries come from <paramref name="timeProvider"/>. <paramref name="clientFactory"/> makes the
    /// SMTP client of each connection (MailKit's <see cref="SmtpClient"/> when null).
    /// </summary>
    public Mailer(MailSettings settings, TimeProvider timeProvider, ILogger? logger = null, Func<ISmtpClient>? clientFactory = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _settings = settings;
        _timeProvider = timeProvider;
        _logger = logger ?? NullLogger.Instance;
        _clientFactory = clientFactory ?? (() => new SmtpClient());
    }

    /// <summary>
    /// Sends <paramref name="mail"/> to each of <paramref name="recipients"/> (the settings' lists when null;
    /// an address given twice counts once), in order, skipping those <paramref name="ledger"/> says were
    /// sent. Returns one <see cref="MailDelivery"/> per recipient, in the same order. A recipient the server
    /// refuses, or cannot be reached for after the retries, is <see cref="MailDeliveryOutcome.Failed"/>; a
    /// password that cannot be read, an address that is none, or a server refusing the credentials is a
    /// <see cref="HeraldException"/>.
    /// </summary>
    public async Task<IReadOnlyList<MailDelivery>> SendAsync(
        OutgoingMail mail, IMailLedger ledger, IReadOnlyList<string>? recipients = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mail);
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentException.ThrowIfNullOrWhiteSpace(mail.MessageKey, nameof(mail));
        var from = MailSettings.ParseAddress(_settings.From)
            ?? throw new HeraldException($"[mail] from \"{_settings.From}\" is not an email address.");
        var targets = Recipients(recipients ?? _settings.Lists);

        // Read before anything is sent: a missing password fails the run, not each list.
        var password = _settings.ReadPassword();
        var deliveries = new List<MailDelivery>(targets.Count);
        await using var connection = new Connection(this, password);
        foreach (var to in targets)
        {
            var messageId = MessageIdFor(mail.MessageKey, to.Address, from.Domain);
            if (await ledger.WasSentAsync(mail.MessageKey, to.Address, cancellationToken).ConfigureAwait(false))
            {
                LogAlreadySent(_logger, mail.MessageKey, to.Address);
                deliveries.Add(new MailDelivery(to.Address, MailDeliveryOutcome.AlreadySent, 0, null, messageId));
                continue;
            }

            deliveries.Add(await DeliverAsync(connection, mail, from, to, messageId, ledger, cancellationToken).ConfigureAwait(false));
        }

        return deliveries;
    }

    /// <summary>
    /// The Message-Id (without angle brackets) of the copy of post <paramref name="messageKey"/> for
    /// <paramref name="recipient"/>: the same in every run, so that a copy sent twice (an answer lost after
    /// the server took it) is recognised as one by list archives and readers.
    /// </summary>
    internal static string MessageIdFor(string messageKey, string recipient, string domain)
    {
        var readable = new StringBuilder(messageKey.Length);
        foreach (var c in messageKey)
        {
            if (readable.Length >= 64)
            {
                break;
            }

            var keep = char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '+' or '=';
            readable.Append(keep ? c : '.');
        }

        var left = string.Join('.', readable.ToString().Split('.', StringSplitOptions.RemoveEmptyEntries));
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{messageKey}\n{recipient.ToUpperInvariant()}"));
        var suffix = Convert.ToHexStringLower(hash, 0, 8);
        return $"{(left.Length == 0 ? "post" : left)}.{suffix}@{(domain.Length == 0 ? "herald.invalid" : domain)}";
    }

    private static List<MailboxAddress> Recipients(IReadOnlyList<string> recipients)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var result = new List<MailboxAddress>(recipients.Count);
        foreach (var text in recipients)
        {
            ArgumentNullException.ThrowIfNull(text, nameof(recipients));
            var mailbox = MailSettings.ParseAddress(text)
                ?? throw new HeraldException($"\"{text}\" is not an email address, e.g. \"xen-devel@lists.xenproject.org\".");
            if (seen.Add(mailbox.Address))
            {
                result.Add(mailbox);
            }
        }

        return result;
    }

    private async Task<MailDelivery> DeliverAsync(
        Connection connection, OutgoingMail mail, MailboxAddress from, MailboxAddress to, string messageId, IMailLedger ledger, CancellationToken cancellationToken)
    {
        using var message = Build(mail, from, to, messageId);
        for (var attempt = 1; ; attempt++)
        {
            var failure = await connection.TrySendAsync(message, cancellationToken).ConfigureAwait(false);
            if (failure is null)
            {
                // Recorded even when the run is being cancelled: the server has the message, and a later run
                // must not send it again.
                await ledger.RecordSentAsync(mail.MessageKey, to.Address, _timeProvider.GetUtcNow(), messageId, CancellationToken.None).ConfigureAwait(false);
                LogSent(_logger, mail.MessageKey, to.Address, messageId, attempt);
                return new MailDelivery(to.Address, MailDeliveryOutcome.Sent, attempt, null, messageId);
            }

            if (!failure.Value.Transient || attempt > _settings.Retries)
            {
                var text = failure.Value.Transient && attempt > 1 ? $"{failure.Value.Message} (after {attempt} attempts)" : failure.Value.Message;
                LogFailed(_logger, mail.MessageKey, to.Address, attempt, text);
                return new MailDelivery(to.Address, MailDeliveryOutcome.Failed, attempt, text, messageId);
            }

            var delay = TimeSpan.FromTicks(Math.Min(_settings.RetryDelay.Ticks * (1L << Math.Min(attempt - 1, 20)), MaxRetryDelay.Ticks));
            LogRetrying(_logger, mail.MessageKey, to.Address, attempt, failure.Value.Message, delay);
            await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    private MimeMessage Build(OutgoingMail mail, MailboxAddress from, MailboxAddress to, string messageId)
    {
        var message = new MimeMessage
        {
            Subject = mail.Subject,
            Date = _timeProvider.GetUtcNow(),
            MessageId = messageId,
            Body = new BodyBuilder { TextBody = mail.Text, HtmlBody = mail.Html }.ToMessageBody(),
        };
        message.From.Add(from);
        message.To.Add(to);
        return message;
    }

    private string Where => $"{_settings.Server.Host}:{_settings.Port}";

    /// <summary>Why sending failed, and whether trying again later may succeed.</summary>
    private readonly record struct Failure(string Message, bool Transient);

    /// <summary>One connection to the server, opened when first needed, reused for the next recipient, dropped after a failure.</summary>
    private sealed class Connection(Mailer mailer, string? password) : IAsyncDisposable
    {
        private ISmtpClient? _client;

        /// <summary>Sends <paramref name="message"/>; null when the server accepted it, else why not.</summary>
        public async Task<Failure?> TrySendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            var connecting = _client is null;
            try
            {
                if (_client is null)
                {
                    _client = mailer._clientFactory();
                    await _client.ConnectAsync(mailer._settings.Server.Host, mailer._settings.Port, SocketOptions(mailer._settings), cancellationToken).ConfigureAwait(false);
                    if (mailer._settings.Username is { } username)
                    {
                        await _client.AuthenticateAsync(username, password!, cancellationToken).ConfigureAwait(false);
                    }

                    connecting = false;
                }

                await _client.SendAsync(message, cancellationToken).ConfigureAwait(false);
                return null;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // The session may be anywhere in a transaction after a failure: the next try starts afresh.
                await DropAsync(quit: false).ConfigureAwait(false);
                return Classify(e, connecting);
            }
        }

        public ValueTask DisposeAsync() => new(DropAsync(quit: true));

        private Failure Classify(Exception e, bool connecting)
        {
            var where = mailer.Where;
            return e switch
            {
                AuthenticationException => throw new HeraldException(
                    $"the SMTP server {where} refused the user name '{mailer._settings.Username}' or its password ([mail] username, password_env or password_file): {e.Message}", e),
                SmtpCommandException command => new($"{where} answered {(int)command.StatusCode} {command.Message}", (int)command.StatusCode is >= 400 and < 500),
                SocketException or IOException or ServiceNotConnectedException or SmtpProtocolException or TimeoutException or OperationCanceledException =>
                    new(connecting ? $"cannot connect to {where}: {e.Message}" : $"the connection to {where} failed: {e.Message}", Transient: true),
                _ => new($"{where}: {e.Message}", Transient: false),
            };
        }

        private static SecureSocketOptions SocketOptions(MailSettings settings) =>
            settings.UsesTlsOnConnect ? SecureSocketOptions.SslOnConnect
            : settings.StartTls switch
            {
                MailStartTls.Required => SecureSocketOptions.StartTls,
                MailStartTls.Never => SecureSocketOptions.None,
                _ => SecureSocketOptions.StartTlsWhenAvailable,
            };

        private async Task DropAsync(bool quit)
        {
            var client = _client;
            _client = null;
            if (client is null)
            {
                return;
            }

            try
            {
                if (client.IsConnected)
                {
                    await client.DisconnectAsync(quit, CancellationToken.None).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is IOException or SocketException or MailKit.ProtocolException or CommandException or ServiceNotConnectedException)
            {
                // Leaving is best effort: what was sent is already recorded.
            }
            finally
            {
                client.Dispose();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Mail {MessageKey} sent to {Recipient} as <{MessageId}> (attempt {Attempt})")]
    private static partial void LogSent(ILogger logger, string messageKey, string recipient, string messageId, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Mail {MessageKey} was sent to {Recipient} before; not sent again")]
    private static partial void LogAlreadySent(ILogger logger, string messageKey, string recipient);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail {MessageKey} to {Recipient} failed (attempt {Attempt}): {Error}; retrying in {Delay}")]
    private static partial void LogRetrying(ILogger logger, string messageKey, string recipient, int attempt, string error, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "Mail {MessageKey} to {Recipient} failed (attempt {Attempt}): {Error}")]
    private static partial void LogFailed(ILogger logger, string messageKey, string recipient, int attempt, string error);
}
