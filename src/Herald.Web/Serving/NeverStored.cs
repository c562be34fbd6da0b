using Microsoft.AspNetCore.OutputCaching;

namespace Herald.Web.Serving;

/// <summary>
/// The output-cache rule of answers that must never be stored (per-person editing pages, arbitrary search
/// queries): one place, so that every such marker means the same thing.
/// </summary>
internal static class NeverStored
{
    /// <summary>Neither looked up nor stored, and no request waits on another's answer.</summary>
    public static ValueTask CacheRequestAsync(OutputCacheContext context)
    {
        context.EnableOutputCaching = false;
        context.AllowCacheLookup = false;
        context.AllowCacheStorage = false;
        context.AllowLocking = false;
        return ValueTask.CompletedTask;
    }

    /// <summary>Not stored, whatever a later policy said.</summary>
    public static ValueTask ServeResponseAsync(OutputCacheContext context)
    {
        context.AllowCacheStorage = false;
        return ValueTask.CompletedTask;
    }
}
