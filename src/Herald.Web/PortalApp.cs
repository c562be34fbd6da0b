using System.IO.Compression;
using Herald.Web.Api;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Herald.Web;

/// <summary>Builds the portal: services, middleware, pages, API, feeds.</summary>
public static class PortalApp
{
    /// <summary>The output-cache tag evicted after every index refresh.</summary>
    public const string CacheTag = "index";

    private static readonly Lazy<string> Stylesheet = new(() =>
    {
        using var stream = typeof(PortalApp).Assembly.GetManifestResourceStream("Herald.Web.site.css")
            ?? throw new InvalidOperationException("the stylesheet is missing from the assembly.");
        return new StreamReader(stream).ReadToEnd();
    });

    /// <summary>Builds the application for <paramref name="options"/>.</summary>
    public static WebApplication Build(string[] args, PortalOptions options, Action<WebApplicationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<PortalState>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHostedService<IndexRefresher>();
        builder.Services.AddHostedService<MirrorMonitor>();
        builder.Services.AddHttpClient(MirrorMonitor.HttpClientName, http =>
        {
            http.Timeout = TimeSpan.FromMinutes(10);
            http.DefaultRequestHeaders.UserAgent.ParseAdd("Herald-mirror-check/1.0");
        });
        // The pages live in this assembly, which is not the entry assembly when 'herald serve' hosts it.
        builder.Services.AddRazorPages().AddApplicationPart(typeof(PortalApp).Assembly);
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.WriteIndented = true;
            json.SerializerOptions.Encoder = HeraldJson.Options.Encoder;
            json.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
        });
        builder.Services.AddOpenApi();
        // Pages are cached per content coding (ContentCoding makes Accept-Encoding one of three values), so a
        // page is compressed once when rendered, not on every request.
        builder.Services.AddOutputCache(cache => cache.AddBasePolicy(policy => policy.Expire(TimeSpan.FromHours(1)).Tag(CacheTag).SetVaryByHeader(HeaderNames.AcceptEncoding)));
        builder.Services.AddResponseCompression(compression =>
        {
            // Public pages carry no secrets for a compression side channel to reveal.
            compression.EnableForHttps = true;
            compression.Providers.Add<BrotliCompressionProvider>();
            compression.Providers.Add<GzipCompressionProvider>();
            compression.MimeTypes = ["text/html", "text/css", "application/json", "application/atom+xml", "text/plain"];
        });
        builder.Services.Configure<BrotliCompressionProviderOptions>(brotli => brotli.Level = CompressionLevel.Optimal);
        builder.Services.Configure<GzipCompressionProviderOptions>(gzip => gzip.Level = CompressionLevel.Optimal);
        // One JSON line per request (AccessLog); the framework's own per-request chatter is not logged.
        builder.Services.AddSingleton(services => new AccessLog(services.GetRequiredService<PortalOptions>().AccessLog ?? AccessLog.Off, services.GetRequiredService<TimeProvider>()));
        builder.Services.AddHostedService(services => services.GetRequiredService<AccessLog>());
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Lifetime", LogLevel.Information);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(10));
        // Registered after Kestrel's own, so the socket transport takes this one.
        builder.Services.AddSingleton<IMemoryPoolFactory<byte>, LargeBlockMemoryPoolFactory>();
        builder.WebHost.UseSockets(sockets => sockets.UnsafePreferInlineScheduling = options.InlineIo);

        configure?.Invoke(builder);

        var app = builder.Build();
        // First, so that it sees the final status of every request, after error pages and exception handling.
        if (app.Services.GetRequiredService<AccessLog>().Enabled)
        {
            app.UseMiddleware<AccessLogMiddleware>();
        }

        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error");
        }

        // Error pages for what browsers read; API clients and non-GET requests get the bare status.
        app.UseStatusCodePagesWithReExecute("/not-found", "?code={0}");
        app.Use((context, next) =>
        {
            var request = context.Request;
            if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) || request.Path.StartsWithSegments("/api"))
            {
                context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>()?.Enabled = false;
            }

            return next(context);
        });

        // Pages only read: every other method is 405, as on the API, not the antiforgery check's 400 or a
        // page rendered without its model (TRACE and OPTIONS reached it with no handler: a 500 per request).
        app.Use((context, next) =>
        {
            var request = context.Request;
            // (Not the error page re-executed for a failed request: that keeps its 500.)
            if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
                && context.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>() is null
                && context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>() is not null)
            {
                context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
                context.Response.Headers.Allow = "GET, HEAD";
                return Task.CompletedTask;
            }

            return next(context);
        });

        // Old download locations keep working: a permanent redirect to the same file at its new place.
        app.Use((context, next) =>
        {
            var request = context.Request;
            var state = context.RequestServices.GetRequiredService<PortalState>();
            if ((HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
                && state.DownloadSettings.RedirectFor(request.Path.Value ?? "/", request.QueryString.Value ?? string.Empty) is { } target)
            {
                context.Response.StatusCode = StatusCodes.Status301MovedPermanently;
                context.Response.Headers.Location = target;
                return Task.CompletedTask;
            }

            return next(context);
        });
        app.Use((context, next) =>
        {
            var request = context.Request;
            if (!DownloadsApi.IsDownload(request.Path))
            {
                request.Headers.AcceptEncoding = ContentCoding.Choose(request.Headers.AcceptEncoding) ?? StringValues.Empty;
            }

            return next(context);
        });
        app.UseMiddleware<ValidatorsMiddleware>();
        app.MapRead("/site.css", () => Results.Text(Stylesheet.Value, "text/css; charset=utf-8")).CacheOutput().ExcludeFromDescription();
        app.UseOutputCache();
        if (options.InlineIo)
        {
            app.Use(SocketThreads.LeaveAsync);
        }

        // Downloads are already compressed archives and are sent in large reads; they stay out of it.
        app.UseWhen(context => !DownloadsApi.IsDownload(context.Request.Path), branch => branch.UseResponseCompression());
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapHealthApi();
        app.MapReleasesApi();
        app.MapFeeds();
        app.MapDownloads();
        app.MapRazorPages().CacheOutput();
        return app;
    }
}
