namespace Herald.Announcements;

/// <summary>
/// A drafted announcement; the shape of <c>herald announce --json</c> (keys in this order: title, slug,
/// categories, versions, markdown, html, url). The HTML is rendered on first use: a draft printed as
/// Markdown or text never pays for the sanitiser.
/// </summary>
public sealed class Announcement
{
    private readonly Lazy<string> _html;

    /// <summary>Creates an announcement of <paramref name="markdown"/>.</summary>
    public Announcement(string title, string slug, IReadOnlyList<string> categories, IReadOnlyList<string> versions, string markdown, Uri? url)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        Title = title;
        Slug = slug;
        Categories = categories;
        Versions = versions;
        Markdown = markdown;
        Url = url;
        _html = new(() => MarkdownRenderer.ToHtml(markdown));
    }

    /// <summary>The post's title, e.g. <c>Xen Project 4.6.6 and 4.7.3 are available</c>.</summary>
    public string Title { get; }

    /// <summary>The title as a URL segment: lower-case ASCII letters, digits and '-'; the same for the same versions.</summary>
    public string Slug { get; }

    /// <summary>The news categories (<c>Releases</c>).</summary>
    public IReadOnlyList<string> Categories { get; }

    /// <summary>The versions announced, oldest first.</summary>
    public IReadOnlyList<string> Versions { get; }

    /// <summary>The body (the title is not in it), Markdown.</summary>
    public string Markdown { get; }

    /// <summary>The body, sanitised HTML (<see cref="MarkdownRenderer.ToHtml"/>).</summary>
    public string Html => _html.Value;

    /// <summary>Where the post is published, or null while it is a draft.</summary>
    public Uri? Url { get; }

    /// <summary>This announcement once published at <paramref name="url"/>.</summary>
    public Announcement PublishedAt(Uri url) => new(Title, Slug, Categories, Versions, Markdown, url);

    /// <summary>The body as plain text (<see cref="MarkdownRenderer.ToPlainText"/>), for mail.</summary>
    public string PlainText() => MarkdownRenderer.ToPlainText(Markdown);
}
