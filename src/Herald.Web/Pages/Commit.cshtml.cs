using Herald.Backports;
using Herald.History;
using Herald.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Herald.Web.Pages;

/// <summary>One commit with its trailers and where it (or its backports) landed.</summary>
public sealed class CommitModel(PortalState state) : PortalPage(state)
{
    /// <summary>The commit.</summary>
    public CommitRow? Commit { get; private set; }

    /// <summary>Its trailers.</summary>
    public IReadOnlyList<Trailer> Trailers { get; private set; } = [];

    /// <summary>Its <c>Fixes:</c> trailers whose target the index knows, each with the target's full id.</summary>
    public IReadOnlyDictionary<Trailer, string> FixesTargets { get; private set; } = new Dictionary<Trailer, string>();

    /// <summary>Its message cut into runs, advisory and CVE ids linked where <c>[security]</c> says where they are read.</summary>
    public IReadOnlyList<Herald.Configuration.LinkedRun> Message { get; private set; } = [];

    /// <summary>The advisories it names, linked likewise.</summary>
    public IReadOnlyList<Herald.Configuration.LinkedRun> Advisories { get; private set; } = [];

    /// <summary>The commit in the project's repository browser (<c>[project] repository_url</c>), or null.</summary>
    public Uri? External { get; private set; }

    /// <summary>The branches holding it or a backport, or null.</summary>
    public ContainsReport? Where { get; private set; }

    /// <summary>Renders the page.</summary>
    public async Task<IActionResult> OnGetAsync(string sha, CancellationToken cancellationToken)
    {
        if (Ready() is { } notReady)
        {
            return notReady;
        }

        var full = Snapshot.Graph.Expand(sha);
        if (full is null)
        {
            return NotFoundPage($"There is no commit {sha}.");
        }

        await using var context = Database();
        Commit = await context.Commits.AsNoTracking().FirstOrDefaultAsync(c => c.Sha == full, cancellationToken);
        if (Commit is null)
        {
            return NotFoundPage($"There is no commit {sha}.");
        }

        ViewData["Title"] = Commit.Subject;
        var security = View.Security ?? new Herald.Configuration.SecuritySettings();
        // An advisory hidden from the viewer is not linked, nor listed: its id is only the commit's own text.
        var access = Herald.Web.Security.AdvisoryAccess.For(HttpContext, View);
        Message = security.Link(Commit.Body).Select(run => run.Link is not null && access.IsHidden(run.Text) ? run with { Link = null } : run).ToList();
        var named = Commit.Advisories is null ? null : string.Join(',', access.Known(Commit.Advisories.Split(',', StringSplitOptions.RemoveEmptyEntries)));
        Advisories = string.IsNullOrEmpty(named) ? [] : security.Link(named);
        External = View.Links?.CommitUrl(Commit.Sha);
        Trailers = TrailerParser.Parse(Commit.Body);
        FixesTargets = Snapshot.FixesTargets(Trailers);
        Where = await IndexQueries.ContainsAsync(context, Snapshot, full, cancellationToken);
        return Page();
    }
}
