using System.Net;
using Herald.Announcements;
using Herald.Mail;

namespace Herald.News;

/// <summary>A post as mail and its address on the portal: one form for the CLI's --mail and the portal's button.</summary>
public static class PostMail
{
    /// <summary>The post's address: absolute on the portal's public address when known, else root-relative.</summary>
    public static string Url(string slug, Uri? portalUrl)
    {
        ArgumentNullException.ThrowIfNull(slug);
        return Configuration.HeraldConfig.Link(portalUrl, "/news/" + Uri.EscapeDataString(slug));
    }

    /// <summary>
    /// <paramref name="post"/> as a mail: the title as subject and heading, the body as plain text with an
    /// HTML alternative (sanitised, as on the portal), and a link to the post; keyed on the post, so that each
    /// list gets it once.
    /// </summary>
    /// <exception cref="HeraldException"><paramref name="portalUrl"/> is null: a mail's links need the portal's public address.</exception>
    public static OutgoingMail For(Post post, Uri? portalUrl)
    {
        ArgumentNullException.ThrowIfNull(post);
        if (portalUrl is null)
        {
            throw new HeraldException("a mailed post links to the portal, and its address is not configured; set url = \"https://…\" under [project] in herald.toml.");
        }

        var link = Url(post.Slug, portalUrl);
        var markdown = Absolute(post.Markdown, portalUrl);
        var text = $"{post.Title}\n{new string('=', post.Title.Length)}\n\n{MarkdownRenderer.ToPlainText(markdown).TrimEnd()}\n\n-- \nOn the web: {link}\n";
        var html = $"<h1>{WebUtility.HtmlEncode(post.Title)}</h1>\n{MarkdownRenderer.ToHtml(markdown)}\n<p>On the web: <a href=\"{WebUtility.HtmlEncode(link)}\">{WebUtility.HtmlEncode(link)}</a></p>\n";
        return new OutgoingMail(post.Title, text, html, post.MailKey);
    }

    // Root-relative Markdown links ("](/releases/4.8.1)") lead nowhere from a mailbox: made absolute on the portal.
    private static string Absolute(string markdown, Uri portalUrl) =>
        markdown.Replace("](/", "](" + Configuration.HeraldConfig.Link(portalUrl, "/"), StringComparison.Ordinal);
}
