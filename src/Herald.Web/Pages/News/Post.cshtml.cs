using Herald.Announcements;
using Herald.News;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;

namespace Herald.Web.Pages;

/// <summary>One published post: its body rendered from Markdown and sanitised, and the releases it announces.</summary>
public sealed class PostModel(PortalState state) : NewsPage(state)
{
    /// <summary>The post.</summary>
    public Post? Post { get; private set; }

    /// <summary>Its body, sanitised HTML.</summary>
    public HtmlString Body { get; private set; } = HtmlString.Empty;

    /// <summary>The versions it announces that the index holds.</summary>
    public IReadOnlyList<string> Releases { get; private set; } = [];

    /// <summary>Renders the page.</summary>
    public IActionResult OnGet(string slug)
    {
        if (Ready() is { } notReady)
        {
            return notReady;
        }

        Post = News.Find(slug);
        if (Post is null)
        {
            return NotFoundPage($"There is no post {slug}.");
        }

        ViewData["Title"] = Post.Title;
        Body = new HtmlString(MarkdownRenderer.ToHtml(Post.Markdown));
        Releases = [.. Post.Versions.Where(v => Snapshot.Release(v) is not null)];
        return Page();
    }
}
