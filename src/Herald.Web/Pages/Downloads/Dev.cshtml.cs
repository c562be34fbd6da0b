using Herald.Publishing;
using Microsoft.AspNetCore.Mvc;

namespace Herald.Web.Pages.Downloads;

/// <summary>The development builds, per branch, newest first, with their checksums; never releases.</summary>
public sealed class DevModel(PortalState state) : PortalPage(state)
{
    /// <summary>The builds grouped by branch (ordinal order), each group newest first.</summary>
    public IReadOnlyList<IGrouping<string, DevBuild>> Branches { get; private set; } = [];

    /// <summary>A download's link: absolute under <c>[downloads] base_url</c> when it is set.</summary>
    public string DownloadUrl(string path) => View.PublicUrl("/downloads/" + path);

    /// <summary>The feed's link.</summary>
    public string FeedUrl => View.PublicUrl(Herald.Web.Api.DevFeedApi.Feed);

    /// <summary>Renders the page.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Ready() is { } notReady)
        {
            return notReady;
        }

        var builds = View.Store is { } store ? await DevPublisher.ReadAsync(store, View.Slug, cancellationToken) : [];
        Branches = builds
            .OrderByDescending(b => b.PublishedAt)
            .ThenByDescending(b => b.Name, StringComparer.Ordinal)
            .GroupBy(b => b.Branch, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToList();
        ViewData["Title"] = "Development builds";
        return Page();
    }
}
