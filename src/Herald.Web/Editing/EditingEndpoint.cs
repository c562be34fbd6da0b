using Herald.Web.Serving;
using Microsoft.AspNetCore.OutputCaching;

namespace Herald.Web.Editing;

/// <summary>
/// Marks an endpoint as part of editing (the pages under <c>/editor</c>, the API under <c>/api/editor</c>):
/// such an answer belongs to one signed-in person, so it is never stored by the output cache, gets no
/// validator, is not compressed, and is sent with <c>Cache-Control: private, no-store</c>. As endpoint
/// metadata it is also the endpoint's output-cache policy: never cached.
/// </summary>
public sealed class EditingEndpoint : IOutputCachePolicy
{
    private EditingEndpoint()
    {
    }

    /// <summary>The marker.</summary>
    public static EditingEndpoint Instance { get; } = new();

    /// <summary>The <c>Cache-Control</c> every editing answer carries.</summary>
    public const string CacheControl = "private, no-store";

    /// <summary>Whether the endpoint <paramref name="context"/> was routed to is an editing one.</summary>
    public static bool Is(HttpContext context) =>
        context?.GetEndpoint()?.Metadata.GetMetadata<EditingEndpoint>() is not null;

    /// <summary>
    /// An endpoint convention: when the endpoint is an editing one, makes the marker its last output-cache
    /// policy, so that it overrides a <c>CacheOutput()</c> given to a whole group of endpoints (the pages).
    /// </summary>
    public static void Last(EndpointBuilder endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (endpoint.Metadata.Contains(Instance))
        {
            endpoint.Metadata.Add(Instance);
        }
    }

    ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation) => NeverStored.CacheRequestAsync(context);

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation) => NeverStored.ServeResponseAsync(context);
}
