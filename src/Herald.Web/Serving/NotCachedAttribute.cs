using Microsoft.AspNetCore.OutputCaching;

namespace Herald.Web.Serving;

/// <summary>
/// Marks an endpoint whose answers the output cache never stores: answers to arbitrary queries (search),
/// which would let anyone fill the cache's memory with one entry per query typed and push out the pages
/// everyone reads. As endpoint metadata it is the endpoint's last output-cache policy, so it overrides the
/// base policy and a <c>CacheOutput()</c> given to a whole group (the pages: see <see cref="Last"/>).
/// Browsers may still keep the answer (the validators and <c>max-age</c> apply as to any page).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class NotCachedAttribute : Attribute, IOutputCachePolicy
{
    /// <summary>The marker, for minimal-API endpoints.</summary>
    public static NotCachedAttribute Instance { get; } = new();

    /// <summary>
    /// An endpoint convention: when the endpoint carries the marker, makes it its last output-cache policy,
    /// after a <c>CacheOutput()</c> given to the group.
    /// </summary>
    public static void Last(EndpointBuilder endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (endpoint.Metadata.OfType<NotCachedAttribute>().FirstOrDefault() is { } marker)
        {
            endpoint.Metadata.Add(marker);
        }
    }

    ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation) => NeverStored.CacheRequestAsync(context);

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation) => NeverStored.ServeResponseAsync(context);
}
