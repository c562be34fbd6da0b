using Herald.Advisories;
using Herald.Publishing;
using Herald.Web.Serving;

namespace Herald.Web.Security;

/// <summary>
/// Publishes each advisory when its embargo ends (<see cref="AdvisoryPublisher"/>): at start it catches up (the
/// portal may have been down at the instant), then sleeps until the next embargo end of the view's desk (which the
/// refresher keeps current, also with advisories made elsewhere), never longer than <see cref="PollInterval"/>, so
/// that a new advisory or a jump of the clock is noticed. After a publication it has the desk read again at once.
/// Sleeps run on the injected clock. Errors are logged and retried; they never stop the portal.
/// </summary>
internal sealed partial class EmbargoPublisherService(PortalState state, TimeProvider clock, Microsoft.AspNetCore.OutputCaching.IOutputCacheStore cache, ILogger<EmbargoPublisherService> logger) : BackgroundLoop
{
    /// <summary>The longest sleep between two looks at the advisories.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    /// <summary>The wait after a failed run before the next try.</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(10);

    protected override async Task RunAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var delay = await StepAsync(stoppingToken);
                await Task.Delay(delay, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One look: publishes what is due, and says how long to sleep.</summary>
    private async Task<TimeSpan> StepAsync(CancellationToken cancellationToken)
    {
        var view = state.View;
        if (view.Database is not { } database)
        {
            // The index refresher opens (and migrates) the database; until then there is nothing to read. A real-time
            // wait: a fake clock in tests does not move by itself, and this is no embargo's time.
            await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System, cancellationToken);
            return TimeSpan.Zero;
        }

        try
        {
            var now = clock.GetUtcNow();
            var publisher = new AdvisoryPublisher(database, clock, Channels(view), logger);
            if (publisher.HasWorkAt(view.Desk, now))
            {
                var results = await publisher.RunDueAsync(now, cancellationToken);
                // What it published shows on the pages now, not at the refresher's next look.
                await state.SyncAdvisoriesAsync(cache, clock, force: true, cancellationToken);
                if (results.FirstOrDefault(r => r.Error is not null) is { } failed)
                {
                    LogIncomplete(logger, failed.Id, failed.Error!);
                    return RetryDelay;
                }

                // Nothing done: another instance holds the lock and publishes; look again shortly, not at once.
                return results.Count == 0 ? PollInterval : TimeSpan.Zero;
            }

            var wait = view.Desk.NextEmbargoEnd(now) is { } next ? next - now : PollInterval;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait < PollInterval ? wait : PollInterval;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogFailed(logger, e, e.Message);
            return RetryDelay;
        }
    }

    private static PublicationChannels Channels(PortalView view)
    {
        // DATA/keys is the one folder of the data folder the view names: staged releases are beside it, in DATA/held.
        var data = view.KeysFolder is { } keys ? Path.GetDirectoryName(keys) : null;
        return new PublicationChannels(view.Slug, view.Mail, data is null ? null : new HeldReleaseStore(data), view.Store, view.PortalUrl);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Embargo publication failed, tried again shortly: {Message}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publication of {Id} is not complete, tried again shortly: {Message}")]
    private static partial void LogIncomplete(ILogger logger, string id, string message);
}
