using Herald.Backports;
using Herald.Policy;
using Herald.Storage;
using Microsoft.AspNetCore.Mvc;

namespace Herald.Web.Pages;

/// <summary>One series: policy dates and their source, releases, unreleased commits, missing backports.</summary>
public sealed class SeriesModel(PortalState state, TimeProvider clock) : PortalPage(state)
{
    /// <summary>Today (UTC).</summary>
    public DateOnly Today { get; private set; }

    /// <summary>The series' status today.</summary>
    public SeriesStatus? Status { get; private set; }

    /// <summary>Every series' status today (for the release-cycle chart).</summary>
    public IReadOnlyList<SeriesStatus> AllSeries { get; private set; } = [];

    /// <summary>Its releases, newest first.</summary>
    public IReadOnlyList<ReleaseRow> Releases { get; private set; } = [];

    /// <summary>What waited on the branch when indexed, or null.</summary>
    public BackportReport? Backports { get; private set; }

    /// <summary>What the request may see of the advisories (ids hidden from it are left out).</summary>
    public Herald.Web.Security.AdvisoryAccess Access { get; private set; } = null!;

    /// <summary>Renders the page.</summary>
    public IActionResult OnGet(string series)
    {
        if (Ready() is { } notReady)
        {
            return notReady;
        }

        var row = Snapshot.SeriesOf(series);
        if (row is null)
        {
            return NotFoundPage($"There is no series {series}.");
        }

        ViewData["Title"] = row.Series;
        Today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        AllSeries = Snapshot.Status(Today, View.CadenceMonths);
        Status = AllSeries.First(s => s.Series == row.Series);
        Releases = Snapshot.ReleasesOf(row.Series).ToList();
        Backports = IndexSnapshot.BackportsOf(row);
        Access = Herald.Web.Security.AdvisoryAccess.For(HttpContext, View);
        return Page();
    }
}
