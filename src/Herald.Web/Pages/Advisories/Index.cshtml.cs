using Herald.Advisories;
using Herald.Configuration;
using Herald.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace Herald.Web.Pages.Advisories;

/// <summary>
/// The advisories: those the security team manages that the viewer may see, then every advisory the repository's
/// commits name (those hidden from the viewer left out), newest first, with its CVEs.
/// </summary>
public sealed class AdvisoriesModel(PortalState state) : PortalPage(state)
{
    /// <summary>The advisories commits name, newest first.</summary>
    public IReadOnlyList<AdvisorySummary> Advisories { get; private set; } = [];

    /// <summary>The managed advisories the viewer may see, newest first.</summary>
    public IReadOnlyList<ManagedAdvisory> Managed { get; private set; } = [];

    /// <summary>What the request may see.</summary>
    public AdvisoryAccess Access { get; private set; } = null!;

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
        Access = AdvisoryAccess.For(HttpContext, View);
        Advisories = Access.Known(Snapshot.Advisories.All);
        Managed = Access.Managed();
        return Page();
    }
}
