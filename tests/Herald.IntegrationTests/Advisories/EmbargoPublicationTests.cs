using System.Diagnostics;
using System.Globalization;
using Herald.Advisories;
using Herald.News;
using Herald.Storage;
using Herald.Tests.Mail;
using Herald.Tests.Storage;
using Herald.Tests.Support;
using Herald.Web;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Herald.Tests.Advisories;

/// <summary>
/// The embargo publisher in the portal: an advisory published exactly once when its embargo ends, with its held post
/// and its mail to each list, across a restart over the instant, with two instances on one PostgreSQL, and on time
/// with the real clock.
/// </summary>
public sealed class EmbargoPublicationTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2030, 1, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Until = T0.AddHours(1);
    private static readonly string[] Lists = ["devel@lists.example.org", "announce@lists.example.org"];

    private readonly TempDirectory _files = TempDirectory.Create();
    private readonly RepoBuilder _repo = RepoBuilder.Create();
    private SmtpSinkFixture _sink = null!;

    public async Task InitializeAsync()
    {
        _sink = await SmtpSinkFixture.StartAsync();
        _repo.Commit("Initial import");
        _repo.AnnotatedTag("RELEASE-1.0.0", "Release 1.0.0").Branch("stable-1.0");
    }

    public Task DisposeAsync()
    {
        _sink.Dispose();
        _repo.Dispose();
        _files.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Publisher_PortalRestartedAcrossTheInstant_CatchesUpAtStartOnce()
    {
        var options = Options("data", database: null);
        var database = IndexDatabase.For(options.Data!, null);
        var slug = await PrepareAsync(database);

        await using (var before = await EmbargoPortal.StartAsync(options, new FakeTimeProvider(T0)))
        {
            await Task.Delay(1500);
            Assert.Equal(AdvisoryState.Embargoed, (await Find(database)).State);
            await before.StopAsync();
            Assert.Empty(before.Errors);
        }

        Assert.Empty(_sink.Received());
        Assert.False((await new NewsStore(database, TimeProvider.System).FindAsync(slug))!.Published);

        // Down at the instant: the next start catches up.
        await using (var after = await EmbargoPortal.StartAsync(options, new FakeTimeProvider(Until.AddHours(1))))
        {
            var published = await WaitUntilCompletedAsync(database);
            Assert.Equal(AdvisoryState.Public, published.State);
            // Public since the embargo's end, although the portal was down then and published it an hour later.
            Assert.Equal(Until, published.PublishedAt);
            await after.StopAsync();
            Assert.Empty(after.Errors);
        }

        var post = (await new NewsStore(database, TimeProvider.System).FindAsync(slug))!;
        Assert.True(post.Published);
        AssertOneMailPerList();

        // A third start after it: nothing again.
        await using (var later = await EmbargoPortal.StartAsync(options, new FakeTimeProvider(Until.AddHours(2))))
        {
            await Task.Delay(1500);
            await later.StopAsync();
            Assert.Empty(later.Errors);
            Assert.DoesNotContain(later.Logs.Lines, l => l.Contains("stored as public", StringComparison.Ordinal));
        }

        AssertOneMailPerList();
        Assert.Equal(post.Revision, (await new NewsStore(database, TimeProvider.System).FindAsync(slug))!.Revision);
    }

    [Fact]
    public async Task Publisher_HeldPostToBeMailed_PublishedAndMailedToEachListOnceWithTheAdvisory()
    {
        var options = Options("data", database: null, url: "https://embargo.example.org");
        var database = IndexDatabase.For(options.Data!, null);
        await PrepareAsync(database);
        var clock = new FakeTimeProvider(T0);
        var mailed = await new NewsStore(database, clock).CreateAsync(new PostDraft("Embargo Fixture 1.0.2 is available", "See [the release](/releases/1.0.2).", "Release Manager", [], Published: false));
        await ReleaseHolds.HoldMailedPostAsync(database, "XSA-500", mailed.Slug, T0);

        await using (var portal = await EmbargoPortal.StartAsync(options, clock))
        {
            await Task.Delay(500);
            Assert.Empty(_sink.Received());
            clock.Advance(Until - T0);
            await WaitUntilCompletedAsync(database);
            clock.Advance(TimeSpan.FromSeconds(5));
            await Task.Delay(1500);
            await portal.StopAsync();
            Assert.Empty(portal.Errors);
        }

        var received = _sink.Received();
        var posts = received.Where(r => r.Message.Subject == "Embargo Fixture 1.0.2 is available").ToList();
        Assert.Equal(Lists.Order(StringComparer.Ordinal), posts.SelectMany(r => r.Recipients).Order(StringComparer.Ordinal));
        Assert.All(posts, r => Assert.Contains("https://embargo.example.org/releases/1.0.2", r.Message.TextBody, StringComparison.Ordinal));
        Assert.Equal(Lists.Order(StringComparer.Ordinal), received.Where(r => r.Message.Subject == "XSA-500 v1: Guest escape").SelectMany(r => r.Recipients).Order(StringComparer.Ordinal));
        Assert.True((await new NewsStore(database, TimeProvider.System).FindAsync(mailed.Slug))!.Published);
        Assert.Equal(4, received.Sum(r => r.Recipients.Count));
    }

    [Fact]
    public async Task Publisher_TwoInstancesOnOnePostgres_ExactlyOnePublishes()
    {
        await using var postgres = await PostgresTestDatabase.CreateAsync();
        var database = IndexDatabase.For(_files.CreateSubdirectory("setup"), postgres.ConnectionString);
        var slug = await PrepareAsync(database);
        var clock = new FakeTimeProvider(T0);

        await using var first = await EmbargoPortal.StartAsync(Options("data-1", postgres.ConnectionString), clock);
        await using var second = await EmbargoPortal.StartAsync(Options("data-2", postgres.ConnectionString), clock);
        await Task.Delay(500);
        Assert.Equal(AdvisoryState.Embargoed, (await Find(database)).State);

        clock.Advance(Until - T0 + TimeSpan.FromSeconds(1));
        await WaitUntilCompletedAsync(database);
        // Both look again a few times after it.
        for (var i = 0; i < 3; i++)
        {
            await Task.Delay(400);
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        await Task.Delay(400);
        await first.StopAsync();
        await second.StopAsync();

        AssertOneMailPerList();
        Assert.True((await new NewsStore(database, TimeProvider.System).FindAsync(slug))!.Published);
        var lines = first.Logs.Lines.Concat(second.Logs.Lines).ToList();
        Assert.Single(lines, l => l.Contains("Embargo of XSA-500 ended", StringComparison.Ordinal));
        Assert.Single(lines, l => l.Contains("Publication of XSA-500 complete", StringComparison.Ordinal));
        Assert.Empty(first.Errors);
        Assert.Empty(second.Errors);
    }

    [Fact]
    public async Task Publisher_RealClock_PublishesWithinSecondsOfTheInstant()
    {
        var options = Options("data", database: null);
        var database = IndexDatabase.For(options.Data!, null);
        await using var portal = await EmbargoPortal.StartAsync(options, clock: null);
        var now = DateTimeOffset.UtcNow;
        var until = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds() + 4);
        await database.EnsureMigratedAsync();
        await new AdvisoryStore(database, TimeProvider.System).CreateAsync(new AdvisoryDraft { Title = "Guest escape", EmbargoUntil = until, Number = 500 }, "XSA", new HashSet<int>());
        await new AdvisoryStore(database, TimeProvider.System).SetTextAsync(500, 1, "Xen Security Advisory XSA-500\n\nGuest escape\n");

        var store = new AdvisoryStore(database, TimeProvider.System);
        var watch = Stopwatch.StartNew();
        ManagedAdvisory advisory;
        while (true)
        {
            advisory = (await store.FindAsync("XSA-500"))!;
            if (advisory.State == AdvisoryState.Public)
            {
                break;
            }

            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), "not published 30 s after it was made:\n" + string.Join('\n', portal.Logs.Lines));
            await Task.Delay(20);
        }

        var lag = DateTimeOffset.UtcNow - until;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"published {lag.TotalMilliseconds:0} ms after the instant (stored at {advisory.PublishedAt:O})"));
        Assert.True(advisory.PublishedAt >= until, $"published at {advisory.PublishedAt:O}, before the embargo's end {until:O}");
        Assert.True(lag < TimeSpan.FromSeconds(15), $"published {lag.TotalSeconds:0.0} s after the instant");
        await WaitUntilCompletedAsync(database);
        AssertOneMailPerList();
        Assert.Empty(portal.Errors);
    }

    [Fact]
    public async Task RunDue_ListFailsHalfWay_NextRunFinishesItEachListOnce()
    {
        var database = IndexDatabase.For(_files.CreateSubdirectory("engine"), null);
        var slug = await PrepareAsync(database);
        var mail = new Herald.Mail.MailSettings { Server = _sink.Server, From = "security@example.org", Lists = ["devel@lists.example.org", "flaky@lists.example.org"], Retries = 0 };
        var publisher = new AdvisoryPublisher(database, new FakeTimeProvider(Until), new PublicationChannels("Embargo Fixture", mail));

        var first = Assert.Single(await publisher.RunDueAsync(Until));
        var second = Assert.Single(await publisher.RunDueAsync(Until.AddSeconds(1)));
        var third = await publisher.RunDueAsync(Until.AddSeconds(2));

        Assert.True(first.Claimed);
        Assert.False(first.Completed);
        Assert.Contains("flaky@lists.example.org", first.Error, StringComparison.Ordinal);
        Assert.Equal([slug], first.PostsPublished);
        Assert.Equal(["devel@lists.example.org"], first.Mailed);
        Assert.False(second.Claimed);
        Assert.True(second.Completed);
        Assert.Empty(second.PostsPublished);
        Assert.Equal(["flaky@lists.example.org"], second.Mailed);
        Assert.Empty(third);
        Assert.Equal(["devel@lists.example.org", "flaky@lists.example.org"], _sink.Received().SelectMany(r => r.Recipients).Order(StringComparer.Ordinal));
        Assert.Equal(Until, (await Find(database)).PublishedAt);
    }

    [Fact]
    public async Task RunDue_BeforeTheInstant_DoesNothing()
    {
        var database = IndexDatabase.For(_files.CreateSubdirectory("engine"), null);
        var slug = await PrepareAsync(database);
        var publisher = new AdvisoryPublisher(database, new FakeTimeProvider(Until), new PublicationChannels("Embargo Fixture"));

        Assert.Empty(await publisher.RunDueAsync(Until.AddSeconds(-1)));

        Assert.Equal(AdvisoryState.Embargoed, (await Find(database)).State);
        Assert.False((await new NewsStore(database, TimeProvider.System).FindAsync(slug))!.Published);
    }

    private PortalOptions Options(string data, string? database, string url = "")
    {
        var config = _files.WriteFile("config/herald.toml", string.Create(CultureInfo.InvariantCulture, $$"""
            [project]
            name = "Embargo Fixture"
            slug = "embargo"
            {{(url.Length > 0 ? $"url = \"{url}\"" : string.Empty)}}

            [releases]
            tag = "RELEASE-{version}"
            branch = "stable-{series}"

            [mail]
            smtp = "{{_sink.Server}}"
            from = "Security <security@example.org>"
            lists = ["{{Lists[0]}}", "{{Lists[1]}}"]
            retries = 0

            """));
        return new PortalOptions { Repository = _repo.Path, Config = config, Data = _files.CreateSubdirectory(data), Database = database };
    }

    /// <summary>XSA-500 under embargo until <see cref="Until"/> with its text, and an unpublished post held for it; returns the post's slug.</summary>
    private static async Task<string> PrepareAsync(IndexDatabase database)
    {
        await database.EnsureMigratedAsync();
        var clock = new FakeTimeProvider(T0);
        var advisory = await new AdvisoryStore(database, clock).CreateAsync(new AdvisoryDraft { Title = "Guest escape", EmbargoUntil = Until, Number = 500 }, "XSA", new HashSet<int>());
        await new AdvisoryStore(database, clock).SetTextAsync(advisory.Number, 1, "Xen Security Advisory XSA-500\n\nGuest escape\n");
        var post = await new NewsStore(database, clock).CreateAsync(new PostDraft("Embargo Fixture 1.0.1 is available", "Fixes XSA-500.", "Release Manager", [], Published: false));
        await ReleaseHolds.HoldPostAsync(database, advisory.Id, post.Slug, T0);
        return post.Slug;
    }

    private static async Task<ManagedAdvisory> Find(IndexDatabase database) =>
        (await new AdvisoryStore(database, TimeProvider.System).FindAsync("XSA-500"))!;

    private static async Task<ManagedAdvisory> WaitUntilCompletedAsync(IndexDatabase database)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var advisory = await Find(database);
            if (advisory.Completed)
            {
                return advisory;
            }

            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"XSA-500 not complete after 60 s: {advisory.State}");
            await Task.Delay(50);
        }
    }

    private void AssertOneMailPerList()
    {
        var received = _sink.Received();
        Assert.Equal(Lists.Order(StringComparer.Ordinal), received.SelectMany(r => r.Recipients).Order(StringComparer.Ordinal));
        Assert.All(received, r => Assert.Equal("XSA-500 v1: Guest escape", r.Message.Subject));
        Assert.All(received, r => Assert.Contains("Xen Security Advisory XSA-500", r.Message.TextBody, StringComparison.Ordinal));
    }
}
