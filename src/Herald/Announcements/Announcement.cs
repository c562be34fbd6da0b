namespace Herald.Announcements;

/// <summary>A drafted announcement; the shape of <c>herald announce --json</c>.</summary>
/// <param name="Title">The post's title, e.g. <c>Xen Project 4.6.6 and 4.7.3 are available</c>.</param>
/// <param name="Slug">The title as a URL segment: lower-case ASCII letters, digits and '-'; the same for the same versions.</param>
/// <param name="Categories">The news categories (<c>Releases</c>).</param>
/// <param name="Versions">The versions announced, oldest first.</param>
/// <param name="Markdown">The body (the title is not in it), Markdown.</param>
/// <param name="Html">The body, sanitised HTML (<see cref="MarkdownRenderer.ToHtml"/>).</param>
/// <param name="Url">Where the post is published, or null while it is a draft.</param>
public sealed record Announcement(string Title, string Slug, IReadOnlyList<string> Categories, IReadOnlyList<string> Versions, string Markdown, string Html, Uri? Url)
{
    /// <summary>The body as plain text (<see cref="MarkdownRenderer.ToPlainText"/>), for mail.</summary>
    public string PlainText() => MarkdownRenderer.ToPlainText(Markdown);
}
