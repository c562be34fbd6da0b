using Herald.Storage;
using Herald.Tests.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Herald.Tests.Storage;

/// <summary>
/// The indexer on <see cref="PortalProject"/>: a full first run, a run with nothing new, an incremental
/// run, and one transaction per run (a cancelled or failing run leaves the previous index as it was).
/// Each test has its own project and database; the subclasses choose the database.
/// </summary>
public abstract class IndexerTests : IAsyncLifetime
{
    private PortalProject? _project;
    private string? _data;
    private IndexDatabase? _database;

    private PortalProject Project => _project!;

    private IndexDatabase Database => _database!;

    public async Task InitializeAsync()
    {
        _project = PortalProject.CreateSmall();
        _data = Project.NewFolder("data");
        _database = IndexDatabase.For(_data, await CreateDatabaseAsync());
    }

    public async Task DisposeAsync()
    {
        await DropDatabaseAsync();
        _project?.Dispose();
    }

    [Fact]
    public async Task RunAsync_FirstRun_IndexesEverything()
    {
        var result = await RunAsync();

        Assert.True(result.Changed);
        Assert.Equal(Project.CountCommits("--all"), result.NewCommits);
        Assert.Equal(13, result.Releases);
        Assert.Equal(4, result.Series);
        var index = await ReadAsync();
        Assert.Equal(Project.CountCommits("--all"), index.Commits);
        Assert.Equal([.. PortalProject.Versions.Append("1.3.0-rc1").Order(StringComparer.Ordinal)], index.Releases.Keys);
        Assert.Equal(["1.0", "1.1", "1.2", "1.3"], index.Series);
        Assert.Equal(4 + 13, index.Refs);
        Assert.Equal("Portal Fixture", index.State["project"]);
        Assert.Equal("2021-06-15", index.State["as-of"]);
    }

    [Fact]
    public async Task RunAsync_FirstRun_StoresWhatThePortalReads()
    {
        await RunAsync();

        await using var context = Database.CreateContext();
        var snapshot = await IndexSnapshot.LoadAsync(context, 1);
        Assert.Equal("Portal Fixture", snapshot.ProjectName);
        Assert.Equal("master", snapshot.Mainline);
        Assert.Equal(PortalProject.Versions, snapshot.ReleaseInfos().Select(r => r.Version));
        Assert.Equal(Project.Builder.ShaOf("stable-1.1"), snapshot.Resolve("stable-1.1"));
        Assert.Equal(Project.FixA, (await context.Commits.SingleAsync(c => c.Sha == Project.FixAOn12)).MasterCommit);
        Assert.Equal([Project.FixAOn12], await context.ReleaseChanges.Where(c => c.Version == "1.2.1").Select(c => c.Sha).ToListAsync());
    }

    [Fact]
    public async Task RunAsync_NothingNew_ReturnsUnchangedAtOnce()
    {
        var first = await RunAsync();
        var before = await ReadAsync();

        var second = await RunAsync();

        Assert.False(second.Changed);
        Assert.Equal((0, 0, 0), (second.NewCommits, second.Releases, second.Series));
        Assert.True(second.Elapsed < first.Elapsed, $"the second run took {second.Elapsed}, the first {first.Elapsed}");
        Assert.True(second.Elapsed < TimeSpan.FromSeconds(5), $"the second run took {second.Elapsed}");
        Assert.Equal(before, await ReadAsync());
    }

    [Fact]
    public async Task RunAsync_NothingNewAndNoMarker_AsksTheDatabaseAndChangesNothing()
    {
        await RunAsync();
        var before = await ReadAsync();
        var markers = Directory.GetFiles(_data!, "index-*.fingerprint");
        Assert.Single(markers);
        File.Delete(markers[0]);

        var second = await RunAsync();

        Assert.False(second.Changed);
        Assert.Equal(before, await ReadAsync());
        Assert.Single(Directory.GetFiles(_data!, "index-*.fingerprint"));
    }

