using Herald.News;
using Herald.Storage;
using Herald.Tests.Storage;
using Herald.Tests.Web;
using Herald.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Herald.Tests.News;

/// <summary>
/// <see cref="PortalProject"/> (small) indexed, with release notes on 1.2.1 and posts written through
/// <see cref="NewsStore"/>, then served with <c>[downloads] base_url</c> set to <see cref="BaseUrl"/>.
/// Eleven posts are published, one a day from <see cref="FirstPostAt"/>: <see cref="NoteCount"/> community
/// notes, the announcement of 1.2.1 (<see cref="AnnouncementSlug"/>) and a post full of markup
/// (<see cref="MarkupSlug"/>), newest last; one more is a draft (<see cref="DraftSlug"/>).
/// </summary>
public abstract class NewsPortalFixture : IAsyncLifetime
{
    public const string BaseUrl = "https://herald.example.org";

    public const string AnnouncementSlug = "portal-fixture-1-2-1-released";

    public const string AnnouncementTitle = "Portal Fixture 1.2.1 released";

    public const string AnnouncementBody = """
        Portal Fixture 1.2.1 is out, with the page table fix.

        ## What changed

        - **x86/mm**: fix page table walk
        """;

    public const string MarkupSlug = "markup-and-tricks";

    public const string MarkupTitle = "Markup & <b>tricks</b>";

    public const string MarkupBody = """
        Hello <script>alert('body')</script> *world*.

        <img src="https://example.org/logo.png" alt="logo" onerror="alert(1)">

        [click me](javascript:alert(2)) and <a href="javascript:alert(3)">raw</a> and <a href="https://example.org/" onclick="alert(4)">safe</a>.

        <iframe src="https://evil.example/"></iframe><svg onload="alert(5)"></svg>
        """;

    public const string DraftSlug = "secret-draft";

    public const string NotesMarker = "Page table walks cover all four levels.";

    public const string Notes = """
        ### Fixed

        - Page table walks cover all four levels.

        <script>alert('notes')</script>
        """;

    public const int NoteCount = 9;

    /// <summary>When the first post was written (08:30:15 UTC, a time of day a date alone would lose).</summary>
    public static DateTimeOffset FirstPostAt { get; } = new(2021, 5, 1, 8, 30, 15, TimeSpan.Zero);

    /// <summary>The published posts' titles, newest first.</summary>
    public static IReadOnlyList<string> PublishedTitles { get; } =
        [MarkupTitle, AnnouncementTitle, .. Enumerable.Range(1, NoteCount).Reverse().Select(NoteTitle)];

    private PortalProject? _project;
    private PortalHost? _host;

    public PortalProject Project => _project ?? throw new InvalidOperationException("The fixture is not initialised.");

    public PortalHost Host => _host ?? throw new InvalidOperationException("The fixture is not initialised.");

    public static string NoteTitle(int n) => $"Community note {n}";

    public async Task InitializeAsync()
    {
        try
        {
            _project = PortalProject.CreateSmall();
            File.WriteAllText(Project.ConfigPath, PortalProject.ConfigText + $"[downloads]\nbase_url = \"{BaseUrl}/\"\n");
            var data = Project.NewFolder("data");
            var connection = await CreateDatabaseAsync();
            await PrepareAsync(Project, data, connection);
            _host = PortalHost.Start(new PortalOptions { Repository = Project.Builder.Path, Config = Project.ConfigPath, Data = data, Database = connection }, PortalProject.Now);
            await Host.WaitUntilHealthyAsync();
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
            _host = null;
        }

        await DropDatabaseAsync();
        _project?.Dispose();
        _project = null;
    }

    /// <summary>The PostgreSQL connection string to index into, or null for SQLite in the data folder.</summary>
    protected abstract Task<string?> CreateDatabaseAsync();

    /// <summary>Removes what <see cref="CreateDatabaseAsync"/> made.</summary>
    protected abstract Task DropDatabaseAsync();

    // Indexed before the portal starts, so that its first snapshot holds the notes the indexer will write one day.
    private static async Task PrepareAsync(PortalProject project, string data, string? connection)
    {
        var heraldProject = HeraldProject.Open(project.Builder.Path, project.ConfigPath, data, project.WorkingDirectory, project.DataHome);
        var database = IndexDatabase.For(data, connection);
        await new Indexer(heraldProject, database, new FakeTimeProvider(PortalProject.Now), parallelism: 2).RunAsync();
        await using (var context = database.CreateContext())
        {
            Assert.Equal(1, await context.Releases.Where(r => r.Version == "1.2.1").ExecuteUpdateAsync(s => s.SetProperty(r => r.Notes, Notes)));
        }

        var clock = new FakeTimeProvider(FirstPostAt);
        var store = new NewsStore(database, clock);
        for (var n = 1; n <= NoteCount; n++)
        {
            await store.CreateAsync(new PostDraft(NoteTitle(n), $"Note {n} begins here.\n\nNote {n} goes on.\n", "Nora Notes", ["Community"], Published: true));
            clock.Advance(TimeSpan.FromDays(1));
        }

        await store.CreateAsync(new PostDraft(AnnouncementTitle, AnnouncementBody, "Rel Manager", [NewsCategories.ReleasesName], Published: true) { Versions = ["1.2.1", "9.9.9"] });
        clock.Advance(TimeSpan.FromDays(1));
        await store.CreateAsync(new PostDraft(MarkupTitle, MarkupBody, "Eve & \"Co\"", ["Community", "Security"], Published: true) { Slug = MarkupSlug });
        clock.Advance(TimeSpan.FromDays(1));
        await store.CreateAsync(new PostDraft("Secret draft", "Not yet.", "Rel Manager", [NewsCategories.ReleasesName], Published: false) { Slug = DraftSlug, Versions = ["1.2.0"] });
    }
}

public sealed class SqliteNewsPortalFixture : NewsPortalFixture
{
    protected override Task<string?> CreateDatabaseAsync() => Task.FromResult<string?>(null);

    protected override Task DropDatabaseAsync() => Task.CompletedTask;
}

public sealed class PostgresNewsPortalFixture : NewsPortalFixture
{
    private readonly PostgresTestDatabaseSlot _postgres = new();

    protected override Task<string?> CreateDatabaseAsync() => _postgres.CreateAsync();

    protected override Task DropDatabaseAsync() => _postgres.DropAsync();
}
