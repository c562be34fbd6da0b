using System.Net;
using System.Net.Http.Headers;
using Herald.Accounts;
using Herald.Advisories;
using Herald.Storage;
using Herald.Tests.Editing;
using Herald.Tests.Support;
using Herald.Tests.Web;
using Herald.Web;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Herald.Tests.Advisories;

/// <summary>
/// A portal on SQLite ("now" <see cref="Now"/>, a fake clock) with managed advisories in every state around the
/// embargo instant, so that one clock covers before, at and after it:
/// <list type="bullet">
/// <item><c>XSA-500</c> embargoed until a day after now (before the instant), named by a commit on master and its
/// backport in release 1.0.1, with a patch and a stored text;</item>
/// <item><c>XSA-501</c> embargoed until now exactly (at the instant: public);</item>
/// <item><c>XSA-502</c> embargoed until an hour ago (after the instant, the publisher has not run: public);</item>
/// <item><c>XSA-503</c> a draft (only the security team);</item>
/// <item><c>XSA-504</c> published (early, with a reason).</item>
/// </list>
/// The pre-disclosure list holds one member (<see cref="MemberToken"/>); <see cref="RemovedToken"/> belonged to a
/// member since removed: the pre-disclosure list is the project's, so "a member of another organisation" is a token
/// this portal does not (or no longer) know, whoever holds it. Accounts: <c>sec</c> (security), <c>adm</c> (admin),
/// <c>ed</c> (editor). Each client has its own cookies and client address (the token limits are per address).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes it through IAsyncLifetime.DisposeAsync.")]
public class AdvisoryAccessFixture : IAsyncLifetime
{
    public const string ConfigText = """
        [project]
        name = "Access Fixture"
        slug = "access-fixture"

        [releases]
        tag = "RELEASE-{version}"
        candidate = "{version}-rc{n}"
        branch = "stable-{series}"

        [policy]
        general_months = 18
        security_months = 36

        [security]
        advisory_url = "https://security.example.org/advisory-{n}.html"

        """;

    public const string PatchText = "--- a/xen/grant.c\n+++ b/xen/grant.c\n@@ -1 +1 @@\n-int grant;\n+unsigned int grant;\n";

    public const string SecretDescription = "The grant table can be overrun by a guest.";

