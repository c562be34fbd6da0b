using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Xml.Linq;
using Herald.Tests.Support;
using Herald.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Herald.Tests.Web;

/// <summary>
/// The details visitors notice: links out (advisories, CVEs, the project's own places), feed times and ids,
/// the headers every answer carries, validators, the favicon, titles, forwarded headers and the OpenAPI document.
/// </summary>
public sealed class PortalDetailsTests(DetailsPortalFixture portal) : IClassFixture<DetailsPortalFixture>
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    [Fact]
    public async Task CommitPage_AdvisoryAndCveIds_LinkToTheConfiguredTemplates()
    {
        var (response, document) = await portal.Host.GetHtmlAsync("/commit/" + portal.Fix);
        using (response)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var message = document.QuerySelector("pre.message")!;
        // The whole message, as it was, with the ids in it linked.
        Assert.Equal("x86: fix the shadow walk (XSA-123)\n\n" + DetailsPortalFixture.FixBody(portal.Initial), message.TextContent.TrimEnd('\n'));
        Assert.Equal(
            ["https://xenbits.xen.org/xsa/advisory-123.html", "https://xenbits.xen.org/xsa/advisory-123.html", "https://www.cve.org/CVERecord?id=CVE-2026-12345"],
            message.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
        var advisories = document.QuerySelectorAll("dl.facts dt").Single(dt => dt.TextContent == "Advisories").NextElementSibling!;
        Assert.Equal(2, advisories.QuerySelectorAll("a[href^='https://']").Length);
    }

    [Fact]
    public async Task CommitPage_Sha_LinksToTheRepositoryBrowser()
    {
        var (response, document) = await portal.Host.GetHtmlAsync("/commit/" + portal.Fix[..10]);
        using (response)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var sha = document.QuerySelectorAll("dl.facts dt").Single(dt => dt.TextContent == "Commit").NextElementSibling!;
        Assert.Equal("https://git.example.org/?p=details.git;a=commit;h=" + portal.Fix, sha.QuerySelector("a")?.GetAttribute("href"));
        Assert.Equal(portal.Fix, sha.TextContent.Trim());
    }

    [Fact]
    public async Task CommitPage_FixesTrailer_LinksItsTarget()
    {
        var (response, document) = await portal.Host.GetHtmlAsync("/commit/" + portal.Fix);
        response.Dispose();

        Assert.Contains(document.QuerySelectorAll("dd a"), a => a.GetAttribute("href") == "/commit/" + portal.Initial);
    }

    [Fact]
    public async Task Layout_ProjectLinks_InTheHeaderAndTheFooter()
    {
        var (response, document) = await portal.Host.GetHtmlAsync("/releases");
        response.Dispose();

        foreach (var place in new[] { "header.site", "footer.site" })
        {
            var hrefs = document.QuerySelectorAll(place + " a").Select(a => a.GetAttribute("href")).ToList();
            Assert.Contains("https://details.example.org/", hrefs);
            Assert.Contains("https://wiki.details.example.org/", hrefs);
        }
    }

    [Fact]
    public async Task ReleasesFeed_Entries_CarryTheTagsTimesNewestFirst()
    {
        var feed = await GetFeedAsync("/feeds/releases.atom", host: null);

        var entries = feed.Elements(Atom + "entry").ToList();
        Assert.Equal(["Details Fixture 1.0.1", "Details Fixture 1.0.0"], entries.Select(e => e.Element(Atom + "title")?.Value));
        Assert.Equal(["2020-03-15T17:05:33Z", "2020-02-01T09:41:07Z"], entries.Select(e => e.Element(Atom + "published")?.Value));
        Assert.Equal("2020-03-15T17:05:33Z", feed.Element(Atom + "updated")?.Value);
    }

    [Fact]
    public async Task ReleasesFeed_HostileHostHeader_IdsAndLinksFromTheConfiguration()
    {
        var honest = await GetFeedAsync("/feeds/releases.atom", host: null);
        var hostile = await GetFeedAsync("/feeds/releases.atom", host: "evil.example");

        Assert.Equal(honest.ToString(), hostile.ToString());
        Assert.DoesNotContain("evil.example", hostile.ToString(), StringComparison.Ordinal);
        Assert.Equal("https://details.example.org/portal/feeds/releases.atom", hostile.Element(Atom + "id")?.Value);
        Assert.Equal(
            ["https://details.example.org/portal/releases/1.0.1", "https://details.example.org/portal/releases/1.0.0"],
            hostile.Elements(Atom + "entry").Select(e => e.Element(Atom + "link")?.Attribute("href")?.Value));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/releases")]
    [InlineData("/no/such/page")]
    [InlineData("/api/status")]
    [InlineData("/feeds/releases.atom")]
    [InlineData("/favicon.svg")]
    public async Task AnyAnswer_Always_ForbidsSniffingAndCarriesTheContentSecurityPolicy(string path)
    {
        using var response = await portal.Host.Client.GetAsync(path);

        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("style-src 'self'", policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_LastModified_IsWhenTheIndexWasMadeAndIfModifiedSinceGets304()
    {
        using var first = await portal.Host.Client.GetAsync("/releases");
        var lastModified = first.Content.Headers.LastModified;
        Assert.NotNull(lastModified);
        Assert.Equal(PortalProjectNow(), lastModified!.Value);

        using var same = new HttpRequestMessage(HttpMethod.Get, "/releases");
        same.Headers.IfModifiedSince = lastModified;
        using var notModified = await portal.Host.Client.SendAsync(same);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);

        using var older = new HttpRequestMessage(HttpMethod.Get, "/releases");
        older.Headers.IfModifiedSince = lastModified.Value.AddSeconds(-1);
        using var modified = await portal.Host.Client.SendAsync(older);
        Assert.Equal(HttpStatusCode.OK, modified.StatusCode);
    }

    [Fact]
    public async Task Favicon_BothAddresses_AnswerTheSvgTheLayoutLinks()
    {
        using var svg = await portal.Host.Client.GetAsync("/favicon.svg");
        using var ico = await portal.Host.Client.GetAsync("/favicon.ico");
        var (page, document) = await portal.Host.GetHtmlAsync("/");
        page.Dispose();

        Assert.Equal((HttpStatusCode.OK, "image/svg+xml"), (svg.StatusCode, svg.Content.Headers.ContentType?.MediaType));
        Assert.Equal((HttpStatusCode.OK, "image/svg+xml"), (ico.StatusCode, ico.Content.Headers.ContentType?.MediaType));
        Assert.StartsWith("<svg", await svg.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("/favicon.svg", document.QuerySelector("link[rel=icon]")?.GetAttribute("href"));
    }

    [Theory]
    [InlineData("/", "Details Fixture")]
    [InlineData("/releases/1.0.1", "1.0.1 · Details Fixture")]
    [InlineData("/releases/9.9.9", "Not found · Details Fixture")]
    [InlineData("/no/such/page", "Not found · Details Fixture")]
    [InlineData("/series/1.0", "1.0 · Details Fixture")]
    public async Task Title_EveryPageAnd404_FollowsOnePattern(string path, string title)
    {
        var (response, document) = await portal.Host.GetHtmlAsync(path);
        response.Dispose();

        Assert.Equal(title, document.Title);
    }

    [Fact]
    public async Task OpenApi_Operations_HaveSummariesAndRefreshNamesItsBearerScheme()
    {
        using var document = JsonDocument.Parse(await portal.Host.Client.GetStringAsync("/openapi/v1.json"));
        var root = document.RootElement;

        var scheme = root.GetProperty("components").GetProperty("securitySchemes").GetProperty("adminToken");
        Assert.Equal(("http", "bearer"), (scheme.GetProperty("type").GetString(), scheme.GetProperty("scheme").GetString()));
        var refresh = root.GetProperty("paths").GetProperty("/api/refresh").GetProperty("post");
        Assert.True(refresh.GetProperty("security")[0].TryGetProperty("adminToken", out _));
        foreach (var path in new[] { "/api/releases", "/api/releases/{version}", "/api/series", "/api/status", "/api/contains/{sha}" })
        {
            Assert.False(string.IsNullOrEmpty(root.GetProperty("paths").GetProperty(path).GetProperty("get").GetProperty("summary").GetString()), path);
        }
    }

    [Fact]
    public async Task ForwardedHeaders_FromAKnownProxyOnly_AreBelieved()
    {
        await using var app = await ForwardingPortalAsync(IPAddress.Parse("10.0.0.1"));
        var server = (TestServer)app.Services.GetRequiredService<IServer>();

        var fromProxy = await SeenAsync(server, IPAddress.Parse("10.0.0.1"));
        var fromStranger = await SeenAsync(server, IPAddress.Parse("10.0.0.2"));

        Assert.Equal("203.0.113.7 https portal.example", fromProxy);
        Assert.Equal("10.0.0.2 http localhost", fromStranger);
    }

    [Fact]
    public async Task ForwardedHeaders_NoKnownProxy_AreIgnoredEvenFromLoopback()
    {
        await using var app = await ForwardingPortalAsync();
        var server = (TestServer)app.Services.GetRequiredService<IServer>();

        Assert.Equal("127.0.0.1 http localhost", await SeenAsync(server, IPAddress.Loopback));
    }

    [Fact]
    public void Serve_KnownProxyNotAnAddress_FailsNamingIt()
    {
        // A child process: serve prepares the process it runs in for serving, and the test process is not one.
        var (code, stderr, _) = HeraldProcess.Run(portal.NewFolder("work"), "serve", "--repo", portal.Builder.Path, "--config", portal.ConfigPath,
            "--data", portal.NewFolder("serve-data"), "--known-proxy", "proxy.example", "--urls", "http://127.0.0.1:1");

        Assert.Equal(1, code);
        var error = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("--known-proxy 'proxy.example': not an IP address", error, StringComparison.Ordinal);
    }

    private static DateTimeOffset PortalProjectNow() => DateTimeOffset.FromUnixTimeSeconds(DetailsPortalFixture.Now.ToUnixTimeSeconds());

    private async Task<XElement> GetFeedAsync(string path, string? host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (host is not null)
        {
            request.Headers.Host = host;
        }

        using var response = await portal.Host.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}: {text}");
        return XDocument.Parse(text).Root!;
    }

    // The portal's own pipeline, with one more endpoint that says what a request looked like after it.
    private async Task<WebApplication> ForwardingPortalAsync(params IPAddress[] proxies)
    {
        var options = new PortalOptions
        {
            Repository = portal.Builder.Path,
            Config = portal.ConfigPath,
            Data = portal.NewFolder("forwarding-data"),
            KnownProxies = proxies,
        };
        var app = PortalApp.Build(["--environment", "Production"], options, builder => builder.WebHost.UseTestServer());
        app.MapGet("/test/seen", (HttpContext context) => $"{context.Connection.RemoteIpAddress} {context.Request.Scheme} {context.Request.Host}");
        await app.StartAsync();
        return app;
    }

    private static async Task<string> SeenAsync(TestServer server, IPAddress peer)
    {
        var context = await server.SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Path = "/test/seen";
            c.Request.Host = new HostString("localhost");
            c.Connection.RemoteIpAddress = peer;
            c.Request.Headers["X-Forwarded-For"] = "203.0.113.7";
            c.Request.Headers["X-Forwarded-Proto"] = "https";
            c.Request.Headers["X-Forwarded-Host"] = "portal.example";
        });
        return await new StreamReader(context.Response.Body).ReadToEndAsync();
    }
}

