using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Herald.Tests.Support;
using Herald.Web;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Herald.Tests.Web;

/// <summary>
/// The portal hosted in memory: the composition <c>herald serve</c> runs (<see cref="PortalApp.Build"/>, with
/// <paramref name="options"/> as its only source of options) on an in-memory server, in Production mode,
/// "now" fixed by a fake clock.
/// </summary>
public sealed class PortalHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private PortalHost(WebApplication app, CapturedLogs logs)
    {
        _app = app;
        Logs = logs;
        Client = app.GetTestClient();
    }

    /// <summary>What the portal logged (kept here, not printed: tests provoke errors on purpose).</summary>
    public CapturedLogs Logs { get; }

    /// <summary>A client of the portal (no redirects followed).</summary>
    public HttpClient Client { get; }

    /// <summary>The portal's services.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Starts the portal for <paramref name="options"/> with "now" at <paramref name="now"/>.</summary>
    public static PortalHost Start(PortalOptions options, DateTimeOffset now)
    {
        var logs = new CapturedLogs();
        var app = PortalApp.Build(["--environment", "Production"], options, builder =>
        {
            builder.WebHost.UseTestServer();
            builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Warning).AddProvider(logs);
            builder.Services.RemoveAll<TimeProvider>();
            builder.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(now));
        });
        // Synchronous, as WebApplicationFactory started its host: the in-memory server only wires itself up.
        app.StartAsync().GetAwaiter().GetResult();
        return new PortalHost(app, logs);
    }

    /// <summary>Polls <c>/healthz</c> until it answers 200; fails with its last answer after <paramref name="timeout"/>.</summary>
    public async Task WaitUntilHealthyAsync(TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(120));
        var last = "no answer";
        while (DateTime.UtcNow < deadline)
        {
            using var response = await Client.GetAsync("/healthz");
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return;
            }

            last = $"{(int)response.StatusCode} {body}";
            await Task.Delay(50);
        }

        throw new TimeoutException($"/healthz never answered 200; last answer: {last}\nlogged:\n{string.Join('\n', Logs.Lines)}");
    }

    /// <summary>GETs <paramref name="path"/> and parses the answer as HTML.</summary>
    public async Task<(HttpResponseMessage Response, IHtmlDocument Document)> GetHtmlAsync(string path)
    {
        var response = await Client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        return (response, new HtmlParser().ParseDocument(html));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
