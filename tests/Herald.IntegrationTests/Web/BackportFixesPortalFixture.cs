using Herald.Tests.Backports;
using Herald.Web;
using Xunit;

namespace Herald.Tests.Web;

/// <summary><see cref="BackportFixesFixture"/> served by the portal on SQLite, indexed once, "now" its <see cref="BackportFixesFixture.Now"/>.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed class BackportFixesPortalFixture : IAsyncLifetime
{
    private BackportFixesFixture? _project;
    private PortalHost? _host;

    /// <summary>The repository served.</summary>
    public BackportFixesFixture Project => _project ?? throw new InvalidOperationException("The fixture is not initialised.");

    /// <summary>The running portal.</summary>
    public PortalHost Host => _host ?? throw new InvalidOperationException("The fixture is not initialised.");

    public async Task InitializeAsync()
    {
        try
        {
            _project = new BackportFixesFixture();
            var options = new PortalOptions
            {
                Repository = Project.Builder.Path,
                Config = Project.ConfigPath,
                Data = Project.NewFolder("data"),
            };
            _host = PortalHost.Start(options, BackportFixesFixture.Now);
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

        _project?.Dispose();
        _project = null;
    }
}
