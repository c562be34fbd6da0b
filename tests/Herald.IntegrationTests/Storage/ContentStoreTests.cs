using Herald.Accounts;
using Herald.News;
using Herald.Storage;
using Herald.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Herald.Tests.Storage;

/// <summary>
/// Posts and accounts in the index database, on SQLite and on PostgreSQL: the same behaviour from both,
/// since a portal may move from one to the other.
/// </summary>
public sealed class ContentStoreTests : IAsyncLifetime
{
    private readonly TempDirectory _folder = TempDirectory.Create();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
    private PostgresTestDatabase? _postgres;

    public async Task InitializeAsync() => _postgres = await PostgresTestDatabase.CreateAsync();

    public async Task DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        _folder.Dispose();
    }

    public static TheoryData<string> Providers => new() { "sqlite", "postgres" };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task CreateAsync_SameTitleTwice_SecondGetsNumberedSlugAndBothAreListedNewestFirst(string provider)
    {
        var store = new NewsStore(await OpenAsync(provider), _clock);

        var first = await store.CreateAsync(new PostDraft("Download server moved", "Body", "alice", ["News"], Published: true));
        _clock.Advance(TimeSpan.FromMinutes(1));
        var second = await store.CreateAsync(new PostDraft("Download server moved!", "Body 2", "bob", [], Published: false));

        Assert.Equal("download-server-moved", first.Slug);
        Assert.Equal("download-server-moved-2", second.Slug);
        Assert.Equal(["download-server-moved-2", "download-server-moved"], (await store.ListAsync()).Select(p => p.Slug));
        var news = Assert.Single(first.Categories);
        Assert.Equal(("news", "News"), (news.Slug, news.Name));
        var snapshot = await store.LoadSnapshotAsync();
        Assert.Equal(["download-server-moved"], snapshot.Posts.Select(p => p.Slug));
        Assert.Equal(["News", "Releases"], snapshot.Categories.Select(c => c.Name));
        Assert.Equal(NewsCategories.ReleasesDescription, snapshot.FindCategory("releases")?.Description);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task SaveAnnouncementAsync_SameVersionsAgainInAnotherOrder_UpdatesTheOnePost(string provider)
    {
        var store = new NewsStore(await OpenAsync(provider), _clock);
        var draft = new PostDraft("Xen Project 4.6.6 and 4.7.3 are available", "v1", "herald", [NewsCategories.ReleasesName], Published: true) { Versions = ["4.6.6", "4.7.3"] };

        var (made, created) = await store.SaveAnnouncementAsync(draft);
        _clock.Advance(TimeSpan.FromHours(1));
        var (again, createdAgain) = await store.SaveAnnouncementAsync(draft with { Markdown = "v2", Versions = ["4.7.3", "4.6.6"] });

        Assert.True(created);
        Assert.False(createdAgain);
        Assert.Equal(made.Slug, again.Slug);
        Assert.Equal("v2", again.Markdown);
        Assert.Equal(2, again.Revision);
        Assert.Equal(made.Date, again.Date);
        var only = Assert.Single(await store.ListAsync());
        Assert.Equal(["4.6.6", "4.7.3"], only.Versions);
        Assert.Equal([only.Slug], (await store.LoadSnapshotAsync()).Announcing("4.7.3").Select(p => p.Slug));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task UpdateAsync_PublishUnpublishDelete_MovesTheGenerationOnEachTime(string provider)
    {
        var store = new NewsStore(await OpenAsync(provider), _clock);
        var post = await store.CreateAsync(new PostDraft("Driver news", "Draft body", "alice", ["Drivers"], Published: false));
        var generations = new List<long> { await store.ReadGenerationAsync() };

        _clock.Advance(TimeSpan.FromDays(1));
        var published = await store.UpdateAsync(post.Slug, new PostChange { Published = true, Categories = ["Drivers", "News"] });
        generations.Add(await store.ReadGenerationAsync());
        var unpublished = await store.UpdateAsync(post.Slug, new PostChange { Published = false });
        generations.Add(await store.ReadGenerationAsync());
        Assert.True(await store.DeleteAsync(post.Slug));
        generations.Add(await store.ReadGenerationAsync());

        Assert.Equal(_clock.GetUtcNow(), published.Date);
        Assert.Equal(["Drivers", "News"], published.Categories.Select(c => c.Name));
        Assert.False(unpublished.Published);
        Assert.Equal(generations.Order(), generations);
        Assert.Equal(generations.Count, generations.Distinct().Count());
        Assert.Null(await store.FindAsync(post.Slug));
        Assert.False(await store.DeleteAsync(post.Slug));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task CreateAsync_BadInput_IsRefusedWithTheValueNamed(string provider)
    {
        var store = new NewsStore(await OpenAsync(provider), _clock);

        var badSlug = await Assert.ThrowsAsync<HeraldException>(() => store.CreateAsync(new PostDraft("T", "B", "a", [], true) { Slug = "../etc/passwd" }));
        var badTitle = await Assert.ThrowsAsync<HeraldException>(() => store.CreateAsync(new PostDraft("two\nlines", "B", "a", [], true)));
        await store.CreateAsync(new PostDraft("T", "B", "a", [], true) { Slug = "taken" });
        var taken = await Assert.ThrowsAsync<HeraldException>(() => store.CreateAsync(new PostDraft("T", "B", "a", [], true) { Slug = "taken" }));
        var missing = await Assert.ThrowsAsync<HeraldException>(() => store.UpdateAsync("nope", new PostChange { Title = "x" }));

        Assert.Contains("'../etc/passwd' is not a slug", badSlug.Message, StringComparison.Ordinal);
        Assert.Contains("one line", badTitle.Message, StringComparison.Ordinal);
        Assert.Contains("'taken' exists already", taken.Message, StringComparison.Ordinal);
        Assert.Contains("'nope'", missing.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task SaveCategoryAsync_NewThenAgain_MakesItThenChangesItsDescription(string provider)
    {
        var store = new NewsStore(await OpenAsync(provider), _clock);

        var made = await store.SaveCategoryAsync("Drivers", "New drivers");
        var before = await store.ReadGenerationAsync();
        var changed = await store.SaveCategoryAsync("drivers", "New drivers and their development builds");

        Assert.Equal(("drivers", "Drivers", "New drivers"), (made.Slug, made.Name, made.Description));
        Assert.Equal("New drivers and their development builds", changed.Description);
        Assert.True(await store.ReadGenerationAsync() > before);
        Assert.Equal(["drivers", "releases"], (await store.CategoriesAsync()).Select(c => c.Slug));
        Assert.Contains("at most 500", (await Assert.ThrowsAsync<HeraldException>(() => store.SaveCategoryAsync("X", new string('x', 501)))).Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AccountStore_AddVerifyReAdd_OldPasswordAndStampStopWorking(string provider)
    {
        var accounts = new AccountStore(await OpenAsync(provider), _clock);

        var (alice, password) = await accounts.AddAsync("alice", ["Editor"]);
        var signedIn = await accounts.VerifyAsync("alice", password);
        var (again, newPassword) = await accounts.AddAsync("alice", [Role.Admin]);

        Assert.Equal(["editor"], alice.Roles);
        Assert.Equal(20, password.Length);
        Assert.Equal(alice.Stamp, signedIn?.Stamp);
        Assert.Null(await accounts.VerifyAsync("alice", "wrong"));
        Assert.Null(await accounts.VerifyAsync("nobody", password));
        Assert.Null(await accounts.VerifyAsync("alice", password));
        Assert.Equal(["admin", "editor"], (await accounts.VerifyAsync("alice", newPassword))?.Roles);
        Assert.NotEqual(alice.Stamp, again.Stamp);
        Assert.Contains("'wizard' is not known", (await Assert.ThrowsAsync<HeraldException>(() => accounts.AddAsync("bob", ["wizard"]))).Message, StringComparison.Ordinal);
        Assert.Contains("'bad name'", (await Assert.ThrowsAsync<HeraldException>(() => accounts.AddAsync("bad name", [Role.Editor]))).Message, StringComparison.Ordinal);
        Assert.True(await accounts.RemoveAsync("alice"));
        Assert.Null(await accounts.FindAsync("alice"));
    }

    private async Task<IndexDatabase> OpenAsync(string provider)
    {
        var database = provider == "sqlite"
            ? IndexDatabase.For(_folder.CreateSubdirectory("data"), null)
            : IndexDatabase.For(_folder.Path, _postgres!.ConnectionString);
        await database.EnsureMigratedAsync();
        return database;
    }
}
