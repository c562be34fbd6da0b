using Herald.Advisories;
using Herald.Configuration;
using Microsoft.AspNetCore.Mvc;

namespace Herald.Web.Pages.Advisories;

/// <summary>Every advisory the repository's commits name, newest first, with its CVEs.</summary>
public sealed class AdvisoriesModel(PortalState state) : PortalPage(state)
{
    /// <summary>The advisories, newest first.</summary>
    public IReadOnlyList<AdvisorySummary> Advisories { get; private set; } = [];

    /// <summary>Where ids link to (<c>[security]</c>).</summary>
    public SecuritySettings Security { get; private set; } = new();

    /// <summary>Renders the page.</summary>
    public IActionResult OnGet()
    {
        if (Ready() is { } notReady)
        {
            return notReady;
        }

        ViewData["Title"] = "Advisories";
        Security = View.Security ?? new SecuritySettings();
        Advisories = Snapshot.Advisories.All;
        return Page();
    }
}
