using Herald.Web.Api;
using Herald.Web.Editing;
using Herald.Web.Security;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Primitives;

namespace Herald.Web.Serving;

/// <summary>
/// How the portal serves: Kestrel's transport (<see cref="LargeBlockMemoryPool"/>, inline I/O), the access
/// log, and the one order of the middleware every request goes through.
/// </summary>
/// <remarks>
/// <para>The order, and why (docs/serving.md has the long version):</para>
/// <list type="number">
/// <item>the forwarded headers, believed only from <see cref="PortalOptions.KnownProxies"/>, so that everything
/// after sees the client's address and scheme;</item>
/// <item>the headers every answer carries (<c>X-Content-Type-Options</c>, <see cref="ContentSecurityPolicy"/>);</item>
/// <item>the access log, so that it sees the final status of every request;</item>
/// <item>the exception handler and the status code pages (error pages for browsers only);</item>
/// <item>cheap answers from the request alone: 405 for pages asked with another method, the redirects of
/// old download locations, the choice of one content coding;</item>
/// <item>editing answers (<see cref="EditingEndpoint"/>) and answers to requests with credentials
/// (<see cref="Viewers.HaveCredentials"/>) marked <c>Cache-Control: private, no-store</c>;</item>
/// <item>the validators (<c>ETag</c>, 304) and the output cache, which answer from memory (neither for editing
/// nor for requests with credentials);</item>
/// <item>with <see cref="PortalOptions.InlineIo"/>, <see cref="SocketThreads.LeaveAsync"/>: from here on,
/// nothing runs on a socket thread. Whatever may block (rendering, a download, a database query, a
/// check of credentials) goes after this step, never before it;</item>
/// <item>response compression (not for downloads, nor for editing pages, which carry secrets and echo what
/// was sent);</item>
/// <item>authentication, the viewer (<see cref="ViewerMiddleware"/>: who may see which advisory), the rate limits of
/// sign-in and authorization (they read accounts), then the endpoints.</item>
/// </list>
/// <para>
/// With <see cref="PortalOptions.ThreadHeader"/>, the last step before an endpoint names the kind of thread
/// it starts on in <see cref="SocketThreads.ThreadHeader"/>; a test runs <c>herald serve</c> with it and
/// fails when an endpoint starts on a socket thread.
/// </para>
/// </remarks>
public static class ServingPipeline
{
    /// <summary>Registers the transport and the access log for <paramref name="options"/>.</summary>
    public static void AddServing(WebApplicationBuilder builder, PortalOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        builder.Services.AddSingleton(services => new AccessLogWriter(options.AccessLog ?? AccessLog.Off, services.GetRequiredService<TimeProvider>()));
        builder.Services.AddHostedService(services => services.GetRequiredService<AccessLogWriter>());
        if (options.BlockPool)
        {
            // Registered after Kestrel's own, so the socket transport takes this one.
            builder.Services.AddSingleton<IMemoryPoolFactory<byte>, LargeBlockMemoryPoolFactory>();
        }

        builder.WebHost.UseSockets(sockets => sockets.UnsafePreferInlineScheduling = options.InlineIo);
    }

