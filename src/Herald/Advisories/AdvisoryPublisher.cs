using System.Net;
using Herald.Mail;
using Herald.News;
using Herald.Publishing;
using Herald.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Herald.Advisories;

/// <summary>
/// Publishes every advisory whose embargo has ended (or that was stored as public) and does what its
/// publication entails, exactly once whatever the instances, restarts and crashes: the held posts are
/// published, the advisory's text is mailed to the <c>[mail]</c> lists, the releases staged for it are moved
/// into the artifact store, and then it is recorded as complete. <see cref="AdvisoryStore.ClaimPublicationAsync"/>
/// decides who stores it public; the steps after it run under one database-wide lock and are each idempotent,
/// so a run that died half-way is finished by the next run, of any instance.
/// </summary>
public sealed partial class AdvisoryPublisher
{
    private readonly IndexDatabase _database;
    private readonly TimeProvider _clock;
    private readonly PublicationChannels _channels;
    private readonly ILogger _logger;

    /// <summary>A publisher for <paramref name="database"/> (migrated by the caller), dating changes by <paramref name="clock"/>.</summary>
    public AdvisoryPublisher(IndexDatabase database, TimeProvider clock, PublicationChannels channels, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(channels);
        _database = database;
        _clock = clock;
        _channels = channels;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The key advisory <paramref name="id"/>'s public text is mailed under: each list gets it once, ever.</summary>
    public static string MailKey(string id) => $"advisory:{id}:public";

    /// <summary>
    /// Whether a run at <paramref name="now"/> has something to do, judged from <paramref name="desk"/>: an advisory
    /// is due, or a staged release is no longer held. Cheap (no database read), for a loop that asks often.
    /// </summary>
    public bool HasWorkAt(AdvisoryDesk desk, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(desk);
        return desk.All.Any(a => a.IsDueAt(now)) || ReleasableStaged(desk.All, now).Count > 0;
    }

    /// <summary>
    /// Publishes what is due at <paramref name="now"/>. Returns what this run did, one entry per due advisory;
    /// empty when nothing was due or another publisher holds the lock (it does the work). Failures of one
    /// advisory's steps (a list that cannot be mailed) leave it incomplete for the next run and are reported in
    /// <see cref="AdvisoryPublication.Error"/>; the database being unreachable throws.
    /// </summary>
    public async Task<IReadOnlyList<AdvisoryPublication>> RunDueAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var store = new AdvisoryStore(_database, _clock);
        var all = await store.ListAsync(cancellationToken);
        var due = all.Where(a => a.IsDueAt(now)).OrderBy(a => a.EmbargoUntil ?? a.PublishedAt).ThenBy(a => a.Number).ToList();
        if (due.Count == 0 && ReleasableStaged(all, now).Count == 0)
        {
            return [];
        }

        var claimed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var advisory in due.Where(a => a.State != AdvisoryState.Public))
        {
            // Public since its embargo ended, also when this run catches up after the server was down at that moment.
            var publishedAt = advisory.EmbargoUntil is { } until && until <= now ? until : now;
            if (await store.ClaimPublicationAsync(advisory.Number, publishedAt, cancellationToken))
            {
                claimed.Add(advisory.Id);
                LogClaimed(_logger, advisory.Id, now);
            }
        }

        await using var held = await PublicationLock.TryAcquireAsync(_database, cancellationToken);
        if (held is null)
        {
            LogBusy(_logger);
            return [];
        }

        // Under the lock, what another publisher finished meanwhile is seen as complete.
        all = await store.ListAsync(cancellationToken);
        var results = new List<AdvisoryPublication>();
        foreach (var advisory in all.Where(a => a.IsDueAt(now) && a.State == AdvisoryState.Public).OrderBy(a => a.PublishedAt).ThenBy(a => a.Number))
        {
            results.Add(await CompleteAsync(store, advisory, claimed.Contains(advisory.Id), all, now, cancellationToken));
        }

