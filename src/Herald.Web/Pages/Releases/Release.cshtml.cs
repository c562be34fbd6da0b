using Herald.History;
using Herald.Stats;
using Herald.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Herald.Web.Pages;

/// <summary>One release: facts, downloads, statistics and the list of changes.</summary>
public sealed class ReleaseModel(PortalState state) : PortalPage(state)
{
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

    /// <summary>The non-merge commits of the release.</summary>
    public IReadOnlyList<CommitRow> Changes { get; private set; } = [];

    /// <summary>The changes grouped by subsystem prefix, largest group first.</summary>
    public IReadOnlyList<IGrouping<string, CommitRow>> BySubsystem { get; private set; } = [];

    /// <summary>The changes grouped by author (name variants joined as in the statistics), largest group first.</summary>
    public IReadOnlyList<IGrouping<string, CommitRow>> ByAuthor { get; private set; } = [];

    /// <summary>Renders the page.</summary>
    public async Task<IActionResult> OnGetAsync(string version, CancellationToken cancellationToken)
    {
        if (Ready() is { } notReady)
        {
            return notReady;
        }

        Release = Snapshot.Release(version);
        if (Release is null)
        {
            return NotFoundPage($"There is no release {version}.");
        }

        ViewData["Title"] = Release.Version;
        Stats = IndexSnapshot.StatsOf(Release);
        Announcements = View.News.Announcing(Release.Version);
        Notes = string.IsNullOrWhiteSpace(Release.Notes) ? null : new Microsoft.AspNetCore.Html.HtmlString(Herald.Announcements.MarkdownRenderer.ToHtml(Release.Notes));
        Artifacts = View.Store is { } store ? await Herald.Publishing.Publisher.ReadPublishedAsync(store, View.Slug, Release.Version, cancellationToken) : [];
        Mirrors = Artifacts.Count == 0 ? [] : View.DownloadSettings.Mirrors.Select(m => (m, State.Mirrors.GetValueOrDefault((m, Release.Version)))).ToList();
        await using var context = Database();
        var changes = await context.ReleaseChanges.AsNoTracking()
            .Where(c => c.Version == Release.Version)
            .Join(context.Commits.AsNoTracking(), c => c.Sha, c => c.Sha, (change, commit) => new { change.Ordinal, Commit = commit })
            .ToListAsync(cancellationToken);
        Changes = changes.OrderBy(c => c.Ordinal).Select(c => c.Commit).Where(c => !c.Parents.Contains(' ')).ToList();
        BySubsystem = Changes.GroupBy(c => SubjectPrefix.Of(c.Subject)).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
        var developerName = Stats?.DeveloperNames() ?? (name => name);
        ByAuthor = Changes.GroupBy(c => developerName(c.AuthorName)).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
        return Page();
    }
}
