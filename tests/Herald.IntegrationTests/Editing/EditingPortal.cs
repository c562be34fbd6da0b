using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Herald.Accounts;
using Herald.News;
using Herald.Storage;
using Herald.Tests.Storage;
using Herald.Tests.Web;
using Herald.Web;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Herald.Tests.Editing;

/// <summary>
/// A small project served by the portal in memory for the editing tests, with accounts and posts written
/// straight into its index database. Each client gets its own cookies and its own client address, so that
/// the sign-in limits of one test do not reach another.
/// </summary>
public abstract class EditingPortal : IAsyncLifetime
{
    private PortalProject? _project;
    private PortalHost? _host;
    private int _addresses;
    private int _names;

    /// <summary>The running portal.</summary>
    public PortalHost Host => _host ?? throw new InvalidOperationException("The fixture is not initialised.");

    /// <summary>The portal's data folder.</summary>
    public string DataFolder { get; private set; } = string.Empty;

    /// <summary>The index database the portal opened.</summary>
    public IndexDatabase Database => Host.Services.GetRequiredService<PortalState>().View.Database
        ?? throw new InvalidOperationException("The portal has not opened its database.");

    /// <summary>The accounts.</summary>
    public AccountStore Accounts => new(Database, TimeProvider.System);

    /// <summary>The posts.</summary>
    public NewsStore News => new(Database, TimeProvider.System);

    public async Task InitializeAsync()
    {
        try
        {
            _project = PortalProject.CreateSmall();
            DataFolder = _project.NewFolder("data");
            var options = new PortalOptions
            {
                Repository = _project.Builder.Path,
                Config = _project.ConfigPath,
                Data = DataFolder,
                Database = await CreateDatabaseAsync(),
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

    /// <summary>A client with its own cookie jar and client address; it does not follow redirects.</summary>
    public HttpClient NewClient()
    {
        var address = IPAddress.Parse("10.0.0." + (Interlocked.Increment(ref _addresses) % 250 + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var server = (TestServer)Host.Services.GetRequiredService<IServer>();
        var handler = new CookieContainerHandler(new CookieContainer()) { InnerHandler = server.CreateHandler(context => context.Connection.RemoteIpAddress = address) };
        return new HttpClient(handler) { BaseAddress = new Uri("http://localhost/") };
    }

    /// <summary>A new account name (accounts are shared by the tests of a class).</summary>
    public string NewName(string prefix) => $"{prefix}{Interlocked.Increment(ref _names)}";

    /// <summary>Makes account <paramref name="name"/> with <paramref name="roles"/> and a client signed in as it.</summary>
    public async Task<HttpClient> SignedInAsync(string name, params string[] roles)
    {
        var (_, password) = await Accounts.AddAsync(name, roles);
        var client = NewClient();
        using var response = await SignInAsync(client, name, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>Fills in and sends the sign-in form.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string name, string password, string returnUrl = "")
    {
        var query = returnUrl.Length == 0 ? string.Empty : "?ReturnUrl=" + Uri.EscapeDataString(returnUrl);
        var token = await TokenAsync(client, "/editor/sign-in" + query);
        return await PostFormAsync(client, "/editor/sign-in" + query, new() { ["Name"] = name, ["Password"] = password, ["ReturnUrl"] = returnUrl, ["__RequestVerificationToken"] = token });
    }

    /// <summary>The antiforgery token in the first form of <paramref name="path"/>.</summary>
    public static async Task<string> TokenAsync(HttpClient client, string path)
    {
        var (response, document) = await GetHtmlAsync(client, path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return document.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"{path} has no antiforgery token.");
    }

    /// <summary>GETs <paramref name="path"/> and parses it.</summary>
    public static async Task<(HttpResponseMessage Response, IHtmlDocument Document)> GetHtmlAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        return (response, new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync()));
    }

    /// <summary>POSTs <paramref name="fields"/> as a form.</summary>
    public static Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, Dictionary<string, string> fields) =>
        client.PostAsync(path, new FormUrlEncodedContent(fields));

    /// <summary>The PostgreSQL connection string, or null for SQLite in the data folder.</summary>
    protected abstract Task<string?> CreateDatabaseAsync();

    /// <summary>Removes what <see cref="CreateDatabaseAsync"/> made.</summary>
    protected abstract Task DropDatabaseAsync();
}

/// <summary>The editing portal on SQLite.</summary>
public sealed class SqliteEditingPortal : EditingPortal
{
    protected override Task<string?> CreateDatabaseAsync() => Task.FromResult<string?>(null);

    protected override Task DropDatabaseAsync() => Task.CompletedTask;
}

/// <summary>The editing portal on a fresh PostgreSQL database from <c>HERALD_TEST_POSTGRES</c>.</summary>
public sealed class PostgresEditingPortal : EditingPortal
{
    private readonly PostgresTestDatabaseSlot _postgres = new();

    protected override Task<string?> CreateDatabaseAsync() => _postgres.CreateAsync();

    protected override Task DropDatabaseAsync() => _postgres.DropAsync();
}
