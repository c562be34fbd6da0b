using Herald.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Herald.Web.Pages;

/// <summary>A paginated shortlog of a branch, tag, release or commit, newest first.</summary>
public sealed class LogModel(PortalState state) : PortalPage(state)
{
    private const int PageSize = 50;

    /// <summary>The ref shown.</summary>
    public string Name { get; private set; } = string.Empty;

    /// <summary>The 1-based page.</summary>
    public int PageNumber { get; private set; } = 1;

    /// <summary>Whether older commits follow.</summary>
    public bool HasMore { get; private set; }

    /// <summary>The commits of the page.</summary>
    public IReadOnlyList<CommitRow> Commits { get; private set; } = [];

    /// <summary>Renders the page.</summary>
    public async Task<IActionResult> OnGetAsync(string name, [FromQuery(Name = "page")] int? pageNumber, CancellationToken cancellationToken)
    {
        if (Ready() is { } notReady)
        {
            return notReady;
        }

        Name = name;
        ViewData["Title"] = "Shortlog of " + name;
        var tip = Snapshot.Resolve(name);
        if (tip is null)
        {
            return NotFoundPage($"There is no branch, tag or commit named {name}.");
        }

        // "page" is also Razor Pages' own route value: the number is read from the query explicitly.
        PageNumber = Math.Clamp(pageNumber ?? 1, 1, 100_000);
        var shas = Snapshot.Graph.Log(tip, (PageNumber - 1) * PageSize, PageSize + 1);
        HasMore = shas.Count > PageSize;
        var wanted = shas.Take(PageSize).ToList();
        await using var context = Database();
        var rows = await context.Commits.AsNoTracking().Where(c => wanted.Contains(c.Sha)).ToDictionaryAsync(c => c.Sha, cancellationToken);
        Commits = wanted.Where(rows.ContainsKey).Select(s => rows[s]).ToList();
        if (Commits.Count == 0 && PageNumber > 1)
        {
            return NotFoundPage($"{name} has no page {PageNumber}.");
        }

        return Page();
    }
}
