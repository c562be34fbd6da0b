using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;

namespace Herald.Tests.Support;

/// <summary>
/// A real HTTP server on loopback serving a folder as static files (with ETag and 304, as a mirror's
/// web server does), counting the full answers it gives.
/// </summary>
public sealed class StaticServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _fullAnswers;

    private StaticServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>The server's root URL, ending in '/'.</summary>
    public Uri Address { get; }

    /// <summary>How many 200 answers were given (a 304 is not one).</summary>
    public int FullAnswers => Volatile.Read(ref _fullAnswers);

    /// <summary>Starts serving <paramref name="folder"/> on a free loopback port.</summary>
    public static async Task<StaticServer> StartAsync(string folder)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        StaticServer? server = null;
        app.Use(async (context, next) =>
        {
            await next(context);
            if (context.Response.StatusCode == 200)
            {
                Interlocked.Increment(ref server!._fullAnswers);
            }
        });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(folder), ServeUnknownFileTypes = true });
        await app.StartAsync();
        var address = app.Services.GetService(typeof(IServer)) is IServer s && s.Features.Get<IServerAddressesFeature>() is { } addresses
            ? new Uri(addresses.Addresses.First().TrimEnd('/') + "/")
            : throw new InvalidOperationException("the static server has no address.");
        server = new StaticServer(app, address);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