/// <summary>
/// A small project with every link configured (<c>[project]</c> homepage, wiki, repository_url; <c>[security]</c>
/// templates; <c>[downloads] base_url</c>), two releases tagged at odd times of day, and a fix naming an advisory and a CVE.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed class DetailsPortalFixture : IAsyncLifetime
{
    public const string ConfigText = """
        [project]
        name = "Details Fixture"
        slug = "details"
        url = "https://details.example.org/portal"
        homepage = "https://details.example.org/"
        wiki = "https://wiki.details.example.org/"
        repository_url = "https://git.example.org/?p=details.git;a=commit;h={sha}"

        [releases]
        tag = "RELEASE-{version}"
        branch = "stable-{series}"

        [security]
        advisory_url = "https://xenbits.xen.org/xsa/advisory-{n}.html"
        cve_url = "https://www.cve.org/CVERecord?id={id}"

        """;

    /// <summary>"Now" for the portal: 2021-06-15 12:00 UTC.</summary>
    public static readonly DateTimeOffset Now = new(2021, 6, 15, 12, 0, 0, TimeSpan.Zero);

    private TempDirectory? _files;
    private PortalHost? _host;

    /// <summary>The fix's body (after its subject line), naming <paramref name="target"/> in its <c>Fixes:</c> trailer.</summary>
    public static string FixBody(string target) =>
        $"A guest could read another's memory: XSA-123, also known as CVE-2026-12345.\n\nFixes: {target[..12]} (\"Initial import\")\nSigned-off-by: A Developer <a@example.org>";

    public RepoBuilder Builder { get; private set; } = null!;

    public string ConfigPath { get; private set; } = string.Empty;

    /// <summary>The first commit (the fix's <c>Fixes:</c> target).</summary>
    public string Initial { get; private set; } = string.Empty;

    /// <summary>The fix on stable-1.0 (released in 1.0.1).</summary>
    public string Fix { get; private set; } = string.Empty;

    public PortalHost Host => _host ?? throw new InvalidOperationException("The fixture is not initialised.");

    public string NewFolder(string prefix) => _files!.CreateSubdirectory(prefix + "-" + Guid.NewGuid().ToString("N"));

    public async Task InitializeAsync()
    {
        try
        {
            _files = TempDirectory.Create();
            ConfigPath = _files.WriteFile("config/herald.toml", ConfigText);
            Builder = RepoBuilder.Create();
            Builder.Commit("Initial import", date: new DateTimeOffset(2020, 1, 10, 8, 0, 0, TimeSpan.Zero))
                .AnnotatedTag("RELEASE-1.0.0", "Release 1.0.0", new DateTimeOffset(2020, 2, 1, 11, 41, 7, TimeSpan.FromHours(2)))
                .Branch("stable-1.0");
            Initial = Builder.Git("rev-parse", "HEAD");
            Builder.Checkout("stable-1.0")
                .Commit("x86: fix the shadow walk (XSA-123)\n\n" + FixBody(Initial), date: new DateTimeOffset(2020, 3, 10, 8, 0, 0, TimeSpan.Zero))
                .AnnotatedTag("RELEASE-1.0.1", "Release 1.0.1", new DateTimeOffset(2020, 3, 15, 17, 5, 33, TimeSpan.Zero));
            Fix = Builder.Git("rev-parse", "HEAD");
            _host = PortalHost.Start(new PortalOptions { Repository = Builder.Path, Config = ConfigPath, Data = NewFolder("data") }, Now);
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

        Builder?.Dispose();
        _files?.Dispose();
    }
}