    /// <summary>"Now" for the portal.</summary>
    public static DateTimeOffset Now { get; } = new(2020, 9, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The ids and who may see each: true for everyone, "member" for members and the security team, "security" for it alone.</summary>
    public static IReadOnlyDictionary<string, string> Audience { get; } = new Dictionary<string, string>
    {
        ["XSA-500"] = "member",
        ["XSA-501"] = "everyone",
        ["XSA-502"] = "everyone",
        ["XSA-503"] = "security",
        ["XSA-504"] = "everyone",
    };

    private TempDirectory? _files;
    private RepoBuilder? _builder;
    private PortalHost? _host;
    private int _addresses;

    public PortalHost Host => _host ?? throw new InvalidOperationException("The fixture is not initialised.");

    public IndexDatabase Database => Host.Services.GetRequiredService<PortalState>().View.Database
        ?? throw new InvalidOperationException("The portal has not opened its database.");

    public FakeTimeProvider Clock => (FakeTimeProvider)Host.Services.GetRequiredService<TimeProvider>();

    /// <summary>The master commit naming XSA-500.</summary>
    public string Fix500 { get; private set; } = string.Empty;

    public string MemberToken { get; private set; } = string.Empty;

    public string RemovedToken { get; private set; } = string.Empty;

    public Dictionary<string, string> Passwords { get; } = new(StringComparer.Ordinal);

    public async Task InitializeAsync()
    {
        try
        {
            _files = TempDirectory.Create();
            _builder = RepoBuilder.Create();
            Build(_builder);
            _host = PortalHost.Start(new PortalOptions
            {
                Repository = _builder.Path,
                Config = _files.WriteFile("config/herald.toml", ConfigText),
                Data = _files.CreateSubdirectory("data"),
                PublishCheckInterval = TimeSpan.FromMilliseconds(200),
                Database = await CreateDatabaseAsync(),
            }, Now);
            await Host.WaitUntilHealthyAsync();
            await SeedAsync();
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
        _builder?.Dispose();
        _builder = null;
        _files?.Dispose();
        _files = null;
    }

    /// <summary>The PostgreSQL connection string to serve from, or null for SQLite in the data folder.</summary>
    protected virtual Task<string?> CreateDatabaseAsync() => Task.FromResult<string?>(null);

    /// <summary>Removes what <see cref="CreateDatabaseAsync"/> made.</summary>
    protected virtual Task DropDatabaseAsync() => Task.CompletedTask;

    /// <summary>A client with its own cookie jar and client address; it does not follow redirects.</summary>
    public HttpClient NewClient(string? bearer = null)
    {
        var address = IPAddress.Parse("10.1.0." + (Interlocked.Increment(ref _addresses) % 250 + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var server = (TestServer)Host.Services.GetRequiredService<IServer>();
        var handler = new CookieContainerHandler(new CookieContainer()) { InnerHandler = server.CreateHandler(context => context.Connection.RemoteIpAddress = address) };
        var client = new HttpClient(handler) { BaseAddress = new Uri("http://localhost/") };
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return client;
    }

    /// <summary>A client of <paramref name="viewer"/>: anonymous, member (bearer), member-cookie, security, admin, editor.</summary>
    public async Task<HttpClient> ClientAsync(string viewer)
    {
        switch (viewer)
        {
            case "anonymous":
                return NewClient();
            case "member":
                return NewClient(MemberToken);
            case "member-cookie":
                return await MemberSignedInAsync(MemberToken);
            default:
                var name = viewer switch { "security" => "sec", "admin" => "adm", _ => "ed" };
                var client = NewClient();
                using (var response = await EditingPortal.SignInAsync(client, name, Passwords[name]))
                {
                    Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                }

                return client;
        }
    }

    /// <summary>A client signed in at <c>/advisories/sign-in</c> with <paramref name="token"/>.</summary>
    public async Task<HttpClient> MemberSignedInAsync(string token)
    {
        var client = NewClient();
        using var response = await SignInMemberAsync(client, token);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/advisories", response.Headers.Location?.OriginalString);
        return client;
    }

    /// <summary>Fills in and sends the member's sign-in form.</summary>
    public static async Task<HttpResponseMessage> SignInMemberAsync(HttpClient client, string token)
    {
        var antiforgery = await EditingPortal.TokenAsync(client, "/advisories/sign-in");
        return await EditingPortal.PostFormAsync(client, "/advisories/sign-in", new() { ["Token"] = token, ["__RequestVerificationToken"] = antiforgery });
    }

    private async Task SeedAsync()
    {
        var database = Database;
        var clock = new FakeTimeProvider(Now.AddDays(-10));
        var store = new AdvisoryStore(database, clock);
        var none = new HashSet<int>();
        await store.CreateAsync(new AdvisoryDraft
        {
            Number = 500,
            Title = "Grant table overrun",
            Cves = ["CVE-2020-5000"],
            Affects = ["1.0"],
            Commits = [Fix500],
            EmbargoUntil = Now.AddDays(1),
            Sections = new AdvisorySections { Description = SecretDescription, Impact = "A guest may **escalate** <script>alert(1)</script>.", Resolution = "Apply xsa500.patch." },
            Patches = [new PatchUpload("stable-1.0", "xsa500.patch", System.Text.Encoding.UTF8.GetBytes(PatchText))],
        }, "XSA", none);
        await store.CreateAsync(new AdvisoryDraft { Number = 501, Title = "Ends now", EmbargoUntil = Now }, "XSA", none);
        await store.CreateAsync(new AdvisoryDraft { Number = 502, Title = "Ended an hour ago", EmbargoUntil = Now.AddHours(-1) }, "XSA", none);
        await store.CreateAsync(new AdvisoryDraft { Number = 503, Title = "Draft in the works" }, "XSA", none);
        await store.CreateAsync(new AdvisoryDraft { Number = 504, Title = "Published early", EmbargoUntil = Now.AddDays(5) }, "XSA", none);
        await store.PublishAsync("XSA-504", "the issue was discussed in public");
        for (var n = 500; n <= 504; n++)
        {
            await store.SetTextAsync(n, 1, $"XSA-{n} text, signed\n");
        }

        var list = new PredisclosureList(database, clock);
        MemberToken = (await list.AddAsync("Cloud Host", "security@cloud.example")).Token;
        RemovedToken = (await list.AddAsync("Gone Vendor", "psirt@gone.example")).Token;
        Assert.True(await list.RemoveAsync("psirt@gone.example"));

        var accounts = new AccountStore(database, clock);
        foreach (var (name, role) in new[] { ("sec", Role.Security), ("adm", Role.Admin), ("ed", Role.Editor) })
        {
            Passwords[name] = (await accounts.AddAsync(name, [role])).Password;
        }

        await WaitForDeskAsync(5);
    }

    /// <summary>Waits until the portal serves <paramref name="count"/> managed advisories.</summary>
    public async Task WaitForDeskAsync(int count)
    {
        var state = Host.Services.GetRequiredService<PortalState>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (state.View.Desk.All.Count != count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the portal never loaded {count} advisories (has {state.View.Desk.All.Count}).");
            await Task.Delay(50);
        }
    }

    /// <summary>Waits until the portal's desk was read at <paramref name="generation"/> or later.</summary>
    public async Task WaitForGenerationAsync(long generation)
    {
        var state = Host.Services.GetRequiredService<PortalState>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (state.View.Desk.Generation < generation)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the portal never read advisory generation {generation}.");
            await Task.Delay(50);
        }
    }

    private static DateTimeOffset Noon(int month, int day) => new(2020, month, day, 12, 0, 0, TimeSpan.Zero);

    private static Dictionary<string, string> File(string name) => new() { [$"xen/{name}.c"] = $"/* {name} */\nint {name};\n" };

    private void Build(RepoBuilder b)
    {
        b.Commit("Initial import", date: Noon(1, 6), files: new Dictionary<string, string> { [RepoBuilder.DefaultFile] = "history\n" });
        b.AnnotatedTag("RELEASE-1.0.0", "Release 1.0.0", Noon(2, 1)).Branch("stable-1.0");
        var fix1 = b.Commit("x86: check an index\n\nThis is XSA-1.\n", date: Noon(3, 1), files: File("index")).LastSha;
        Fix500 = b.Commit("xen/grant: bound the grant table (XSA-500)\n\nThis is XSA-500 / CVE-2020-5000.\n", date: Noon(4, 1), files: File("grant")).LastSha;
        b.Checkout("stable-1.0");
        b.Backport(fix1, date: Noon(4, 4));
        b.Backport(Fix500, date: Noon(4, 5));
        b.AnnotatedTag("RELEASE-1.0.1", "Release 1.0.1", Noon(4, 10));
        b.Checkout("master");
    }
}

/// <summary>A second instance, for the tests that change advisories or move the clock.</summary>
public sealed class AdvisoryChangesFixture : AdvisoryAccessFixture;

/// <summary>The same portal on a fresh PostgreSQL database from <c>HERALD_TEST_POSTGRES</c>.</summary>
public sealed class PostgresAdvisoryAccessFixture : AdvisoryAccessFixture
{
    private readonly Herald.Tests.Storage.PostgresTestDatabaseSlot _postgres = new();

    protected override Task<string?> CreateDatabaseAsync() => _postgres.CreateAsync();

    protected override Task DropDatabaseAsync() => _postgres.DropAsync();
}
