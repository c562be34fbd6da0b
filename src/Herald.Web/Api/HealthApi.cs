namespace Herald.Web.Api;

/// <summary><c>/healthz</c> and <c>POST /api/refresh</c>.</summary>
public static class HealthApi
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder routes)
    {
        routes.MapRead("/healthz", (PortalState state) => state.View is { Snapshot: null } view
            ? Results.Text("indexing" + (view.LastError is { } error ? ": " + error : string.Empty), statusCode: StatusCodes.Status503ServiceUnavailable)
            : Results.Text("ok"))
            .ExcludeFromDescription();
        routes.MapPost("/api/refresh", (HttpRequest request, PortalOptions options, PortalState state) =>
        {
            if (string.IsNullOrEmpty(options.AdminToken))
            {
                return Results.NotFound();
            }

            var header = request.Headers.Authorization.ToString();
            var expected = "Bearer " + options.AdminToken;
            if (!System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                    System.Text.Encoding.UTF8.GetBytes(header), System.Text.Encoding.UTF8.GetBytes(expected)))
            {
                return Results.Unauthorized();
            }

            state.RequestRefresh();
            return Results.Accepted();
        });
        return routes;
    }
}
