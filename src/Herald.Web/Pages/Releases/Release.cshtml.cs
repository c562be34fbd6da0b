using Herald.History;
using Herald.Stats;
using Herald.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Herald.Web.Pages;

/// <summary>One release: facts, downloads, statistics and the list of changes.</summary>
public sealed class ReleaseModel(PortalState state, TimeProvider clock) : PortalPage(state)
{
    /// <summary>How many changes the page lists at most; the range log pages through the rest.</summary>
    public const int ChangesShown = 200;

    /// <summary>The release.</summary>
    public ReleaseRow? Release { get; private set; }

    /// <summary>Its published files (empty until published).</summary>
    public IReadOnlyList<Herald.Publishing.PublishedArtifact> Artifacts { get; private set; } = [];

    /// <summary>Each configured mirror with its last check for this release (null when not checked yet).</summary>
    public IReadOnlyList<(Uri Mirror, Herald.Publishing.MirrorReport? Report)> Mirrors { get; private set; } = [];

    /// <summary>The release's folder on <paramref name="mirror"/>.</summary>
    public Uri MirrorFolder(Uri mirror) => new(mirror, Herald.Publishing.ArtifactLayout.ReleaseFolder(View.Slug, Release!.Version) + "/");

    /// <summary>A download's link: absolute under <c>[downloads] base_url</c> when it is set.</summary>
    public string DownloadUrl(string path) => View.PublicUrl("/downloads/" + path);

    /// <summary>The published posts that announce it, newest first.</summary>
    public IReadOnlyList<Herald.News.Post> Announcements { get; private set; } = [];

    /// <summary>Its release notes (a section of CHANGELOG.md) as sanitised HTML, or null when the index has none.</summary>
    public Microsoft.AspNetCore.Html.HtmlString? Notes { get; private set; }

    /// <summary>Its statistics, or null for a candidate.</summary>
    public ContributionStats? Stats { get; private set; }

    /// <summary>The non-merge commits of the release that the page lists (the newest <see cref="ChangesShown"/>).</summary>
    public IReadOnlyList<CommitRow> Changes { get; private set; } = [];

    /// <summary>The advisories the commits of its range name (what it fixes), newest first.</summary>
    public IReadOnlyList<Herald.Advisories.AdvisorySummary> Advisories { get; private set; } = [];

    /// <summary>How many non-merge commits the release has in all.</summary>
    public int ChangesTotal { get; private set; }

    /// <summary>Whether the changes are grouped by author (<c>?by=author</c>) rather than by subsystem.</summary>
    public bool ByAuthor { get; private set; }

    /// <summary>The listed changes in groups (by subsystem, case folded, or by author), largest group first.</summary>
    public IReadOnlyList<IGrouping<string, CommitRow>> Groups { get; private set; } = [];

    /// <summary>Where the release stands today: a newer point release, its series' status, what replaces it.</summary>
    public ReleaseStanding? Standing { get; private set; }

    /// <summary>Today (UTC).</summary>
    public DateOnly Today { get; private set; }

    /// <summary>The log of the release's range: from the previous release's tag to its own, or its whole tag.</summary>
    public string RangeLog { get; private set; } = string.Empty;

    /// <summary>Renders the page.</summary>
    public async Task<IActionResult> OnGetAsync(string version, [FromQuery(Name = "by")] string? by, CancellationToken cancellationToken)
    {
        if (Ready() is { } notReady)
        {
            return notReady;
        }

        if (by is not null and not "subsystem" and not "author")
        {
            return new ContentResult { StatusCode = 400, Content = "?by= takes subsystem or author.", ContentType = "text/plain" };
        }

        Release = Snapshot.Release(version);
        if (Release is null)
        {
            return NotFoundPage($"There is no release {version}.");
        }

        ViewData["Title"] = Release.Version;
        Today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        Standing = ReleaseStanding.Of(Snapshot, Release, Today, View.CadenceMonths);
        var previousTag = Release.Previous is { } previous ? Snapshot.Release(previous)?.Tag : null;
        RangeLog = "/log/" + (previousTag is null ? Release.Tag : previousTag + HistoryRange.Separator + Release.Tag);
        ByAuthor = by == "author";
        Stats = IndexSnapshot.StatsOf(Release);
        Announcements = View.News.Announcing(Release.Version);
        Notes = string.IsNullOrWhiteSpace(Release.Notes) ? null : new Microsoft.AspNetCore.Html.HtmlString(Herald.Announcements.MarkdownRenderer.ToHtml(Release.Notes));
        Artifacts = View.Store is { } store ? await Herald.Publishing.Publisher.ReadPublishedAsync(store, View.Slug, Release.Version, cancellationToken) : [];
        Mirrors = Artifacts.Count == 0 ? [] : View.DownloadSettings.Mirrors.Select(m => (m, State.Mirrors.GetValueOrDefault((m, Release.Version)))).ToList();
        await using var context = Database();
        var changes = await context.ReleaseChanges.AsNoTracking()
            .Where(c => c.Version == Release.Version)
            // Only what the list shows: a release of thousands of commits would otherwise read every message body.
            .Join(context.Commits.AsNoTracking(), c => c.Sha, c => c.Sha, (change, commit) => new
            {
                change.Ordinal,
                Commit = new CommitRow { Sha = commit.Sha, Parents = commit.Parents, Subject = commit.Subject, Body = string.Empty, AuthorName = commit.AuthorName, AuthorEmail = commit.AuthorEmail, AuthorTime = commit.AuthorTime },
            })
            .ToListAsync(cancellationToken);
        var all = changes.OrderBy(c => c.Ordinal).Select(c => c.Commit).Where(c => !c.Parents.Contains(' ')).ToList();
        ChangesTotal = all.Count;
        Advisories = Herald.Web.Security.AdvisoryAccess.For(HttpContext, View).Known(Snapshot.Advisories.NamedByAny(all.Select(c => c.Sha)));
        Changes = all.Take(ChangesShown).ToList();
        var developerName = Stats?.DeveloperNames() ?? (name => name);
        Groups = ByAuthor
            ? Changes.GroupBy(c => developerName(c.AuthorName)).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).ToList()
            : SubjectPrefix.Group(Changes, c => c.Subject);
        return Page();
    }
}
