using Deque.AxeCore.Playwright;
using Herald.News;
using Herald.Tests.Support;
using Herald.Web;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit;

namespace Herald.Tests.Browser;

/// <summary>
/// Every kind of page in Chromium: axe-core finds no serious or critical violation, the page breaks none of
/// its own content security policy, a phone's 390 px never scroll sideways, and keyboard focus is visible.
/// </summary>
public sealed class AccessibilityTests(AccessibilityFixture fixture) : IClassFixture<AccessibilityFixture>
{
    /// <summary>One page of each kind, and the status it answers with.</summary>
    public static TheoryData<string, int> Pages => new()
    {
        { "/", 200 },
        { "/releases", 200 },
        { "/releases/1.0.1", 200 },
        { "/series/1.0", 200 },
        { "/log/stable-1.0", 200 },
        { "/commit/" + AccessibilityFixture.LongCommit, 200 },
        { "/acknowledgements/1.1.0", 200 },
        { "/news", 200 },
        { "/news/" + AccessibilityFixture.PostSlug, 200 },
        { "/news/category/community", 200 },
        { "/editor/sign-in", 200 },
        { "/advisories", 200 },
        { "/advisories/XSA-123", 200 },
        { "/advisories/sign-in", 200 },
        { "/search?q=shadow", 200 },
        { "/no/such/page", 404 },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_Axe_FindsNoSeriousOrCriticalViolation(string path, int status)
    {
        var page = await fixture.NewPageAsync(AccessibilityFixture.Desktop);
        var response = await page.GotoAsync(fixture.Resolve(path));
        Assert.Equal(status, response?.Status);

        var results = await page.RunAxe();

        var grave = results.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Impact} {v.Id} ({v.Help}): {string.Join(" | ", v.Nodes.Select(n => n.Html))}")
            .ToList();
        Assert.True(grave.Count == 0, $"{path}:\n{string.Join('\n', grave)}");
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_ContentSecurityPolicy_IsNeverViolated(string path, int status)
    {
        var page = await fixture.NewPageAsync(AccessibilityFixture.Desktop);
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                violations.Add(message.Text);
            }
        };

        var response = await page.GotoAsync(fixture.Resolve(path), new() { WaitUntil = WaitUntilState.NetworkIdle });

        Assert.Equal(status, response?.Status);
        Assert.Contains("script-src 'none'", await response!.HeaderValueAsync("content-security-policy") ?? string.Empty, StringComparison.Ordinal);
        Assert.True(violations.Count == 0, $"{path}:\n{string.Join('\n', violations)}");
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_OnAPhone_NeverScrollsSideways(string path, int status)
    {
        var page = await fixture.NewPageAsync(AccessibilityFixture.Phone);
        var response = await page.GotoAsync(fixture.Resolve(path));
        Assert.Equal(status, response?.Status);

        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");

        Assert.True(widths[0] <= widths[1], $"{path} is {widths[0]} px wide in a {widths[1]} px window.");
    }

    [Fact]
    public async Task CommitPage_OnAPhone_WrapsTheLongLineAndKeepsDatesWhole()
    {
        var page = await fixture.NewPageAsync(AccessibilityFixture.Phone);
        await page.GotoAsync(fixture.Resolve("/commit/" + AccessibilityFixture.LongCommit));

        var message = await page.Locator("pre.message").BoundingBoxAsync();
        var date = page.Locator("dl.facts time");

        Assert.True(message!.Width <= AccessibilityFixture.Phone.Width, $"the message is {message.Width} px wide.");
        Assert.Equal("nowrap", await date.EvaluateAsync<string>("e => getComputedStyle(e).whiteSpace"));
    }

    [Fact]
    public async Task HomePage_EveryFocusStop_ShowsAnOutline()
    {
        var page = await fixture.NewPageAsync(AccessibilityFixture.Desktop);
        await page.GotoAsync("/");

        var seen = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focus = await page.EvaluateAsync<string[]>("() => { const e = document.activeElement; const s = getComputedStyle(e); return [e.tagName + ' ' + (e.textContent || '').trim(), s.outlineStyle, s.outlineWidth]; }");
            seen.Add(focus[0]);
            Assert.True(focus[1] != "none" && focus[2] != "0px", $"focus on '{focus[0]}' has outline {focus[1]} {focus[2]}.");
        }

        Assert.Contains(seen, s => s.StartsWith("A Skip to content", StringComparison.Ordinal));
    }
}

/// <summary>
/// A small project served over HTTP with every kind of page filled: releases on two series, a commit with a very
/// long line and advisory ids (linked by <c>[security]</c>), the project's links, published posts in a category,
/// and Chromium from Debian's package (as <see cref="BrowserFixture"/>, which says how to install it).
/// </summary>
public sealed class AccessibilityFixture : IAsyncLifetime
{
    /// <summary>The slug of the published post.</summary>
    public const string PostSlug = "welcome";

    /// <summary>Stands in a path for the commit whose message has a very long line (<see cref="Resolve"/>).</summary>
    public const string LongCommit = "{long-commit}";

