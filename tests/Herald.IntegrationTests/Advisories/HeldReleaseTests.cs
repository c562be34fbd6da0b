using System.Globalization;
using Herald.Advisories;
using Herald.News;
using Herald.Publishing;
using Herald.Storage;
using Herald.Tests.Policy;
using Herald.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Herald.Tests.Advisories;

/// <summary>
/// A release held by an embargo and then released, through the CLI:
/// <code>
/// master:     Initial [RELEASE-1.0.0] - Feature [RELEASE-1.1.0]
/// stable-1.0: Fix (names XSA-500) [RELEASE-1.0.1]
/// </code>
/// XSA-500 is under embargo until <see cref="Until"/>.
/// </summary>
public sealed class HeldReleaseTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2030, 1, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Until = new(2030, 1, 2, 12, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _files = TempDirectory.Create();
    private readonly RepoBuilder _repo = RepoBuilder.Create();
    private string _config = string.Empty;
    private string _data = string.Empty;
    private IndexDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _repo.Commit("Initial import");
        _repo.AnnotatedTag("RELEASE-1.0.0", "Release 1.0.0").Branch("stable-1.0");
        _repo.Commit("Add feature", files: new Dictionary<string, string> { ["feature.c"] = "int feature;\n" });
        _repo.AnnotatedTag("RELEASE-1.1.0", "Release 1.1.0");
        _repo.Checkout("stable-1.0");
        _repo.Commit("x86: check the guest's index\n\nThis is XSA-500.\n", files: new Dictionary<string, string> { ["fix.c"] = "int fix;\n" });
        _repo.AnnotatedTag("RELEASE-1.0.1", "Release 1.0.1");
        _repo.Checkout("master");
        _config = _files.WriteFile("config/herald.toml", """
            [project]
            name = "Held Fixture"
            slug = "held"

            [releases]
            tag = "RELEASE-{version}"
            branch = "stable-{series}"

            """);
        _data = _files.CreateSubdirectory("data");
        ReleaseKey.Generate("Held Fixture Release", "release@example.org", null, Path.Combine(_data, "keys"), T0);
        _database = IndexDatabase.For(_data, null);
        await _database.EnsureMigratedAsync();
        await new AdvisoryStore(_database, new FakeTimeProvider(T0)).CreateAsync(new AdvisoryDraft { Title = "Guest escape", EmbargoUntil = Until, Number = 500 }, "XSA", new HashSet<int>());
    }

    public Task DisposeAsync()
    {
        _repo.Dispose();
        _files.Dispose();
        return Task.CompletedTask;
    }

    private string Artifacts(string version) => Path.Combine(_data, "artifacts", "release", "held", version);

    [Fact]
    public async Task Publish_HeldRelease_RefusedNamingTheAdvisoryAndTimeThenPublishedAfterTheInstant()
    {
        var refused = await RunAsync(T0, "publish", "1.0.1");

        Assert.True(refused.ExitCode == 1, refused.ToString());
        Assert.Contains("1.0.1 is held: XSA-500 is under embargo until 2030-01-02 12:00 UTC", refused.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Artifacts("1.0.1")));

        var free = await RunAsync(T0, "publish", "1.1.0", "--json");
        Assert.True(free.ExitCode == 0, free.ToString());

        var after = await RunAsync(Until, "publish", "1.0.1", "--json");
        Assert.True(after.ExitCode == 0, after.ToString());
        Assert.True(File.Exists(Path.Combine(Artifacts("1.0.1"), "held-1.0.1.tar.gz")));
    }

    [Fact]
    public async Task Publish_EmbargoBrokenWithAReason_PublishesAtOnce()
    {
        await new AdvisoryStore(_database, new FakeTimeProvider(T0)).PublishAsync("XSA-500", "exploited in the wild");

        var run = await RunAsync(T0, "publish", "1.0.1");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(File.Exists(Path.Combine(Artifacts("1.0.1"), "held-1.0.1.tar.gz")));
    }

    [Fact]
    public async Task Status_HeldSeries_SaysHeldWithTheAdvisoryUntilTheInstant()
    {
        var before = await RunAsync(T0, "status", "--json");
        var after = await RunAsync(Until, "status", "--json");

        Assert.True(before.ExitCode == 0, before.ToString());
        var series = before.Json().EnumerateArray().ToDictionary(e => e.GetProperty("series").GetString()!);
        Assert.True(series["1.0"].GetProperty("held").GetBoolean());
        var hold = Assert.Single(series["1.0"].GetProperty("heldBy").EnumerateArray());
        Assert.Equal("XSA-500", hold.GetProperty("advisory").GetString());
        Assert.DoesNotContain("held", ClockedRun.Keys(series["1.1"]));
        Assert.Contains("branch", ClockedRun.Keys(series["1.0"]));
        Assert.All(after.Json().EnumerateArray(), e => Assert.DoesNotContain("held", ClockedRun.Keys(e)));
        var table = await RunAsync(T0, "status");
        Assert.Contains("herald: 1.0 is held: XSA-500 is under embargo until 2030-01-02 12:00 UTC", table.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Announce_HeldRelease_RefusedThenHeldPostPublishedAtTheInstant()
    {
        var refused = await RunAsync(T0, "announce", "1.0.1", "--publish");
        Assert.True(refused.ExitCode == 1, refused.ToString());
        Assert.Contains("XSA-500 is under embargo until 2030-01-02 12:00 UTC", refused.Error, StringComparison.Ordinal);
        Assert.Empty(await new NewsStore(_database, TimeProvider.System).ListAsync());

        var held = await RunAsync(T0, "announce", "1.0.1", "--publish", "--after-embargo");
        Assert.True(held.ExitCode == 0, held.ToString());
        var post = Assert.Single(await new NewsStore(_database, TimeProvider.System).ListAsync());
        Assert.False(post.Published);
        Assert.Equal([post.Slug], (await new AdvisoryStore(_database, TimeProvider.System).FindAsync("XSA-500"))!.HeldPosts);

        var publisher = new AdvisoryPublisher(_database, new FakeTimeProvider(Until), new PublicationChannels("Held Fixture"));
        Assert.Empty(await publisher.RunDueAsync(Until.AddSeconds(-1)));
        var result = Assert.Single(await publisher.RunDueAsync(Until));

        Assert.Equal([post.Slug], result.PostsPublished);
        Assert.True(result.Completed);
        Assert.True((await new NewsStore(_database, TimeProvider.System).FindAsync(post.Slug))!.Published);
        Assert.Empty(await publisher.RunDueAsync(Until.AddHours(1)));
    }

    [Fact]
    public async Task Announce_MailAfterEmbargo_StoresThePostHeldToBeMailedAndSendsNothingNow()
    {
        // Nothing listens there: the announcement must not be sent before the embargo ends.
        _config = _files.WriteFile("config/herald.toml", """
            [project]
            name = "Held Fixture"
            slug = "held"
            url = "https://held.example.org"

            [releases]
            tag = "RELEASE-{version}"
            branch = "stable-{series}"

            [mail]
            smtp = "smtp://127.0.0.1:9"
            from = "Release <release@example.org>"
            lists = ["announce@lists.example.org"]

            """);

        var held = await RunAsync(T0, "announce", "1.0.1", "--mail", "--after-embargo");

        Assert.True(held.ExitCode == 0, held.ToString());
        Assert.Contains("it is published and mailed to the lists when the embargo ends", held.Error, StringComparison.Ordinal);
        var post = Assert.Single(await new NewsStore(_database, TimeProvider.System).ListAsync());
        Assert.False(post.Published);
        var advisory = (await new AdvisoryStore(_database, TimeProvider.System).FindAsync("XSA-500"))!;
        Assert.Equal([post.Slug], advisory.HeldPosts);
        Assert.Equal([post.Slug], advisory.PostsToMail);
    }

    [Fact]
    public async Task Publish_AfterEmbargo_StagesUnservedThenThePublisherMovesItIntoTheStore()
    {
        var staged = await RunAsync(T0, "publish", "1.0.1", "--after-embargo", "--json");

        Assert.True(staged.ExitCode == 0, staged.ToString());
        Assert.True(staged.Json().GetProperty("staged").GetBoolean());
        Assert.True(File.Exists(Path.Combine(_data, "held", "1.0.1", "held.json")));
        Assert.False(Directory.Exists(Artifacts("1.0.1")));
        Assert.Equal(["1.0.1"], (await new AdvisoryStore(_database, TimeProvider.System).FindAsync("XSA-500"))!.HeldReleases);
        var free = await RunAsync(T0, "publish", "1.1.0", "--after-embargo");
        Assert.True(free.ExitCode == 1, free.ToString());
        Assert.Contains("no advisory under embargo holds 1.1.0", free.Error, StringComparison.Ordinal);

        var store = new LocalArtifactStore(Path.Combine(_data, "artifacts"));
        var publisher = new AdvisoryPublisher(_database, new FakeTimeProvider(Until), new PublicationChannels("Held Fixture", Staged: new HeldReleaseStore(_data), Store: store));
        Assert.Empty(await publisher.RunDueAsync(T0));
        Assert.False(Directory.Exists(Artifacts("1.0.1")));
        var result = Assert.Single(await publisher.RunDueAsync(Until));

        Assert.Equal(["1.0.1"], result.ReleasesPublished);
        Assert.True(File.Exists(Path.Combine(Artifacts("1.0.1"), "held-1.0.1.tar.gz.sig")));
        Assert.False(Directory.Exists(Path.Combine(_data, "held", "1.0.1")));
        Assert.Contains("BEGIN PGP PUBLIC KEY BLOCK", await store.ReadTextAsync("keys/KEYS") ?? string.Empty, StringComparison.Ordinal);
        // The same bytes as a publish would make: publishing it now changes nothing.
        var again = await RunAsync(Until, "publish", "1.0.1");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("already published with these bytes", again.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishAll_HeldRelease_SkippedAndNamedOthersPublished()
    {
        var run = await RunAsync(T0, "publish", "--all");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("herald: skipped 1.0.1 is held: XSA-500 is under embargo until 2030-01-02 12:00 UTC", run.Error, StringComparison.Ordinal);
        Assert.True(Directory.Exists(Artifacts("1.0.0")));
        Assert.True(Directory.Exists(Artifacts("1.1.0")));
        Assert.False(Directory.Exists(Artifacts("1.0.1")));
    }

    private Task<ClockedRun> RunAsync(DateTimeOffset now, params string[] args) =>
        ClockedCli.RunAsync([.. args, "--repo", _repo.Path, "--config", _config, "--data", _data], _files.CreateSubdirectory("cwd"), _files.CreateSubdirectory("xdg"), now);
}
