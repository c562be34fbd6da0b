using Herald.News;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace Herald.Web.Pages.Editor;

/// <summary>What the editing pages share: the posts, the signed-in account and showing a change at once.</summary>
public abstract class EditorPage(PortalState state, TimeProvider clock, IOutputCacheStore cache) : PageModel
{
    /// <summary>The signed-in account's name.</summary>
    public string AccountName => User.Identity?.Name ?? string.Empty;

    /// <summary>The posts in the index database, or null before the first refresh opened it.</summary>
    protected NewsStore? News => state.View.Database is { } database ? new NewsStore(database, clock) : null;

    /// <summary>Names the project in the page title.</summary>
    protected void NameProject()
    {
        if (state.View.Snapshot is { } snapshot)
        {
            ViewData["Project"] = snapshot.ProjectName;
        }
    }

    /// <summary>The answer while the index database is not open yet.</summary>
    protected static IActionResult NotReady() =>
        new ContentResult { StatusCode = StatusCodes.Status503ServiceUnavailable, Content = "The index is being built; try again in a minute.", ContentType = "text/plain; charset=utf-8" };

    /// <summary>After a write of posts: the public pages show it at once.</summary>
    protected Task ShowPublicAsync() => state.ReloadNewsAsync(cache, clock, force: true, HttpContext.RequestAborted);
}
