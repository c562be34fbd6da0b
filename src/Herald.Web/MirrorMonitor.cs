using Herald.Publishing;
using Herald.Web.Serving;
using Microsoft.AspNetCore.OutputCaching;

namespace Herald.Web;

/// <summary>
/// Checks every configured mirror against every published release in the background: after the first
/// index, whenever what is published changes, and on the configured interval. Pages list a mirror for a
/// release only once it is checked good.
/// </summary>
internal sealed partial class MirrorMonitor(PortalState state, IHttpClientFactory httpClients, TimeProvider clock, IOutputCacheStore cache, ILogger<MirrorMonitor> logger) : BackgroundLoop
{
    /// <summary>The name of the HTTP client mirrors are fetched with.</summary>
    public const string HttpClientName = "mirrors";

    protected override async Task RunAsync(CancellationToken stoppingToken)
    {
        var checker = new MirrorChecker(httpClients.CreateClient(HttpClientName), clock);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await state.WaitForMirrorCheckAsync(state.View.DownloadSettings.MirrorCheckInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                await CheckAllAsync(checker, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogCheckFailed(logger, e, e.Message);
            }
        }
    }

    private async Task CheckAllAsync(MirrorChecker checker, CancellationToken cancellationToken)
    {
        var view = state.View;
        var mirrors = view.DownloadSettings.Mirrors;
        if (mirrors.Count == 0 || view.Snapshot is not { } snapshot || view.Store is not { } store)
        {
            return;
        }

        var checkedAny = false;
        await foreach (var report in checker.CheckPublishedAsync(store, view.Slug, snapshot.Releases.Select(r => r.Version), mirrors, cancellationToken))
        {
            state.Mirrors[(report.Mirror, report.Version)] = report;
            checkedAny = true;
            if (report.Status is not MirrorStatus.Good)
            {
                LogMirrorProblem(logger, report.Mirror, report.Status, report.Version,
                    string.Join("; ", report.Files.Where(f => f.Detail is not null).Select(f => $"{f.Name} {f.Detail}")));
            }
        }

        // Pages show each mirror's state and time of check.
        if (checkedAny)
        {
            await state.InvalidateAsync(cache, cancellationToken);
            await state.ShownAsync(cache, cancellationToken);
        }

        LogChecked(logger, mirrors.Count);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Mirror check failed: {Message}")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mirror {Mirror} is {Status} for {Version}: {Detail}")]
    private static partial void LogMirrorProblem(ILogger logger, Uri mirror, MirrorStatus status, string version, string detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "Mirrors checked: {Mirrors} mirrors")]
    private static partial void LogChecked(ILogger logger, int mirrors);
}
