using Herald.Policy;
using Herald.Storage;
using Microsoft.AspNetCore.Mvc;

namespace Herald.Web.Pages;

/// <summary>The start page: series status and latest releases.</summary>
public sealed class IndexModel(PortalState state, TimeProvider clock) : PortalPage(state)
{
    /// <summary>Today (UTC).</summary>
    public DateOnly Today { get; private set; }

    /// <summary>Every series' status today.</summary>
    public IReadOnlyList<SeriesStatus> Status { get; private set; } = [];

    /// <summary>The series the mainline works towards, with its newest candidate, or null.</summary>
    public DevelopmentSeries? Development { get; private set; }

    /// <summary>The ten newest releases by date.</summary>
    public IReadOnlyList<ReleaseRow> Latest { get; private set; } = [];

    /// <summary>The five newest published posts (none when there are no posts).</summary>
    public IReadOnlyList<Herald.News.Post> LatestPosts { get; private set; } = [];

    /// <summary>Renders the page.</summary>
    public IActionResult OnGet()
    {
        if (Ready() is { } notReady)
        {
            return notReady;
        }

        Today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        Status = Snapshot.Status(Today, View.CadenceMonths);
        Development = DevelopmentSeries.Of(Snapshot);
        Latest = Snapshot.Releases.Where(r => r.Candidate is null).OrderByDescending(r => r.Date).ThenByDescending(r => r.Major).ThenByDescending(r => r.Minor).Take(10).ToList();
        LatestPosts = [.. View.News.Posts.Take(5)];
        return Page();
    }
}
