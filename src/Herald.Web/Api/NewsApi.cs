using Herald.News;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Herald.Web.Api;

/// <summary>The news as JSON: the records <c>herald post list --json</c> prints (<see cref="PostDocument"/>), published posts only.</summary>
public static class NewsApi
{
    /// <summary>Maps <c>/api/news</c> and <c>/api/news/{slug}</c>.</summary>
    public static IEndpointRouteBuilder MapNewsApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api").CacheOutput();
        api.MapRead("/news", List).WithName("news")
            .WithSummary("Published posts, newest first, ten a page")
            .WithDescription("Each post without its body. 'category' keeps the posts of one category (404 when there is no such category); 'page' counts from 1 (404 beyond the last page).");
        api.MapRead("/news/{slug}", Post).WithName("post")
            .WithSummary("A published post with its body")
            .WithDescription("The post with its Markdown and its sanitised HTML; 404 for an unknown or unpublished post.");
        return routes;
    }

    private static Results<Ok<IReadOnlyList<PostDocument>>, NotFound<Problem>, StatusCodeHttpResult> List(PortalState state, string? category, int? page)
    {
        var view = state.View;
        if (view.Snapshot is null)
        {
            return TypedResults.StatusCode(503);
        }

        var news = view.News;
        if (category is not null && news.FindCategory(category) is null)
        {
            return TypedResults.NotFound(new Problem($"no category {category}"));
        }

        var posts = category is null ? news.Posts : news.InCategory(category);
        if (PostPage.Of(posts, page ?? 1) is not { } one)
        {
            return TypedResults.NotFound(new Problem($"no page {page}"));
        }

        IReadOnlyList<PostDocument> list = [.. one.Posts.Select(p => PostDocument.From(p, view.PublicUrl(NewsPaths.Post(p.Slug)), withBody: false))];
        return TypedResults.Ok(list);
    }

    private static Results<Ok<PostDocument>, NotFound<Problem>, StatusCodeHttpResult> Post(PortalState state, string slug)
    {
        var view = state.View;
        if (view.Snapshot is null)
        {
            return TypedResults.StatusCode(503);
        }

        return view.News.Find(slug) is { } post
            ? TypedResults.Ok(PostDocument.From(post, view.PublicUrl(NewsPaths.Post(post.Slug)), withBody: true))
            : TypedResults.NotFound(new Problem($"no post {slug}"));
    }
}
