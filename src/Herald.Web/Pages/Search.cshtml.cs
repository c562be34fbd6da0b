using Herald.Search;
using Herald.Web.Serving;
using Microsoft.AspNetCore.Mvc;

namespace Herald.Web.Pages;

/// <summary>
/// <c>/search?q=</c>: what the index holds that matches, grouped by kind, each hit a link to its page. The
/// query runs against the database for every request; the output cache never stores the answer
/// (<see cref="NotCachedAttribute"/>), so arbitrary queries cannot fill its memory.
/// </summary>
[NotCached]
public sealed class SearchModel(PortalState state) : PortalPage(state)
{
    /// <summary>The query as typed, or empty.</summary>
    public string Query { get; private set; } = string.Empty;

    /// <summary>What was found, or null when nothing was searched.</summary>
    public SearchResults? Results { get; private set; }

    /// <summary>Why the query was not searched, or null.</summary>
    public string? Problem { get; private set; }

    /// <summary>Renders the page.</summary>
    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "q")] string? q, CancellationToken cancellationToken)
    {
        if (Ready() is { } notReady)
        {
            return notReady;
        }

        ViewData["Title"] = "Search";
        Query = q?.Trim() ?? string.Empty;
        if (Query.Length == 0 || View.Database is not { } database)
        {
            return Page();
        }

        SearchQuery query;
        try
        {
            query = SearchQuery.Parse(Query);
        }
        catch (HeraldException e)
        {
            // Shown whole in the form would echo a page of text back: keep the box to what would be searched.
            Query = Query[..SearchQuery.MaxLength];
            Problem = char.ToUpperInvariant(e.Message[0]) + e.Message[1..];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Results = Herald.Web.Security.AdvisoryAccess.For(HttpContext, View).Filter(await new SearchIndex(database).SearchAsync(query, SearchIndex.DefaultLimit, cancellationToken));
        return Page();
    }

    /// <summary>The heading of a group of hits.</summary>
    public static string Heading(SearchKind kind) => kind switch
    {
        SearchKind.Release => "Releases",
        SearchKind.Commit => "Commits",
        SearchKind.Post => "News",
        _ => kind.ToString(),
    };
}
