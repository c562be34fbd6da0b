using Herald.News;
using Microsoft.AspNetCore.Mvc;

namespace Herald.Web.Pages;

/// <summary>What the news pages share: the posts being served and the page of a list asked for.</summary>
public abstract class NewsPage(PortalState state) : PortalPage(state)
{
    /// <summary>The posts being served, read once for this request.</summary>
    public NewsSnapshot News => View.News;

    /// <summary>The page of the list shown (on list pages).</summary>
    public PostPage Posts { get; private set; } = new(1, [], false);

    /// <summary>
    /// Shows page <c>?page=</c> of <paramref name="posts"/>: null when it exists, else the 404 to return (also
    /// for a malformed number). "page" is also Razor Pages' own route value: it is read from the query.
    /// </summary>
    protected IActionResult? ShowPage(IReadOnlyList<Post> posts, string what)
    {
        if (!PostPage.TryParseNumber(Request.Query["page"], out var number) || PostPage.Of(posts, number) is not { } page)
        {
            return NotFoundPage($"{what} has no page {Request.Query["page"]}.");
        }

        Posts = page;
        return null;
    }
}