    [Fact]
    public async Task RunAsync_NewCommitAndTag_AddsOnlyThem()
    {
        await RunAsync();
        var before = await ReadAsync();
        var fix = AddRelease122();

        var third = await RunAsync();

        Assert.True(third.Changed);
        Assert.Equal(1, third.NewCommits);
        Assert.Equal(1, third.Releases);
        var after = await ReadAsync();
        Assert.Equal(before.Commits + 1, after.Commits);
        Assert.Equal(before.Releases.Keys.Append("1.2.2").Order(StringComparer.Ordinal), after.Releases.Keys);
        Assert.All(before.Releases, r => Assert.Equal(r.Value, after.Releases[r.Key]));
        await using var context = Database.CreateContext();
        var release = await context.Releases.AsNoTracking().SingleAsync(r => r.Version == "1.2.2");
        Assert.Equal(("1.2.1", "stable-1.2", fix), (release.Previous, release.Branch, release.Commit));
        Assert.Equal([fix], await context.ReleaseChanges.Where(c => c.Version == "1.2.2").Select(c => c.Sha).ToListAsync());
    }

    [Fact]
    public async Task RunAsync_NewCommitWithoutATag_RecomputesNoRelease()
    {
        await RunAsync();
        var before = await ReadAsync();
        Project.Builder.Commit("docs: after the candidate", date: PortalProject.Noon(2021, 5, 5));

        var result = await RunAsync();

        Assert.Equal((true, 1, 0), (result.Changed, result.NewCommits, result.Releases));
        Assert.Equal(before.Releases, (await ReadAsync()).Releases);
    }

    [Fact]
    public async Task RunAsync_Cancelled_LeavesThePreviousIndex()
    {
        await RunAsync();
        var before = await ReadAsync();
        AddRelease122();
        using var cancellation = new CancellationTokenSource();
        var progress = new CancelOn("writing the index", cancellation);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RunAsync(progress, cancellation.Token));

