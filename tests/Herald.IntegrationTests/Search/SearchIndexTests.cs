using Herald.News;
using Herald.Search;
using Herald.Storage;
using Herald.Tests.Storage;
using Herald.Tests.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Herald.Tests.Search;

/// <summary>
/// The search table kept in step: by the indexer as commits and releases come, by the news store as posts
/// change, and by the migration for an index made before it. Each test has its own project and database.
/// </summary>
public abstract class SearchIndexTests : IAsyncLifetime
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
    public async Task Indexer_NewCommitAndTag_AreFoundAfterTheNextRun()
    {
        await IndexAsync();
        Assert.Empty(await HitsAsync("zebra crossing", SearchKind.Commit));

        var sha = Project.Builder.Commit("docs: zebra crossing", author: "Zed Zebra", email: "zed@example.org", date: PortalProject.Noon(2021, 5, 5)).LastSha;
        Project.Builder.AnnotatedTag("RELEASE-1.2.9", "Release 1.2.9", PortalProject.Noon(2021, 5, 6));
        var result = await IndexAsync();

        Assert.Equal(1, result.NewCommits);
        Assert.Equal([sha], (await HitsAsync("zebra crossing", SearchKind.Commit)).Select(h => h.Key));
        Assert.Equal([sha], (await HitsAsync("zed", SearchKind.Commit)).Select(h => h.Key));
        Assert.Equal(["1.2.9"], (await HitsAsync("1.2.9", SearchKind.Release)).Select(h => h.Key));
        Assert.Equal(Project.CountCommits("--all"), await CountAsync(SearchKind.Commit));
    }

    [Fact]
    public async Task Indexer_AdvisoryNamedInAMessage_FindsTheCommitByItsId()
    {
        var sha = Project.Builder.Commit("x86/mm: validate the guest's table\n\nThis is XSA-777 / CVE-2021-44444.\n", date: PortalProject.Noon(2021, 5, 5)).LastSha;
        await IndexAsync();

        Assert.Equal([sha], (await HitsAsync("XSA-777", SearchKind.Commit)).Select(h => h.Key));
        Assert.Equal([sha], (await HitsAsync("CVE-2021-44444", SearchKind.Commit)).Select(h => h.Key));
        Assert.Empty(await HitsAsync("XSA-778", SearchKind.Commit));
    }

    [Fact]
    public async Task NewsStore_PostChanges_AreFoundAtOnce()
    {
        await IndexAsync();
        var store = new NewsStore(Database, new FakeTimeProvider(PortalProject.Now));

        var post = await store.CreateAsync(new PostDraft("Quokka sighting", "A quokka was seen.", "Nora Notes", ["Community"], Published: false));
        Assert.Empty(await HitsAsync("quokka", SearchKind.Post));

        await store.UpdateAsync(post.Slug, new PostChange { Published = true });
        Assert.Equal([post.Slug], (await HitsAsync("quokka", SearchKind.Post)).Select(h => h.Key));

        await store.UpdateAsync(post.Slug, new PostChange { Title = "Wombat sighting", Markdown = "A wombat." });
        Assert.Empty(await HitsAsync("quokka", SearchKind.Post));
        Assert.Equal(["Wombat sighting"], (await HitsAsync("wombat", SearchKind.Post)).Select(h => h.Title));

        Assert.True(await store.DeleteAsync(post.Slug));
        Assert.Empty(await HitsAsync("wombat", SearchKind.Post));
    }

    [Fact]
    public async Task Migration_IndexMadeBefore_IsSearchableWithoutIndexingAgain()
    {
        await IndexAsync();
        var store = new NewsStore(Database, new FakeTimeProvider(PortalProject.Now));
        var post = await store.CreateAsync(new PostDraft("Platypus news", "Eggs.", "Nora Notes", ["Community"], Published: true));
        await store.CreateAsync(new PostDraft("Platypus draft", "Not yet.", "Nora Notes", ["Community"], Published: false));
        await using (var context = Database.CreateContext())
        {
            await context.GetService<IMigrator>().MigrateAsync("News");
            await context.Database.MigrateAsync();
        }

        Assert.Equal(Project.CountCommits("--all"), await CountAsync(SearchKind.Commit));
        Assert.Equal(
            new[] { Project.FixA, Project.FixAOn11, Project.FixAOn12 }.Order(StringComparer.Ordinal),
            (await HitsAsync("x86/mm", SearchKind.Commit)).Select(h => h.Key).Order(StringComparer.Ordinal));
        Assert.Equal(["1.2.1", "1.2.0"], (await HitsAsync("1.2", SearchKind.Release)).Select(h => h.Key));
        Assert.Equal(["1.3.0-rc1"], (await HitsAsync("rc1", SearchKind.Release)).Select(h => h.Key));
        Assert.Equal([post.Slug], (await HitsAsync("platypus", SearchKind.Post)).Select(h => h.Key));
    }

    [Fact]
    public async Task Search_CommitsAndReleases_ComeNewestFirst()
    {
        await IndexAsync();

        var commits = await HitsAsync("master work", SearchKind.Commit);
        var releases = await HitsAsync("1", SearchKind.Release);

        Assert.Equal(["Master work 4", "sched: master work 3", "arm: master work 2", "x86: master work 1"], commits.Select(c => c.Title));
        Assert.Equal("1.3.0-rc1", releases[0].Key);
        Assert.Equal("1.0.0", releases[^1].Key);
    }

    /// <summary>The PostgreSQL connection string, or null for SQLite in the data folder.</summary>
    protected abstract Task<string?> CreateDatabaseAsync();

    /// <summary>Removes what <see cref="CreateDatabaseAsync"/> made.</summary>
    protected abstract Task DropDatabaseAsync();

    private Task<IndexResult> IndexAsync()
    {
        var project = HeraldProject.Open(Project.Builder.Path, Project.ConfigPath, _data, Project.WorkingDirectory, Project.DataHome);
        return new Indexer(project, Database, new FakeTimeProvider(PortalProject.Now), parallelism: 2).RunAsync();
    }

    private async Task<IReadOnlyList<SearchHit>> HitsAsync(string query, SearchKind kind) =>
        (await new SearchIndex(Database).SearchAsync(SearchQuery.Parse(query), SearchIndex.MaxLimit)).Groups.Single(g => g.Kind == kind).Hits;

    private async Task<long> CountAsync(SearchKind kind)
    {
        await using var context = Database.CreateContext();
        var (lo, hi) = (kind.Lowest(), kind.Highest());
        var query = Database.IsPostgres
            ? context.Database.SqlQuery<long>($"SELECT count(*) AS \"Value\" FROM search WHERE id BETWEEN {lo} AND {hi}")
            : context.Database.SqlQuery<long>($"SELECT count(*) AS \"Value\" FROM search WHERE rowid BETWEEN {lo} AND {hi}");
        return await query.SingleAsync();
    }
}

public sealed class SqliteSearchIndexTests : SearchIndexTests
{
    protected override Task<string?> CreateDatabaseAsync() => Task.FromResult<string?>(null);

    protected override Task DropDatabaseAsync() => Task.CompletedTask;
}

public sealed class PostgresSearchIndexTests : SearchIndexTests
{
    private readonly PostgresTestDatabaseSlot _postgres = new();

    protected override Task<string?> CreateDatabaseAsync() => _postgres.CreateAsync();

    protected override Task DropDatabaseAsync() => _postgres.DropAsync();
}
