using Herald.Tests.Storage;
using Herald.Web;
using Xunit;

namespace Herald.Tests.Web;

/// <summary>
/// <see cref="PortalProject"/> served by the portal, indexed once and shared by a test class; the
/// subclasses choose the database. <c>POST /api/refresh</c> takes <see cref="AdminToken"/>.
/// </summary>
public abstract class PortalFixture : IAsyncLifetime
{
    public const string AdminToken = "portal-test-token";

    private PortalProject? _project;
    private PortalHost? _host;

    /// <summary>The repository served.</summary>
    public PortalProject Project => _project ?? throw new InvalidOperationException("The fixture is not initialised.");

    /// <summary>The running portal.</summary>
    public PortalHost Host => _host ?? throw new InvalidOperationException("The fixture is not initialised.");

    /// <summary>A client of the portal.</summary>
    public HttpClient Client => Host.Client;

    public async Task InitializeAsync()
    {
        try
        {
            _project = PortalProject.Create();
            var database = await CreateDatabaseAsync();
            var options = new PortalOptions
            {
                Repository = Project.Builder.Path,
                Config = Project.ConfigPath,
                Data = Project.NewFolder("data"),
                Database = database,
                AdminToken = AdminToken,
            };
            _host = PortalHost.Start(options, PortalProject.Now);
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
}

/// <summary>The portal on SQLite (the default).</summary>
public sealed class SqlitePortalFixture : PortalFixture
{
    protected override Task<string?> CreateDatabaseAsync() => Task.FromResult<string?>(null);

    protected override Task DropDatabaseAsync() => Task.CompletedTask;
}

/// <summary>The portal on a fresh PostgreSQL database from <c>HERALD_TEST_POSTGRES</c>.</summary>
public sealed class PostgresPortalFixture : PortalFixture
{
    private readonly PostgresTestDatabaseSlot _postgres = new();

    protected override Task<string?> CreateDatabaseAsync() => _postgres.CreateAsync();

    protected override Task DropDatabaseAsync() => _postgres.DropAsync();
}
