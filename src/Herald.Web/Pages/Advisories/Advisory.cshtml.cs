using Herald.Advisories;
using Herald.Configuration;
using Microsoft.AspNetCore.Mvc;

namespace Herald.Web.Pages.Advisories;

/// <summary>One advisory: its CVEs and, for every series, the commits that fix it and the first release containing them.</summary>
public sealed class AdvisoryModel(PortalState state) : PortalPage(state)
{
    /// <summary>The advisory.</summary>
    public AdvisoryReport? Report { get; private set; }

    /// <summary>Where ids link to (<c>[security]</c>).</summary>
    public SecuritySettings Security { get; private set; } = new();

    /// <summary>The advisory's own page (<c>[security] advisory_url</c>), or null.</summary>
    public Uri? External { get; private set; }

    /// <summary>Renders the page.</summary>
    public IActionResult OnGet(string id)
    {
        if (Ready() is { } notReady)
        {
            return notReady;
        }

        Report = Snapshot.Advisories.Report(id);
        if (Report is null)
        {
            return NotFoundPage($"No commit names the advisory {id}.");
        }

        ViewData["Title"] = Report.Id;
        Security = View.Security ?? new SecuritySettings();
        External = Security.Link(Report.Id).FirstOrDefault(r => r.Link is not null)?.Link;
        return Page();
    }

    /// <summary>How a series' state reads on the page.</summary>
    public static string Describe(AdvisoryFixState state) => state switch
    {
        AdvisoryFixState.Fixed => "fixed",
        AdvisoryFixState.Unreleased => "unreleased",
        AdvisoryFixState.NotApplicable => "not applicable",
        AdvisoryFixState.NotSupported => "series not supported",
        _ => "no fix",
    };
}