        Assert.True(progress.Cancelled);
        Assert.Equal(before, await ReadAsync());
        var retry = await RunAsync();
        Assert.Equal((true, 1), (retry.Changed, retry.NewCommits));
        Assert.Contains("1.2.2", (await ReadAsync()).Releases.Keys);
    }

    [Fact]
    public async Task RunAsync_FailingHalfwayThroughTheWrite_RollsEverythingBack()
    {
        await RunAsync();
        var before = await ReadAsync();
        AddRelease122();
        await ExecuteAsync(FailStateWritesSql);

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => RunAsync());

        Assert.Contains("injected failure", Messages(failure), StringComparison.Ordinal);
        Assert.Equal(before, await ReadAsync());
        await using (var context = Database.CreateContext())
        {
            Assert.Equal(PortalProject.Versions.Count, (await IndexSnapshot.LoadAsync(context, 2)).ReleaseInfos().Count);
        }

        await ExecuteAsync(AllowStateWritesSql);
        var retry = await RunAsync();
        Assert.Equal((true, 1), (retry.Changed, retry.NewCommits));
        Assert.Contains("1.2.2", (await ReadAsync()).Releases.Keys);
    }

    /// <summary>The PostgreSQL connection string to index into, or null for SQLite in the data folder.</summary>
    protected abstract Task<string?> CreateDatabaseAsync();

    /// <summary>Removes what <see cref="CreateDatabaseAsync"/> made.</summary>
    protected abstract Task DropDatabaseAsync();

    /// <summary>SQL that makes every insert into <c>index_state</c> (the last table a run writes) fail with "injected failure".</summary>
    protected abstract string FailStateWritesSql { get; }

    /// <summary>SQL that undoes <see cref="FailStateWritesSql"/>.</summary>
    protected abstract string AllowStateWritesSql { get; }

    private Task<IndexResult> RunAsync(IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        var project = HeraldProject.Open(Project.Builder.Path, Project.ConfigPath, _data, Project.WorkingDirectory, Project.DataHome);
        return new Indexer(project, Database, new FakeTimeProvider(PortalProject.Now), parallelism: 2).RunAsync(progress, cancellationToken);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var context = Database.CreateContext();
        await context.Database.ExecuteSqlRawAsync(sql);
    }

    private string AddRelease122()
    {
        var b = Project.Builder;
        b.Checkout("stable-1.2");
        var fix = b.Commit("1.2: fix after 1.2.1", date: PortalProject.Noon(2021, 5, 1)).LastSha;
        b.AnnotatedTag("RELEASE-1.2.2", "Release 1.2.2", PortalProject.Noon(2021, 5, 10));
        b.Checkout("master");
        return fix;
    }

    private async Task<IndexContents> ReadAsync()
    {
        await using var context = Database.CreateContext();
        var releases = await context.Releases.AsNoTracking().ToListAsync();
        return new IndexContents(
            await context.Commits.CountAsync(),
            new SortedDictionary<string, string>(
                releases.ToDictionary(r => r.Version, r => $"{r.Commit} {r.Previous} {r.Date:yyyy-MM-dd} {r.StatsJson}"),
                StringComparer.Ordinal),
            [.. (await context.Series.AsNoTracking().Select(s => s.Series).ToListAsync()).Order(StringComparer.Ordinal)],
            await context.Refs.CountAsync(),
            await context.ReleaseChanges.CountAsync(),
            await context.State.AsNoTracking().ToDictionaryAsync(s => s.Key, s => s.Value));
    }

    private static string Messages(Exception e) => e.InnerException is null ? e.Message : e.Message + " ← " + Messages(e.InnerException);

    /// <summary>What the index holds, comparable as a whole.</summary>
    private sealed record IndexContents(int Commits, SortedDictionary<string, string> Releases, List<string> Series, int Refs, int Changes, Dictionary<string, string> State)
    {
        public bool Equals(IndexContents? other) =>
            other is not null
            && Commits == other.Commits
            && Releases.SequenceEqual(other.Releases)
            && Series.SequenceEqual(other.Series)
            && Refs == other.Refs
            && Changes == other.Changes
            && State.OrderBy(s => s.Key, StringComparer.Ordinal).SequenceEqual(other.State.OrderBy(s => s.Key, StringComparer.Ordinal));

        public override int GetHashCode() => HashCode.Combine(Commits, Refs, Changes);

        public override string ToString() =>
            $"{Commits} commits, {Refs} refs, {Changes} changes, releases [{string.Join(", ", Releases.Keys)}], series [{string.Join(", ", Series)}], " +
            $"state [{string.Join(", ", State.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => s.Key + "=" + s.Value))}]";
    }

    /// <summary>Cancels <paramref name="source"/> when the indexer reports <paramref name="phase"/> (synchronously, unlike Progress&lt;T&gt;).</summary>
    private sealed class CancelOn(string phase, CancellationTokenSource source) : IProgress<string>
    {
        public bool Cancelled { get; private set; }

        public void Report(string value)
        {
            if (value == phase)
            {
                Cancelled = true;
                source.Cancel();
            }
        }
    }
}

public sealed class SqliteIndexerTests : IndexerTests
{
    protected override string FailStateWritesSql =>
        "CREATE TRIGGER herald_test_fail BEFORE INSERT ON index_state BEGIN SELECT RAISE(ABORT, 'injected failure'); END;";

    protected override string AllowStateWritesSql => "DROP TRIGGER herald_test_fail;";

    protected override Task<string?> CreateDatabaseAsync() => Task.FromResult<string?>(null);

    protected override Task DropDatabaseAsync() => Task.CompletedTask;
}

public sealed class PostgresIndexerTests : IndexerTests
{
    private readonly PostgresTestDatabaseSlot _postgres = new();

    protected override string FailStateWritesSql => """
        CREATE FUNCTION herald_test_fail() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$;
        CREATE TRIGGER herald_test_fail BEFORE INSERT ON index_state FOR EACH ROW EXECUTE FUNCTION herald_test_fail();
        """;

    protected override string AllowStateWritesSql => "DROP TRIGGER herald_test_fail ON index_state; DROP FUNCTION herald_test_fail();";

    protected override Task<string?> CreateDatabaseAsync() => _postgres.CreateAsync();

    protected override Task DropDatabaseAsync() => _postgres.DropAsync();
}
