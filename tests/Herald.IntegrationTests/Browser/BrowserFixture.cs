using Herald.Tests.Support;
using Herald.Web;
using Microsoft.Playwright;
using Xunit;

namespace Herald.Tests.Browser;

/// <summary>
/// A small Xen-style project served by the real portal over HTTP, and Debian's Chromium driven by
/// Playwright. Chromium is a real component the tests need: when it is missing the fixture (and so
/// every browser test) fails with a message that says how to install it; nothing is downloaded.
/// </summary>
/// <remarks>
/// <code>
/// master:     Initial import (Alice) - xen: add scheduler (Bob) - xen: fix boot (Ann) [1.0.0]
///             - xen: faster scheduler (Bob, Reviewed-by Tom) - arm: add timer (Dan) - xen: fix race (Ann)
///             - Update version to 1.1.0 (Alice) [1.1.0]
/// stable-1.0: [1.0.0] - xen: fix race (Ann, backport) [1.0.1]
/// stable-1.1: [1.1.0]
/// </code>
/// </remarks>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>The project name the configuration gives.</summary>
    public const string ProjectName = "Browser Fixture";

    /// <summary>Where Debian's <c>chromium</c> package puts the browser; <c>HERALD_CHROMIUM</c> overrides it.</summary>
    public const string DefaultChromium = "/usr/bin/chromium";

    /// <summary>The viewport every page gets.</summary>
    public static readonly ViewportSize Viewport = new() { Width = 1280, Height = 900 };

    private const string Config = """
        [project]
        name = "Browser Fixture"
        slug = "browser-fixture"

        [releases]
        tag = "RELEASE-{version}"
        candidate = "{version}-rc{n}"
        branch = "stable-{series}"

        [stats]
        domain_map = "domain-map"
        builtin_domain_map = false

        """;

    private const string DomainMap = """
        suse.com     SUSE
        citrix.com   Citrix
        amd.com      AMD
        intel.com    Intel

        """;

    private TempDirectory? _files;
    private RepoBuilder? _repo;
    private PortalServer? _server;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>The portal serving the fixture repository.</summary>
    public PortalServer Server => _server ?? throw new InvalidOperationException("the fixture is not initialised.");

    /// <summary>The folder the suite's screenshots go to (beside the test assembly, never docs/).</summary>
    public static string ScreenshotFolder => Path.Combine(AppContext.BaseDirectory, "screenshots");

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var chromium = Environment.GetEnvironmentVariable("HERALD_CHROMIUM") is { Length: > 0 } given ? given : DefaultChromium;
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException(
                $"Chromium is not installed at {chromium}: the browser tests need Debian's chromium package " +
                "(test.sh installs it; by hand: apt-get install -y chromium), or HERALD_CHROMIUM naming another Chromium binary.");
        }

        _files = TempDirectory.Create();
        try
        {
            _repo = RepoBuilder.Create();
            Build(_repo);
            _files.WriteFile("config/domain-map", DomainMap);
            var options = new PortalOptions
            {
                Repository = _repo.Path,
                Config = _files.WriteFile("config/herald.toml", Config),
                Data = _files.Combine("data"),
            };
            _server = await PortalServer.StartAsync(options, TimeSpan.FromSeconds(20));

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
            // Release what did start (server, browser, folders) at once; DisposeAsync may run again later.
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// A fresh page (in its own context) whose relative addresses resolve against the portal. Waits may take
    /// 30 s: with the whole suite running on two cores, a first render once took longer than 10 s.
    /// </summary>
    public async Task<IPage> NewPageAsync()
    {
        var browser = _browser ?? throw new InvalidOperationException("the fixture is not initialised.");
        var context = await browser.NewContextAsync(new() { BaseURL = Server.Address.ToString(), ViewportSize = Viewport });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        page.SetDefaultNavigationTimeout(30_000);
        return page;
    }

    /// <summary>Saves a full-page screenshot of <paramref name="page"/> as <paramref name="name"/> in <see cref="ScreenshotFolder"/>.</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        var path = Path.Combine(ScreenshotFolder, name);
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        return path;
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

    private static void Build(RepoBuilder repo)
    {
        static DateTimeOffset Day(int month, int day) => new(2024, month, day, 10, 0, 0, TimeSpan.Zero);
        const string Ann = "Ann Lee <ann@citrix.com>";
        const string Bob = "Bob Builder <bob@suse.com>";
        const string Tom = "Tom Tester <tom@intel.com>";

        repo.Commit("Initial import", date: Day(1, 4), files: new Dictionary<string, string> { ["xen/core.c"] = "int main(void)\n{\n    return 0;\n}\n" });
        repo.Commit($"xen: add scheduler\n\nSigned-off-by: {Bob}\n", author: "Bob Builder", email: "bob@suse.com", date: Day(1, 6));
        repo.Commit($"xen: fix boot\n\nSigned-off-by: {Ann}\n", author: "Ann Lee", email: "ann@citrix.com", date: Day(1, 8));
        repo.AnnotatedTag("RELEASE-1.0.0", "Browser Fixture 1.0.0", date: Day(1, 11));
        repo.Branch("stable-1.0");

        repo.Commit($"xen: faster scheduler\n\nSigned-off-by: {Bob}\nReviewed-by: {Tom}\n", author: "Bob Builder", email: "bob@suse.com", date: Day(2, 1));
        repo.Commit("arm: add timer", author: "Dan Park", email: "dan@amd.com", date: Day(2, 3));
        var fixRace = repo.Commit($"xen: fix race\n\nSigned-off-by: {Ann}\n", author: "Ann Lee", email: "ann@citrix.com", date: Day(2, 10)).LastSha;
        repo.Commit("Update version to 1.1.0", date: Day(2, 15));
        repo.AnnotatedTag("RELEASE-1.1.0", "Browser Fixture 1.1.0", date: Day(2, 16));
        repo.Branch("stable-1.1");

        repo.Checkout("stable-1.0");
        repo.Backport(fixRace, date: Day(2, 20));
        repo.AnnotatedTag("RELEASE-1.0.1", "Browser Fixture 1.0.1", date: Day(2, 21));
        repo.Checkout("master");
    }
}
