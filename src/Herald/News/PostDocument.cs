using System.Text.Json.Serialization;
using Herald.Announcements;

namespace Herald.News;

/// <summary>
/// A post as <c>herald post list --json</c> prints it and <c>/api/news</c> serves it: the same record,
/// serialised once. <see cref="Markdown"/> and <see cref="Html"/> are present only with the body
/// (<c>/api/news/{slug}</c>) and left out of lists.
/// </summary>
/// <param name="Slug">Its address under <c>/news/</c>.</param>
/// <param name="Title">The title.</param>
/// <param name="Author">Who wrote it.</param>
/// <param name="Published">Whether visitors see it (always true in the portal's answers).</param>
/// <param name="Date">When it was first published (or created, while a draft), UTC.</param>
/// <param name="UpdatedAt">The last change, UTC.</param>
/// <param name="Categories">Its categories, by name.</param>
/// <param name="Versions">The versions it announces (empty for other posts).</param>
/// <param name="Url">Its page: absolute under the portal's public address when one is configured, else a path.</param>
public sealed record PostDocument(
    string Slug,
    string Title,
    string Author,
    bool Published,
    DateTimeOffset Date,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<CategoryReference> Categories,
    IReadOnlyList<string> Versions,
    string Url)
{
    /// <summary>The body as written (Markdown), or null in a list.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Markdown { get; init; }

    /// <summary>The body as sanitised HTML, or null in a list.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Html { get; init; }

    /// <summary>The record of <paramref name="post"/> at <paramref name="url"/>; <paramref name="withBody"/> adds its Markdown and HTML.</summary>
    public static PostDocument From(Post post, string url, bool withBody)
    {
        ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(url);
        return new PostDocument(
            post.Slug,
            post.Title,
            post.Author,
            post.Published,
            post.Date,
            post.UpdatedAt,
            [.. post.Categories.Select(c => new CategoryReference(c.Slug, c.Name))],
            post.Versions,
            url)
        {
            Markdown = withBody ? post.Markdown : null,
            Html = withBody ? MarkdownRenderer.ToHtml(post.Markdown) : null,
        };
    }
}
