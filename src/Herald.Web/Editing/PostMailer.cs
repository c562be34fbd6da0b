using Herald.News;

namespace Herald.Web.Editing;

/// <summary>
/// Sends a published post to the project's mailing lists: the editor's "Send to mailing lists" button.
/// The seam for the mailer: until it is wired here, every call answers that mail is not configured.
/// </summary>
public sealed class PostMailer
{
    /// <summary>Mails <paramref name="post"/> (published) to the lists; the outcome says what happened, for the editor to read.</summary>
    public Task<PostMailOutcome> MailPostAsync(Post post)
    {
        ArgumentNullException.ThrowIfNull(post);
        return Task.FromResult(new PostMailOutcome(false, $"Mail is not configured: '{post.Title}' was not sent to any list."));
    }
}
