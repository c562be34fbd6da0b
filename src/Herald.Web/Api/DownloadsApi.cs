using Herald.Publishing;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

namespace Herald.Web.Api;

/// <summary>
/// The download service: <c>/downloads/&lt;layout path&gt;</c> with Content-Length, Content-Type, ETag,
/// Last-Modified, Range (resume), HEAD and conditional GET; the public release key at
/// <c>/downloads/KEYS</c>; a counter per file at <c>/api/downloads</c>. Files are streamed, never read
/// whole into memory, and only plain paths inside the artifact root are served.
/// </summary>
public static class DownloadsApi
{
    private static readonly FileExtensionContentTypeProvider s_types = CreateTypes();

    /// <summary>
    /// Whether <paramref name="path"/> is a download: files that are already compressed archives, sent in
    /// large reads with their own validators, so they stay out of compression and the page validators.
    /// </summary>
    public static bool IsDownload(PathString path) => path.StartsWithSegments("/downloads") && path != DevFeedApi.Page;

    /// <summary>Maps the routes.</summary>
    public static IEndpointRouteBuilder MapDownloads(this IEndpointRouteBuilder routes)
    {
        routes.MapRead("/downloads/KEYS", async (PortalState state, CancellationToken cancellationToken) =>
        {
            // The keys that signed what is published (herald publish records them in the store), else the data folder's own key.
            var view = state.View;
            if (view.Store is { } store && await store.ReadTextAsync(ArtifactLayout.KeysFile, cancellationToken) is { } published)
            {
                return Results.Text(published, "application/pgp-keys");
            }

            var path = view.KeysFolder is { } folder ? Path.Combine(folder, "public.asc") : null;
            return path is not null && File.Exists(path)
                ? Results.Text(ReleaseKey.ExportPublic(path), "application/pgp-keys")
                : Results.NotFound();
        }).ExcludeFromDescription();
        routes.MapRead("/downloads/{**path}", async (HttpContext http, PortalState state, string path) =>
        {
            if (state.View.Store is not { } store || await store.LocateAsync(path, http.RequestAborted) is not { } source)
            {
                return Results.NotFound();
            }

            if (HttpMethods.IsGet(http.Request.Method))
            {
                state.Downloads.AddOrUpdate(path, 1, (_, count) => count + 1);
            }

            if (source.RedirectUrl is { } url)
            {
                // The object store answers: a presigned URL that expires, so never cached as permanent.
                http.Response.Headers.CacheControl = "no-store";
                return Results.Redirect(url.AbsoluteUri);
            }

            var file = source.LocalFile!;

            var info = new FileInfo(file);
            var tag = new EntityTagHeaderValue("\"" + info.Length.ToString("x", System.Globalization.CultureInfo.InvariantCulture) + "-" + info.LastWriteTimeUtc.Ticks.ToString("x", System.Globalization.CultureInfo.InvariantCulture) + "\"");
            http.Response.Headers.CacheControl = "public, max-age=3600";
            if (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResponseBodyFeature>() is { } body)
            {
                http.Features.Set<Microsoft.AspNetCore.Http.Features.IHttpResponseBodyFeature>(new LargeReadsFileSender(body));
            }

            return Results.File(file, ContentType(file), enableRangeProcessing: true, lastModified: info.LastWriteTimeUtc, entityTag: tag);
        })
        // Files are streamed from disk, never kept in the output cache: a cached copy would be held in
        // memory, answer a Range request with the whole file, and (over 64 MiB) be handed to concurrent
        // requests without its body.
        .CacheOutput(policy => policy.NoCache())
        .ExcludeFromDescription();
        routes.MapRead("/api/mirrors", (PortalState state) => Results.Ok(new
        {
            mirrors = state.View.DownloadSettings.Mirrors.Select(mirror => new
            {
                url = mirror.AbsoluteUri,
                releases = state.Mirrors.Where(m => m.Key.Mirror == mirror).Select(m => m.Value)
                    .OrderBy(r => r.Version, StringComparer.Ordinal)
                    .Select(r => new
                    {
                        version = r.Version,
                        status = r.Status,
                        checkedAt = r.CheckedAt,
                        files = r.Files.Select(f => new { name = f.Name, url = f.Url.AbsoluteUri, verdict = f.Verdict, detail = f.Detail }),
                    }),
            }),
        }))
            .WithSummary("Every mirror's state per release and per file, from the latest checks against the published checksums");
        // Counters move with every download: never answered from the output cache.
        routes.MapRead("/api/downloads", (PortalState state) => Results.Ok(state.Downloads.OrderBy(d => d.Key, StringComparer.Ordinal).ToDictionary(d => d.Key, d => d.Value)))
            .CacheOutput(policy => policy.NoCache())
            .WithSummary("Downloads served per file since the portal started");
        return routes;
    }

    private static string ContentType(string file) =>
        file.EndsWith(".sig", StringComparison.Ordinal) || file.EndsWith(".asc", StringComparison.Ordinal) ? "application/pgp-signature"
        : file.EndsWith("SUMS", StringComparison.Ordinal) ? "text/plain; charset=utf-8"
        : s_types.TryGetContentType(file, out var type) ? type : "application/octet-stream";

    private static FileExtensionContentTypeProvider CreateTypes()
    {
        var provider = new FileExtensionContentTypeProvider();
        provider.Mappings[".xz"] = "application/x-xz";
        provider.Mappings[".lz"] = "application/x-lzip";
        provider.Mappings[".gz"] = "application/gzip";
        return provider;
    }
}
