using Herald.Tests.Support;
using Herald.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Herald.Tests.Advisories;

/// <summary>
/// One portal instance (<see cref="PortalApp.Build"/>, in memory, Production) with the clock given, logging from
/// Information on into <see cref="Logs"/>, for the embargo publisher's tests: several of them may share one clock.
/// </summary>
internal sealed class EmbargoPortal : IAsyncDisposable
{
    private readonly WebApplication _app;
    private bool _stopped;

    private EmbargoPortal(WebApplication app, CapturedLogs logs)
    {
        _app = app;
        Logs = logs;
    }

    /// <summary>What the portal logged.</summary>
    public CapturedLogs Logs { get; }

    /// <summary>The errors it logged.</summary>
    public IReadOnlyList<string> Errors => Logs.Lines.Where(l => l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Critical", StringComparison.Ordinal)).ToList();

    /// <summary>Starts a portal for <paramref name="options"/> on <paramref name="clock"/> (the system's when null) and waits until it has indexed.</summary>
    public static async Task<EmbargoPortal> StartAsync(PortalOptions options, TimeProvider? clock)
    {
        var logs = new CapturedLogs();
        var app = PortalApp.Build(["--environment", "Production"], options, builder =>
        {
            builder.WebHost.UseTestServer();
            builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Information).AddProvider(logs);
            if (clock is not null)
            {
                builder.Services.RemoveAll<TimeProvider>();
                builder.Services.AddSingleton(clock);
            }
        });
        await app.StartAsync();
        var portal = new EmbargoPortal(app, logs);
        var state = app.Services.GetRequiredService<PortalState>();
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (state.View.Database is null || state.Snapshot is null)
        {
            if (DateTime.UtcNow > deadline)
            {
                await portal.DisposeAsync();
                throw new TimeoutException("the portal never indexed:\n" + string.Join('\n', logs.Lines));
            }

            await Task.Delay(50);
        }

        return portal;
    }

    /// <summary>Stops the portal (its background services end).</summary>
    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await _app.StopAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _app.DisposeAsync();
    }
}