        // A staged release whose advisories became public on another instance is published by the one holding it.
        await PublishStagedAsync(all, now, cancellationToken);
        return results;
    }

    private async Task<AdvisoryPublication> CompleteAsync(AdvisoryStore store, ManagedAdvisory advisory, bool claimed, IReadOnlyList<ManagedAdvisory> all, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var posts = new List<string>();
        var mailed = new List<string>();
        var releases = new List<string>();
        try
        {
            var news = new NewsStore(_database, _clock);
            foreach (var slug in advisory.HeldPosts)
            {
                if (await news.FindAsync(slug, cancellationToken) is { Published: false })
                {
                    await news.UpdateAsync(slug, new PostChange { Published = true }, cancellationToken);
                    posts.Add(slug);
                    LogPostPublished(_logger, slug, advisory.Id);
                }
            }

            if (_channels.Mail is { } postSettings)
            {
                // Held announcements asked to be mailed (announce --mail --after-embargo): each list once, keyed on the post.
                foreach (var slug in advisory.PostsToMail)
                {
                    if (await news.FindAsync(slug, cancellationToken) is { Published: true } post)
                    {
                        var deliveries = await new Mailer(postSettings, _clock, _logger).SendAsync(PostMail.For(post, _channels.PortalUrl), new DatabaseMailLedger(_database), cancellationToken: cancellationToken);
                        mailed.AddRange(deliveries.Where(d => d.Outcome == MailDeliveryOutcome.Sent).Select(d => d.Recipient + " (" + slug + ")"));
                        if (deliveries.FirstOrDefault(d => d.Outcome == MailDeliveryOutcome.Failed) is { } failed)
                        {
                            throw new HeraldException($"mail of post {slug} to {failed.Recipient} failed: {failed.Message}");
                        }
                    }
                }
            }

            if (_channels.Mail is { } settings)
            {
                var text = advisory.Text ?? AdvisoryText.Render(advisory, _channels.ProjectName);
                var subject = $"{advisory.Id} v{advisory.Revision}: {advisory.Content.Title}";
                var mail = new OutgoingMail(subject, text, $"<pre>{WebUtility.HtmlEncode(text)}</pre>\n", MailKey(advisory.Id));
                var deliveries = await new Mailer(settings, _clock, _logger).SendAsync(mail, new DatabaseMailLedger(_database), cancellationToken: cancellationToken);
                mailed.AddRange(deliveries.Where(d => d.Outcome == MailDeliveryOutcome.Sent).Select(d => d.Recipient));
                if (deliveries.FirstOrDefault(d => d.Outcome == MailDeliveryOutcome.Failed) is { } failed)
                {
                    throw new HeraldException($"mail of {advisory.Id} to {failed.Recipient} failed: {failed.Message}");
                }
            }

            releases.AddRange(await PublishStagedAsync(all, now, cancellationToken));
            var completed = await store.CompleteAsync(advisory.Number, cancellationToken);
            LogCompleted(_logger, advisory.Id, posts.Count, mailed.Count, releases.Count);
            return new AdvisoryPublication(advisory.Id, claimed, posts, mailed, releases, completed, null);
        }
        catch (Exception e) when (e is HeraldException or IOException or UnauthorizedAccessException)
        {
            LogIncomplete(_logger, advisory.Id, e.Message);
            return new AdvisoryPublication(advisory.Id, claimed, posts, mailed, releases, false, e.Message);
        }
    }

    /// <summary>Moves every staged release no advisory holds any more into the store; returns their versions.</summary>
    private async Task<IReadOnlyList<string>> PublishStagedAsync(IReadOnlyList<ManagedAdvisory> all, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ready = ReleasableStaged(all, now);
        if (ready.Count == 0 || _channels.Store is not { } store)
        {
            return [];
        }

        var published = new List<string>();
        foreach (var staged in ready)
        {
            await _channels.Staged!.ReleaseAsync(staged, store, cancellationToken);
            published.Add(staged.Version);
            LogReleasePublished(_logger, staged.Version, store.Location);
        }

        return published;
    }

    private List<StagedRelease> ReleasableStaged(IReadOnlyList<ManagedAdvisory> all, DateTimeOffset now)
    {
        if (_channels.Staged is not { } staged)
        {
            return [];
        }

        var byId = all.ToDictionary(a => a.Id, StringComparer.OrdinalIgnoreCase);
        return staged.List().Where(s => s.Advisories.All(id => !byId.TryGetValue(id, out var a) || a.IsPublicAt(now))).ToList();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Embargo of {Id} ended at {Now}: stored as public")]
    private static partial void LogClaimed(ILogger logger, string id, DateTimeOffset now);

    [LoggerMessage(Level = LogLevel.Information, Message = "Another publisher holds the publication lock; it publishes")]
    private static partial void LogBusy(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Published post {Slug}, held for {Id}")]
    private static partial void LogPostPublished(ILogger logger, string slug, string id);

    [LoggerMessage(Level = LogLevel.Information, Message = "Published release {Version}, staged until its embargo ended, into {Store}")]
    private static partial void LogReleasePublished(ILogger logger, string version, string store);

    [LoggerMessage(Level = LogLevel.Information, Message = "Publication of {Id} complete: {Posts} posts, {Mails} mails, {Releases} releases")]
    private static partial void LogCompleted(ILogger logger, string id, int posts, int mails, int releases);

    [LoggerMessage(Level = LogLevel.Error, Message = "Publication of {Id} is not complete, tried again later: {Message}")]
    private static partial void LogIncomplete(ILogger logger, string id, string message);
}