    /// <summary>Puts the middleware in its order around the endpoints <paramref name="mapEndpoints"/> maps.</summary>
    public static void UseServing(WebApplication app, PortalOptions options, Action<WebApplication> mapEndpoints)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(mapEndpoints);
        UseForwardedHeaders(app, options);
        app.Use(SecurityHeaders);
        if (app.Services.GetRequiredService<AccessLogWriter>().Enabled)
        {
            app.UseMiddleware<AccessLogMiddleware>();
        }

        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error");
        }

        app.UseStatusCodePagesWithReExecute("/not-found", "?code={0}");
        app.Use(StatusPagesForBrowsersOnly);
        app.Use(PagesOnlyRead);
        app.Use(RedirectOldDownloads);
        app.Use(ChooseContentCoding);
        app.Use(NeverStored);
        app.UseMiddleware<ValidatorsMiddleware>();
        // An answer to a request with credentials belongs to that visitor: the output cache neither serves nor stores it.
        app.UseWhen(context => !Viewers.HaveCredentials(context), branch => branch.UseOutputCache());
        if (options.InlineIo)
        {
            app.Use(SocketThreads.LeaveAsync);
        }

        // Downloads are already compressed archives and are sent in large reads; they stay out of it.
        app.UseWhen(context => !DownloadsApi.IsDownload(context.Request.Path) && !EditingEndpoint.Is(context) && !Viewers.HaveCredentials(context), branch => branch.UseResponseCompression());
        app.UseAuthentication();
        app.UseMiddleware<ViewerMiddleware>();
        app.UseRateLimiter();
        app.UseAuthorization();
        if (options.ThreadHeader)
        {
            app.Use(SocketThreads.StampAsync);
        }

        mapEndpoints(app);
    }

    /// <summary>
    /// What pages may load: only from the portal itself, no script at all, no inline style but the one style
    /// attribute the framework's validation summary writes (<c>style="display:none"</c>, allowed by its hash),
    /// images also from https (post images) and data: URLs. The pages satisfy it (a browser test listens for
    /// violations on every kind of page).
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'none'; style-src 'self' 'unsafe-hashes' 'sha256-aqNNdDLnnrDOnTNdkJpYlAxKVJtLt9CtFLklmInuUAE='; img-src 'self' https: data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    // X-Forwarded-* rewrite the client's address, scheme and host: believed only from the configured proxies (the
    // framework's default also believes loopback, and anyone on the machine could then claim any address).
    private static void UseForwardedHeaders(WebApplication app, PortalOptions options)
    {
        if (options.KnownProxies.Count == 0)
        {
            return;
        }

        var forwarded = new Microsoft.AspNetCore.Builder.ForwardedHeadersOptions
        {
            ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor
                | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto
                | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedHost,
        };
        forwarded.KnownIPNetworks.Clear();
        forwarded.KnownProxies.Clear();
        foreach (var proxy in options.KnownProxies)
        {
            forwarded.KnownProxies.Add(proxy);
        }

        app.UseForwardedHeaders(forwarded);
    }

    // Every answer: no content sniffing, and the content security policy. When it starts: the exception
    // handler clears the headers set before it.
    private static Task SecurityHeaders(HttpContext context, RequestDelegate next)
    {
        var response = context.Response;
        response.OnStarting(() =>
        {
            response.Headers.XContentTypeOptions = "nosniff";
            response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
            return Task.CompletedTask;
        });
        return next(context);
    }

    // Error pages for what browsers read; API clients and non-GET requests get the bare status.
    private static Task StatusPagesForBrowsersOnly(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        if (!IsRead(request) || request.Path.StartsWithSegments("/api"))
        {
            context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>()?.Enabled = false;
        }

        return next(context);
    }

    // Pages only read: every other method is 405, as on the API, not the antiforgery check's 400 or a
    // page rendered without its model (TRACE and OPTIONS reached it with no handler: a 500 per request).
    // Editing pages also take forms (POST, checked for their antiforgery token), and nothing else.
    private static Task PagesOnlyRead(HttpContext context, RequestDelegate next)
    {
        var editing = EditingEndpoint.Is(context);
        // (Not the error page re-executed for a failed request: that keeps its 500.)
        if (!IsRead(context.Request)
            && !(editing && HttpMethods.IsPost(context.Request.Method))
            && context.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>() is null
            && context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>() is not null)
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            context.Response.Headers.Allow = editing ? "GET, HEAD, POST" : "GET, HEAD";
            return Task.CompletedTask;
        }

        return next(context);
    }

    // An editing answer belongs to one person: no shared cache, no browser cache, no validator, whatever the
    // status (a redirect to sign in as much as a page with a draft on it). So does an answer to whoever comes with
    // credentials (a member's token or session, an account's session, any Authorization header, valid or not): it
    // may show what others may not see.
    private static Task NeverStored(HttpContext context, RequestDelegate next)
    {
        if (EditingEndpoint.Is(context) || Viewers.HaveCredentials(context))
        {
            var response = context.Response;
            response.OnStarting(() =>
            {
                response.Headers.CacheControl = EditingEndpoint.CacheControl;
                response.Headers.Pragma = "no-cache";
                response.Headers.ETag = default;
                response.Headers.LastModified = default;
                return Task.CompletedTask;
            });
        }

        return next(context);
    }

    // Old download locations keep working: a permanent redirect to the same file at its new place.
    private static Task RedirectOldDownloads(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        if (IsRead(request)
            && context.RequestServices.GetRequiredService<PortalState>().View.DownloadSettings.RedirectFor(request.Path.Value ?? "/", request.QueryString.Value ?? string.Empty) is { } target)
        {
            context.Response.StatusCode = StatusCodes.Status301MovedPermanently;
            context.Response.Headers.Location = target;
            return Task.CompletedTask;
        }

        return next(context);
    }

    // Pages are cached per content coding: Accept-Encoding becomes one of three values.
    private static Task ChooseContentCoding(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        if (!DownloadsApi.IsDownload(request.Path))
        {
            request.Headers.AcceptEncoding = ContentCoding.Choose(request.Headers.AcceptEncoding) ?? StringValues.Empty;
        }

        return next(context);
    }

    private static bool IsRead(HttpRequest request) => HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method);
}
