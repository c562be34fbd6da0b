using Herald.News;
using Herald.Web.Editing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;

namespace Herald.Web.Pages.Editor;

/// <summary>Every post, drafts too, newest first, with its state and what can be done with it.</summary>
[Authorize(Policy = EditingAuth.NewsEditor)]
public sealed class EditorIndexModel(PortalState state, TimeProvider clock, IOutputCacheStore cache) : EditorPage(state, clock, cache)
{
    /// <summary>The posts.</summary>
    public IReadOnlyList<Post> Posts { get; private set; } = [];

    /// <summary>What the last action did, or null.</summary>
    public string? Notice { get; private set; }

    /// <summary>Lists the posts; <paramref name="done"/> names what was just done.</summary>
    public async Task<IActionResult> OnGetAsync(string? done)
    {
        NameProject();
        ViewData["Title"] = "Posts";
        if (News is not { } news)
        {
            return NotReady();
        }

        Posts = await news.ListAsync(HttpContext.RequestAborted);
        Notice = done == "deleted" ? "The post was deleted." : null;
        return Page();
    }
}
