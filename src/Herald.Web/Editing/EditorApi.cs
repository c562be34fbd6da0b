using Herald.News;
using Herald.Web.Api;

namespace Herald.Web.Editing;

/// <summary>
/// <c>/api/editor/…</c>: what the editor pages show, as JSON, for news editors (drafts too). Anonymous
/// clients get 401 and accounts without the role 403, never a redirect; nothing here is ever cached.
/// </summary>
public static class EditorApi
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapEditorApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/editor")
            .RequireAuthorization(EditingAuth.NewsEditor)
            .WithMetadata(EditingEndpoint.Instance)
            .ExcludeFromDescription();
        api.MapRead("/posts", async (PortalState state, TimeProvider clock, CancellationToken cancellationToken) =>
            state.View.Database is { } database
                ? Results.Ok(await new NewsStore(database, clock).ListAsync(cancellationToken))
                : NotReady());
        api.MapRead("/posts/{slug}", async (string slug, PortalState state, TimeProvider clock, CancellationToken cancellationToken) =>
            state.View.Database is not { } database ? NotReady()
            : await new NewsStore(database, clock).FindAsync(slug, cancellationToken) is { } post ? Results.Ok(post)
            : Results.NotFound());
        return routes;
    }

    private static IResult NotReady() => Results.Text("The index is being built; try again in a minute.", statusCode: StatusCodes.Status503ServiceUnavailable);
}
