using Herald.Storage;
using Microsoft.AspNetCore.Mvc;

namespace Herald.Web.Pages;

/// <summary>All releases grouped by series, with each series' candidates.</summary>
public sealed class ReleasesModel(PortalState state) : PortalPage(state)
{
    /// <summary>Series → releases and candidates, newest first.</summary>
    public IReadOnlyList<IGrouping<string, ReleaseRow>> Groups { get; private set; } = [];

    /// <summary>Renders the page.</summary>
    public IActionResult OnGet()
    {
        if (Ready() is { } notReady)
        {
            return notReady;
        }

        Groups = Snapshot.Releases.GroupBy(r => r.Series).ToList();
        return Page();
    }
}
