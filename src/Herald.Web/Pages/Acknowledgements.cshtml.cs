using Herald.Stats;
using Microsoft.AspNetCore.Mvc;

namespace Herald.Web.Pages;

/// <summary>Every contributor of a release: developers, reviewers, employers.</summary>
public sealed class AcknowledgementsModel(PortalState state) : PortalPage(state)
{
    /// <summary>The release.</summary>
    public string Version { get; private set; } = string.Empty;

    /// <summary>Its statistics.</summary>
    public ContributionStats? Stats { get; private set; }

    /// <summary>People named in review, test and report trailers.</summary>
    public IReadOnlyList<ReviewerStats> Reviewers { get; private set; } = [];

    /// <summary>Renders the page.</summary>
    public IActionResult OnGet(string version)
    {
        if (Ready() is { } notReady)
        {
            return notReady;
        }

        var release = Snapshot.Release(version);
        Stats = release is null ? null : Herald.Storage.IndexSnapshot.StatsOf(release);
        if (release is null || Stats is null)
        {
            return NotFoundPage($"There is no release {version}.");
        }

        Version = release.Version;
        ViewData["Title"] = "Acknowledgements for " + release.Version;
        Reviewers = Stats.ByReviewer;
        return Page();
    }
}
