using Herald.Search;
using Herald.Web.Serving;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Herald.Web.Api;

/// <summary>
/// <c>/api/search?q=</c>: releases, commits and news posts found in the index, grouped by kind. Each query
/// runs against the database (SQLite FTS5 or PostgreSQL full-text search) on the thread pool, after the
/// output cache, which never stores it (<see cref="NotCachedAttribute"/>).
/// </summary>
public static class SearchApi
{
    /// <summary>Maps <c>/api/search</c>.</summary>
    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder routes)
    {
        routes.MapRead("/api/search", SearchAsync).WithName("search")
            .WithMetadata(NotCachedAttribute.Instance)
            .WithSummary("Search releases (version, tag), commits (subject, author, id prefix) and news posts")
            .WithDescription($"'q' is the query (1 to {SearchQuery.MaxLength} characters): every word must match, each as a prefix; a single hexadecimal word of {SearchQuery.MinShaPrefix} to 40 characters also finds the commits whose id starts with it. 'limit' (1 to {SearchIndex.MaxLimit}, default {SearchIndex.DefaultLimit}) caps the hits of each kind; 'more' says whether there were more. 400 for a missing or too long query or a limit out of range.");
        return routes;
    }

    /// <summary>The portal path of what <paramref name="hit"/> found.</summary>
    public static string PathOf(SearchHit hit)
    {
        ArgumentNullException.ThrowIfNull(hit);
        return hit.Kind switch
        {
            SearchKind.Release => "/releases/" + Uri.EscapeDataString(hit.Key),
            SearchKind.Commit => "/commit/" + Uri.EscapeDataString(hit.Key),
            SearchKind.Post => NewsPaths.Post(hit.Key),
            _ => throw new ArgumentOutOfRangeException(nameof(hit), hit.Kind, "no page for this kind of hit"),
        };
    }

    private static async Task<Results<Ok<SearchDocument>, BadRequest<Problem>, StatusCodeHttpResult>> SearchAsync(HttpContext context, PortalState state, string? q, int? limit, CancellationToken cancellationToken)
    {
        var view = state.View;
        if (view.Snapshot is null || view.Database is null)
        {
            return TypedResults.StatusCode(503);
        }

        if (string.IsNullOrWhiteSpace(q))
        {
            return TypedResults.BadRequest(new Problem("give the query as ?q="));
        }

        if (limit is < 1 or > SearchIndex.MaxLimit)
        {
            return TypedResults.BadRequest(new Problem($"limit {limit} is out of range; give 1 to {SearchIndex.MaxLimit}"));
        }

        SearchQuery query;
        try
        {
            query = SearchQuery.Parse(q);
        }
        catch (HeraldException e)
        {
            return TypedResults.BadRequest(new Problem(e.Message));
        }

        var results = Security.AdvisoryAccess.For(context, view).Filter(await new SearchIndex(view.Database).SearchAsync(query, limit ?? SearchIndex.DefaultLimit, cancellationToken));
        return TypedResults.Ok(new SearchDocument(
            results.Query,
            [.. results.Groups.Select(g => new SearchGroupDocument(
                g.Kind.Name(),
                [.. g.Hits.Select(h => new SearchHitDocument(h.Key, h.Title, h.Detail, h.Date, view.PublicUrl(PathOf(h))))],
                g.More))]));
    }
}

/// <summary>The answer of <c>/api/search</c>.</summary>
/// <param name="Query">The query as typed (trimmed).</param>
/// <param name="Groups">One group per kind (<c>release</c>, <c>commit</c>, <c>post</c>), always in that order.</param>
public sealed record SearchDocument(string Query, IReadOnlyList<SearchGroupDocument> Groups);

/// <summary>The hits of one kind, best first.</summary>
/// <param name="Kind"><c>release</c>, <c>commit</c> or <c>post</c>.</param>
/// <param name="Hits">At most 'limit' hits.</param>
/// <param name="More">Whether there were more than 'limit'.</param>
public sealed record SearchGroupDocument(string Kind, IReadOnlyList<SearchHitDocument> Hits, bool More);

/// <summary>One hit.</summary>
/// <param name="Key">The version, the full commit id, or the post's slug.</param>
/// <param name="Title">The version, the commit's subject, or the post's title.</param>
/// <param name="Detail">The tag, the commit's author, or the post's author.</param>
/// <param name="Date">The release date, author date, or post date.</param>
/// <param name="Url">The page: <c>/releases/{version}</c>, <c>/commit/{sha}</c>, <c>/news/{slug}</c> (absolute under <c>[downloads] base_url</c> when set).</param>
public sealed record SearchHitDocument(string Key, string Title, string Detail, DateTimeOffset Date, string Url);
