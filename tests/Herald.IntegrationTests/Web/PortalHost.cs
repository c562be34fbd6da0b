extern alias web;

using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Herald.Tests.Support;
using Herald.Web;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Herald.Tests.Web;

/// <summary>
/// The portal hosted in memory (<see cref="WebApplicationFactory{TEntryPoint}"/> on the portal's real
/// <c>Program</c>, <c>web::Program</c> because herald's own entry point is a global <c>Program</c> too) for given <see cref="PortalOptions"/>, in Production mode, "now" fixed by a fake clock.
/// </summary>
public sealed class PortalHost : IAsyncDisposable
{
    private readonly WebApplicationFactory<web::Program> _factory;

    private PortalHost(WebApplicationFactory<web::Program> factory, CapturedLogs logs)
    {
        _factory = factory;
        Logs = logs;
        Client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
    }

    /// <summary>What the portal logged (kept here, not printed: tests provoke errors on purpose).</summary>
    public CapturedLogs Logs { get; }

    /// <summary>A client of the portal (no redirects followed).</summary>
    public HttpClient Client { get; }

    /// <summary>Starts the portal for <paramref name="options"/> with "now" at <paramref name="now"/>.</summary>
    public static PortalHost Start(PortalOptions options, DateTimeOffset now)
    {
        var logs = new CapturedLogs();
        var factory = new WebApplicationFactory<web::Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Production");
            web.ConfigureLogging(logging => logging.ClearProviders().SetMinimumLevel(LogLevel.Warning).AddProvider(logs));
            web.ConfigureServices(services =>
            {
                services.RemoveAll<PortalOptions>();
                services.AddSingleton(options);
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(new FakeTimeProvider(now));
            });
        });
        return new PortalHost(factory, logs);
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
        await _factory.DisposeAsync();
    }
}
