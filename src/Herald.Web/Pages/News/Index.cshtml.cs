using Microsoft.AspNetCore.Mvc;

namespace Herald.Web.Pages;

/// <summary>The published posts, newest first, ten a page.</summary>
public sealed class NewsModel(PortalState state) : NewsPage(state)
{
    /// <summary>Renders the page.</summary>
    public IActionResult OnGet()
    {
        if (Ready() is { } notReady)
        {
            return notReady;
        }

        ViewData["Title"] = "News";
        return ShowPage(News.Posts, "The news") ?? Page();
    }
}
