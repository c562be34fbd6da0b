using Herald.Mail;
using Herald.News;

namespace Herald.Web.Editing;

/// <summary>
/// Sends a published post to the project's mailing lists: the editor's "Send to mailing lists" button. The
/// same mail as <c>herald announce --mail</c> (<see cref="PostMail"/>), through the same ledger, so a list
/// that has the post (from the CLI or an earlier click) does not get it again.
/// </summary>
public sealed partial class PostMailer(PortalState state, TimeProvider clock, ILogger<PostMailer> logger)
{
    /// <summary>Mails <paramref name="post"/> (published) to the lists; the outcome says what happened, for the editor to read.</summary>
    public async Task<PostMailOutcome> MailPostAsync(Post post)
    {
        ArgumentNullException.ThrowIfNull(post);
        var view = state.View;
        if (view.Mail is not { } settings || view.Database is not { } database)
        {
            return new PostMailOutcome(false, $"Mail is not configured: '{post.Title}' was not sent to any list. Add [mail] (smtp, from, lists) to herald.toml.");
        }

        if (!post.Published)
        {
            return new PostMailOutcome(false, $"'{post.Title}' is not published; publish it before mailing it.");
        }

        try
        {
            var deliveries = await new Mailer(settings, clock, logger).SendAsync(PostMail.For(post, view.PortalUrl), new DatabaseMailLedger(database));
            foreach (var delivery in deliveries)
            {
                LogDelivery(logger, post.Slug, delivery.Recipient, delivery.Outcome, delivery.Message);
            }

            var sent = deliveries.Where(d => d.Outcome == MailDeliveryOutcome.Sent).Select(d => d.Recipient).ToArray();
            var already = deliveries.Where(d => d.Outcome == MailDeliveryOutcome.AlreadySent).Select(d => d.Recipient).ToArray();
            var failed = deliveries.Where(d => d.Outcome == MailDeliveryOutcome.Failed).ToArray();
            var parts = new List<string>();
            if (sent.Length > 0)
            {
                parts.Add("Sent to " + string.Join(", ", sent) + ".");
            }

            if (already.Length > 0)
            {
                parts.Add("Already sent before to " + string.Join(", ", already) + ".");
            }

            parts.AddRange(failed.Select(f => $"Not sent to {f.Recipient}: {f.Message}"));
            return new PostMailOutcome(failed.Length == 0, string.Join(" ", parts));
        }
        catch (HeraldException e)
        {
            return new PostMailOutcome(false, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Post {Slug} to {Recipient}: {Outcome} {Message}")]
    private static partial void LogDelivery(ILogger logger, string slug, string recipient, MailDeliveryOutcome outcome, string? message);
}
