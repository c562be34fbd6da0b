using Herald.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Herald.Tests.Browser;

/// <summary>
/// The real portal (<see cref="PortalApp.Build"/>) on a real socket: Kestrel bound to a free loopback
/// port, so a browser can reach it. Ready once <c>/healthz</c> answers 200 (the first index is built).
/// </summary>
public sealed class PortalServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private PortalServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>The root of the portal, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Address { get; }

    /// <summary>The portal's services.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>The absolute address of <paramref name="path"/> (which starts with '/').</summary>
    public string Url(string path) => new Uri(Address, path).ToString();

    /// <summary>
    /// Starts the portal for <paramref name="options"/> and waits until <c>/healthz</c> answers 200;
    /// throws with the last answer if that takes longer than <paramref name="readyWithin"/>.
    /// </summary>
    public static async Task<PortalServer> StartAsync(PortalOptions options, TimeSpan readyWithin)
    {
        var app = PortalApp.Build([], options, builder =>
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
        });
        try
        {
            await app.StartAsync();
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
                ?? throw new InvalidOperationException("Kestrel reported no IServerAddressesFeature after start.");
            var address = new Uri(addresses.Single(), UriKind.Absolute);
            var server = new PortalServer(app, address);
            await server.WaitUntilHealthyAsync(readyWithin);
            return server;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops the portal.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task WaitUntilHealthyAsync(TimeSpan readyWithin)
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + readyWithin;
        var last = "no answer yet";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await http.GetAsync("/healthz");
                var body = await response.Content.ReadAsStringAsync();
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                last = $"{(int)response.StatusCode} {body}";
            }
            catch (HttpRequestException e)
            {
                last = e.Message;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }

        throw new TimeoutException($"The portal at {Address} did not answer /healthz with 200 within {readyWithin.TotalSeconds:0} s; last answer: {last}");
    }
}
