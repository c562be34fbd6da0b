using System.IO.Compression;
using Herald.Web.Api;
using Herald.Web.Editing;
using Herald.Web.Serving;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Net.Http.Headers;

namespace Herald.Web;

/// <summary>Builds the portal: services, middleware, pages, API, feeds.</summary>
public static class PortalApp
{
    /// <summary>The output-cache tag evicted after every index refresh.</summary>
    public const string CacheTag = "index";

    private static readonly Lazy<string> Stylesheet = new(() => Resource("Herald.Web.site.css"));

    private static readonly Lazy<string> Favicon = new(() => Resource("Herald.Web.favicon.svg"));

    private static string Resource(string name)
    {
        using var stream = typeof(PortalApp).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"{name} is missing from the assembly.");
        return new StreamReader(stream).ReadToEnd();
    }

    /// <summary>Builds the application for <paramref name="options"/>.</summary>
    public static WebApplication Build(string[] args, PortalOptions options, Action<WebApplicationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(services => new PortalState { Clock = services.GetRequiredService<TimeProvider>() });
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHostedService<IndexRefresher>();
        builder.Services.AddHostedService<MirrorMonitor>();
        builder.Services.AddHostedService<Security.EmbargoPublisherService>();
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
        builder.Services.AddOpenApi(HealthApi.DescribeAuthentication);
        // Pages are cached per content coding (ContentCoding makes Accept-Encoding one of three values), so a
        // page is compressed once when rendered, not on every request.
        // Keyed on what is shown too (PortalState.ContentVersion): a page rendered from an old view and stored after
        // a change's eviction is never served.
        builder.Services.AddOutputCache(cache => cache.AddBasePolicy(policy => policy.Expire(TimeSpan.FromHours(1)).Tag(CacheTag).SetVaryByHeader(HeaderNames.AcceptEncoding)
            .VaryByValue(context => new KeyValuePair<string, string>("content", context.RequestServices.GetRequiredService<PortalState>().ContentVersion.ToString(System.Globalization.CultureInfo.InvariantCulture)))));
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
        // One JSON line per request (the access log); the framework's own per-request chatter is not logged.
        ServingPipeline.AddServing(builder, options);
        EditingAuth.AddEditing(builder, options);
        Security.MemberAuth.AddMembers(builder);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Lifetime", LogLevel.Information);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(10));

        configure?.Invoke(builder);

        var app = builder.Build();
        ServingPipeline.UseServing(app, options, MapEndpoints);
        return app;
    }

    private static void MapEndpoints(WebApplication app)
    {
        app.MapRead("/site.css", () => Results.Text(Stylesheet.Value, "text/css; charset=utf-8")).CacheOutput().ExcludeFromDescription();
        // The icon is SVG; browsers that ask for /favicon.ico on their own get the same picture.
        app.MapRead("/favicon.svg", () => Results.Text(Favicon.Value, "image/svg+xml")).CacheOutput().ExcludeFromDescription();
        app.MapRead("/favicon.ico", () => Results.Text(Favicon.Value, "image/svg+xml")).CacheOutput().ExcludeFromDescription();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapHealthApi();
        app.MapReleasesApi();
        app.MapNewsApi();
        app.MapSearchApi();
        app.MapAdvisoriesApi();
        app.MapFeeds();
        app.MapNewsFeeds();
        app.MapDownloads();
        app.MapDevFeed();
        app.MapEditorApi();
        // Pages are cached, except editing pages and search (EditingEndpoint.Last and NotCachedAttribute.Last make
        // their own policy, never, the last word).
        var pages = app.MapRazorPages().CacheOutput();
        pages.Add(EditingEndpoint.Last);
        pages.Add(NotCachedAttribute.Last);
    }
}
