using Ganss.Xss;
using Markdig;

namespace Herald.Announcements;

/// <summary>
/// Turns Markdown written by people (announcements, news posts, release notes) into HTML that is safe to
/// put on a page, and into plain text for mail. Raw HTML in the Markdown is allowed through Markdig and
/// then sanitised: ordinary formatting, tables, images and links (http, https, mailto and relative) stay;
/// scripts, event attributes, <c>style</c>, <c>javascript:</c> and <c>data:</c> URLs go. Thread-safe: one
/// pipeline and one sanitiser serve every call.
/// </summary>
public static class MarkdownRenderer
{
    private static readonly MarkdownPipeline s_pipeline = new MarkdownPipelineBuilder()
        .UseAdvancedExtensions()
        .Build();

    private static readonly HtmlSanitizer s_sanitizer = CreateSanitizer();

    /// <summary>The Markdig pipeline both renderings use (CommonMark with the advanced extensions).</summary>
    internal static MarkdownPipeline Pipeline => s_pipeline;

    /// <summary>The sanitised HTML of <paramref name="markdown"/> (a fragment, no document wrapper).</summary>
    public static string ToHtml(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var html = Markdown.ToHtml(markdown, s_pipeline);
        return s_sanitizer.Sanitize(html);
    }

    /// <summary>
    /// The plain text of <paramref name="markdown"/>: headings and paragraphs as lines, lists with their
    /// markers, code indented, links written <c>text (url)</c>, raw HTML dropped.
    /// </summary>
    public static string ToPlainText(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        return PlainTextWriter.Write(Markdown.Parse(markdown, s_pipeline));
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.Add("http");
        sanitizer.AllowedSchemes.Add("https");
        sanitizer.AllowedSchemes.Add("mailto");
        sanitizer.AllowedAttributes.Remove("style");
        sanitizer.AllowedAttributes.Add("id");
        sanitizer.AllowedCssProperties.Clear();
        sanitizer.AllowedAtRules.Clear();
        sanitizer.AllowDataAttributes = false;
        sanitizer.AllowedTags.Remove("form");
        sanitizer.AllowedTags.Remove("input");
        sanitizer.AllowedTags.Remove("button");
        sanitizer.AllowedTags.Remove("select");
        sanitizer.AllowedTags.Remove("textarea");
        sanitizer.AllowedTags.Remove("style");
        return sanitizer;
    }
}
