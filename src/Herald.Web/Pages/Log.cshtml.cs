using Herald.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Herald.Web.Pages;

/// <summary>
/// A paginated shortlog of a branch, tag, release or commit, or of a range <c>A..B</c> (what B has that A
/// has not), newest first in the branch's order, with its total and its tags marked.
/// </summary>
public sealed class LogModel(PortalState state) : PortalPage(state)
{
    private const int PageSize = 50;

    /// <summary>The ref or range shown.</summary>
    public string Name { get; private set; } = string.Empty;

    /// <summary>The ref in the project's repository browser (<c>[project] repository_url</c>), or null.</summary>
    public Uri? RefLink => State.View.Links?.RefUrl(Name);

    /// <summary>The range resolved (a single ref has no <see cref="HistoryRange.From"/>).</summary>
    public HistoryRange? Range { get; private set; }

    /// <summary>How many commits the whole log holds.</summary>
    public int Total { get; private set; }

    /// <summary>The 1-based page.</summary>
    public int PageNumber { get; private set; } = 1;

    /// <summary>How many pages the log has (at least one).</summary>
    public int PageCount { get; private set; } = 1;

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
        Range = HistoryRange.Resolve(Snapshot, name, out var problem);
        if (Range is null)
        {
            return NotFoundPage(problem!);
        }

        // "page" is also Razor Pages' own route value: the number is read from the query explicitly.
        PageNumber = Math.Clamp(pageNumber ?? 1, 1, 100_000);
        Total = Range.Commits.Count;
        PageCount = Math.Max(1, (Total + PageSize - 1) / PageSize);
        var wanted = Range.Commits.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToList();
        HasMore = PageNumber < PageCount;
        await using var context = Database();
        var rows = await context.Commits.AsNoTracking().Where(c => wanted.Contains(c.Sha)).ToDictionaryAsync(c => c.Sha, cancellationToken);
        Commits = wanted.Where(rows.ContainsKey).Select(s => rows[s]).ToList();
        if (wanted.Count == 0 && PageNumber > 1)
        {
            return NotFoundPage($"{name} has no page {PageNumber}.");
        }

        return Page();
    }
}
