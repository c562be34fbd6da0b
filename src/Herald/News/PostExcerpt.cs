using System.Net;
using Herald.Announcements;
using Markdig.Syntax;

namespace Herald.News;

/// <summary>The beginning of a post, shown in lists: its first paragraph, or a short excerpt of it when it is long.</summary>
public static class PostExcerpt
{
    /// <summary>The longest first paragraph shown whole (in characters of plain text).</summary>
    public const int MaxLength = 400;

    /// <summary>
    /// Sanitised HTML (one <c>p</c> element, or empty when the post has no paragraph): the first paragraph of
    /// <paramref name="markdown"/> rendered, or, when its text is longer than <see cref="MaxLength"/>, that text
    /// cut at a word and ended with "…".
    /// </summary>
    public static string ToHtml(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var document = Markdig.Markdown.Parse(markdown);
        var paragraph = document.OfType<ParagraphBlock>().FirstOrDefault() ?? document.Descendants<ParagraphBlock>().FirstOrDefault();
        if (paragraph is null || paragraph.Span.Start < 0 || paragraph.Span.Start >= markdown.Length)
        {
            return string.Empty;
        }

        var source = markdown.Substring(paragraph.Span.Start, Math.Min(paragraph.Span.Length, markdown.Length - paragraph.Span.Start));
        var text = MarkdownRenderer.ToPlainText(source).Trim();
        if (text.Length <= MaxLength)
        {
            return MarkdownRenderer.ToHtml(source).Trim();
        }

        var cut = text.LastIndexOf(' ', MaxLength);
        var excerpt = text[..(cut > MaxLength / 2 ? cut : MaxLength)].TrimEnd() + "…";
        return "<p>" + WebUtility.HtmlEncode(excerpt.Replace('\n', ' ')) + "</p>";
    }
}
