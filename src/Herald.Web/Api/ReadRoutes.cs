namespace Herald.Web.Api;

/// <summary>Read routes answer HEAD as well as GET (Kestrel sends HEAD's headers without the body).</summary>
internal static class ReadRoutes
{
    private static readonly string[] s_methods = [HttpMethods.Get, HttpMethods.Head];

    /// <summary>Maps <paramref name="handler"/> for GET and HEAD on <paramref name="pattern"/>.</summary>
    public static RouteHandlerBuilder MapRead(this IEndpointRouteBuilder routes, string pattern, Delegate handler) =>
        routes.MapMethods(pattern, s_methods, handler);
}
