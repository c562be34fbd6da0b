using System.Globalization;
using Herald.Web.Api;
using Microsoft.Net.Http.Headers;

namespace Herald.Web;

/// <summary>
/// ETag, Last-Modified and Cache-Control on every read: the representation only changes with the index snapshot, so the
/// snapshot's generation and the URL make a validator, and a matching If-None-Match gets 304 at once. Last-Modified
/// is when the index was made (<see cref="Herald.Storage.IndexSnapshot.IndexedAt"/>), or later when posts or published files changed
/// since (<see cref="PortalState.ChangedAt"/>); If-Modified-Since is read only without If-None-Match (RFC 9110).
/// Not for downloads (the file's own validators), download counters (they move with every download) and
/// editing answers (they belong to one person: <see cref="Editing.EditingEndpoint"/>).
/// </summary>
/// <remarks>
/// The validators are this process's own: the snapshot generation and <see cref="PortalState.Epoch"/> are
/// counters that start again with the process. They do not survive a restart and do not agree between
/// instances behind one load balancer; a client that comes back to another process gets the whole answer
/// once (a 200; the index run's own time is part of the tag, so an answer from another run never matches).
/// </remarks>
internal sealed class ValidatorsMiddleware(RequestDelegate next, PortalState state)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var snapshot = state.Snapshot;
        var request = context.Request;
        if (snapshot is null || !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) || request.Path.StartsWithSegments("/healthz") || DownloadsApi.IsDownload(request.Path) || request.Path.StartsWithSegments("/api/downloads") || Editing.EditingEndpoint.Is(context) || Security.Viewers.HaveCredentials(context))
        {
            await next(context);
            return;
        }

        var tag = "\"" + snapshot.Generation.ToString(CultureInfo.InvariantCulture) + "." + state.Epoch.ToString(CultureInfo.InvariantCulture) + "-"
            + Fnv1a(request.Path.Value, request.QueryString.Value).ToString("x8", CultureInfo.InvariantCulture)
            + "-" + snapshot.IndexedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)
            // Each content coding is its own representation with its own validator (the request's Accept-Encoding
            // is already reduced to the one coding the answer uses).
            + (request.Headers.AcceptEncoding is [{ Length: > 0 } coding] ? "-" + coding : string.Empty) + "\"";
        var etag = new EntityTagHeaderValue(tag);
        var changed = snapshot.IndexedAt > state.ChangedAt ? snapshot.IndexedAt : state.ChangedAt;
        // HTTP dates have whole seconds.
        var lastModified = DateTimeOffset.FromUnixTimeSeconds(changed.ToUnixTimeSeconds());
        var lastModifiedText = HeaderUtilities.FormatDate(lastModified);
        if (request.Headers.IfNoneMatch.Count > 0
            ? EntityTagHeaderValue.TryParseList(request.Headers.IfNoneMatch, out var matches)
                && matches.Any(m => m.Compare(etag, useStrongComparison: false) || m.Equals(EntityTagHeaderValue.Any))
            : HeaderUtilities.TryParseDate(request.Headers.IfModifiedSince.ToString(), out var since) && lastModified <= since)
        {
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            context.Response.Headers.ETag = tag;
            context.Response.Headers.LastModified = lastModifiedText;
            context.Response.Headers.CacheControl = "public, max-age=60";
            return;
        }

        context.Response.OnStarting(() =>
        {
            if (context.Response.StatusCode == StatusCodes.Status200OK)
            {
                context.Response.Headers.ETag = tag;
                context.Response.Headers.LastModified = lastModifiedText;
                context.Response.Headers.CacheControl = "public, max-age=60";
            }
            else
            {
                context.Response.Headers.CacheControl = "no-cache";
            }

            return Task.CompletedTask;
        });
        await next(context);
    }

    // A hash of the address that is the same in every process (string.GetHashCode is randomised per process).
    private static uint Fnv1a(string? path, string? query)
    {
        var hash = 2166136261u;
        foreach (var text in new[] { path ?? string.Empty, query ?? string.Empty })
        {
            foreach (var c in text)
            {
                hash = (hash ^ c) * 16777619u;
            }
        }

        return hash;
    }
}
