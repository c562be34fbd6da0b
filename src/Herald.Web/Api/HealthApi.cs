using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

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
        }).WithName(RefreshName)
            .WithSummary("Refreshes the index now")
            .WithDescription("Asks the portal to index the repository again at once, rather than at the next interval; answers 202 at once. Needs the admin token (herald serve --admin-token or $HERALD_ADMIN_TOKEN) as a bearer token: 401 without it, 404 when the portal has none.")
            .Produces(StatusCodes.Status202Accepted)
            .Produces(StatusCodes.Status401Unauthorized)
            .Produces(StatusCodes.Status404NotFound);
        return routes;
    }

    private const string RefreshName = "refresh";

    private const string BearerScheme = "adminToken";

    /// <summary>Describes in the OpenAPI document how <c>POST /api/refresh</c> authenticates: the admin token as a bearer token.</summary>
    public static void DescribeAuthentication(OpenApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "The portal's admin token (herald serve --admin-token, or $HERALD_ADMIN_TOKEN), sent as 'Authorization: Bearer TOKEN'.",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            if (context.Description.ActionDescriptor.EndpointMetadata.OfType<IEndpointNameMetadata>().Any(name => name.EndpointName == RefreshName))
            {
                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] });
            }

            return Task.CompletedTask;
        });
    }
}