    public static readonly ViewportSize Desktop = new() { Width = 1280, Height = 900 };

    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    private const string Config = """
        [project]
        name = "Access Fixture"
        slug = "access-fixture"
        homepage = "https://access.example.org/"
        wiki = "https://wiki.access.example.org/"
        repository_url = "https://git.example.org/?p=access.git;a=commit;h={sha}"

        [releases]
        tag = "RELEASE-{version}"
        branch = "stable-{series}"

        [security]
        advisory_url = "https://xenbits.xen.org/xsa/advisory-{n}.html"
        cve_url = "https://www.cve.org/CVERecord?id={id}"

        """;

    private TempDirectory? _files;
    private RepoBuilder? _repo;
    private PortalServer? _server;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public PortalServer Server => _server ?? throw new InvalidOperationException("the fixture is not initialised.");

    private string _longCommit = string.Empty;

    /// <summary><paramref name="path"/> with <see cref="LongCommit"/> replaced by that commit's id.</summary>
    public string Resolve(string path) => path.Replace(LongCommit, _longCommit, StringComparison.Ordinal);

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var chromium = Environment.GetEnvironmentVariable("HERALD_CHROMIUM") is { Length: > 0 } given ? given : BrowserFixture.DefaultChromium;
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException($"Chromium is not installed at {chromium}: apt-get install -y chromium, or set HERALD_CHROMIUM.");
        }

        _files = TempDirectory.Create();
        try
        {
            _repo = RepoBuilder.Create();
            _longCommit = Build(_repo);
            var options = new PortalOptions { Repository = _repo.Path, Config = _files.WriteFile("config/herald.toml", Config), Data = _files.Combine("data") };
            _server = await PortalServer.StartAsync(options, TimeSpan.FromSeconds(30));
            await PostAsync(_server);
            _playwright = await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new()
            {
                ExecutablePath = chromium,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
            });
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>A fresh page in its own context, <paramref name="viewport"/> wide, addresses relative to the portal.</summary>
    public async Task<IPage> NewPageAsync(ViewportSize viewport)
    {
        var browser = _browser ?? throw new InvalidOperationException("the fixture is not initialised.");
        var context = await browser.NewContextAsync(new() { BaseURL = Server.Address.ToString(), ViewportSize = viewport });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        page.SetDefaultNavigationTimeout(30_000);
        return page;
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (Interlocked.Exchange(ref _browser, null) is { } browser)
        {
            await browser.CloseAsync();
        }

        Interlocked.Exchange(ref _playwright, null)?.Dispose();
        if (Interlocked.Exchange(ref _server, null) is { } server)
        {
            await server.DisposeAsync();
        }

        Interlocked.Exchange(ref _repo, null)?.Dispose();
        Interlocked.Exchange(ref _files, null)?.Dispose();
    }

    // Posts are written to the portal's own database, then read at once (not at the next poll).
    private static async Task PostAsync(PortalServer server)
    {
        var state = server.Services.GetRequiredService<PortalState>();
        var clock = server.Services.GetRequiredService<TimeProvider>();
        var store = new NewsStore(state.View.Database!, clock);
        await store.CreateAsync(new PostDraft("Welcome", "The portal is open.\n\n- releases\n- news\n", "Rel Manager", ["Community"], Published: true) { Slug = PostSlug });
        await store.CreateAsync(new PostDraft("Access Fixture 1.0.1 released", "With the fix for XSA-123.", "Rel Manager", [NewsCategories.ReleasesName], Published: true) { Versions = ["1.0.1"] });
        await state.ReloadNewsAsync(server.Services.GetRequiredService<IOutputCacheStore>(), clock, force: true);
    }

    private static string Build(RepoBuilder repo)
    {
        static DateTimeOffset Day(int month, int day) => new(2024, month, day, 10, 0, 0, TimeSpan.Zero);
        repo.Commit("Initial import", date: Day(1, 4), files: new Dictionary<string, string> { ["xen/core.c"] = "int main(void)\n{\n    return 0;\n}\n" });
        repo.Commit("xen: fix boot\n\nSigned-off-by: Ann Lee <ann@citrix.com>\n", author: "Ann Lee", email: "ann@citrix.com", date: Day(1, 8));
        repo.AnnotatedTag("RELEASE-1.0.0", "Access Fixture 1.0.0", date: Day(1, 11));
        repo.Branch("stable-1.0");
        repo.Commit("arm: add timer\n\nSigned-off-by: Dan Park <dan@amd.com>\n", author: "Dan Park", email: "dan@amd.com", date: Day(2, 3));
        repo.AnnotatedTag("RELEASE-1.1.0", "Access Fixture 1.1.0", date: Day(2, 16));
        repo.Branch("stable-1.1");
        repo.Checkout("stable-1.0");
        var longLine = "x86/spec-ctrl: " + string.Join('_', Enumerable.Repeat("unbroken", 40));
        repo.Commit(
            $"x86: fix the shadow walk (XSA-123)\n\nThis is CVE-2026-12345.\n{longLine}\n\nSigned-off-by: Ann Lee <ann@citrix.com>\n",
            author: "Ann Lee",
            email: "ann@citrix.com",
            date: Day(2, 20));
        var sha = repo.Git("rev-parse", "HEAD");
        repo.AnnotatedTag("RELEASE-1.0.1", "Access Fixture 1.0.1", date: Day(2, 21));
        repo.Checkout("master");
        return sha;
    }
}
