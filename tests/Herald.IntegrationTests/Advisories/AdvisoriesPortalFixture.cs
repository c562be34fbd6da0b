using Herald.Tests.Support;
using Herald.Tests.Web;
using Herald.Web;
using Xunit;

namespace Herald.Tests.Advisories;

/// <summary>
/// A repository whose commits name advisories, served by the portal on SQLite ("now" 2020-09-01, dates UTC noon):
/// <code>
/// master:     Initial 01-06 - OldFeature 01-10 [RELEASE-1.0.0 02-01] - Work 02-15 [RELEASE-1.1.0 03-01]
///             - NewFeature 03-10 [RELEASE-1.2.0 04-01] - Fix1 (XSA-1, CVE-2020-1234) 05-01
///             - Fix2 (XSA-2, Fixes: NewFeature) 05-02 - Master work 06-01
/// stable-1.0: (security support ended 2020-06-30) nothing
/// stable-1.1: Fix1 backported 05-12 (unreleased)
/// stable-1.2: Fix1 backported 05-10 - Fix2 backported 05-11 [RELEASE-1.2.1 05-15]
/// </code>
/// So XSA-1 is fixed in 1.2.1, unreleased on 1.1 and "series not supported" on 1.0; XSA-2 is fixed in 1.2.1
/// and not applicable to 1.1 and 1.0 (the code it repairs came in 1.2).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed class AdvisoriesPortalFixture : IAsyncLifetime
{
    public const string ConfigText = """
        [project]
        name = "Advisory Fixture"
        slug = "advisory-fixture"

        [releases]
        tag = "RELEASE-{version}"
        candidate = "{version}-rc{n}"
        branch = "stable-{series}"

        [policy]
        general_months = 18
        security_months = 36
        cadence_months = 4

        [[policy.series]]
        series = "1.0"
        general_until = 2020-03-31
        security_until = 2020-06-30

        [security]
        advisory_url = "https://security.example.org/advisory-{n}.html"
        cve_url = "https://www.cve.org/CVERecord?id={id}"

        """;

    private TempDirectory? _files;
    private RepoBuilder? _builder;
    private PortalHost? _host;

    /// <summary>"Now" for the portal: 1.0 is past its security support, 1.1 and 1.2 are supported.</summary>
    public static DateTimeOffset Now { get; } = new(2020, 9, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The running portal.</summary>
    public PortalHost Host => _host ?? throw new InvalidOperationException("The fixture is not initialised.");

    public string NewFeature { get; private set; } = string.Empty;

    /// <summary>The master fix of XSA-1 (also naming CVE-2020-1234).</summary>
    public string Fix1 { get; private set; } = string.Empty;

    /// <summary>The master fix of XSA-2 (<c>Fixes:</c> <see cref="NewFeature"/>).</summary>
    public string Fix2 { get; private set; } = string.Empty;

    public string Fix1On11 { get; private set; } = string.Empty;

    public string Fix1On12 { get; private set; } = string.Empty;

    public string Fix2On12 { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        try
        {
            _files = TempDirectory.Create();
            _builder = RepoBuilder.Create();
            Build(_builder);
            var options = new PortalOptions
            {
                Repository = _builder.Path,
                Config = _files.WriteFile("config/herald.toml", ConfigText),
                Data = _files.CreateSubdirectory("data"),
            };
            _host = PortalHost.Start(options, Now);
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

        _builder?.Dispose();
        _builder = null;
        _files?.Dispose();
        _files = null;
    }

    private static DateTimeOffset Noon(int month, int day) => new(2020, month, day, 12, 0, 0, TimeSpan.Zero);

    private static Dictionary<string, string> File(string name) => new() { [$"xen/{name}.c"] = $"/* {name} */\nint {name}(void)\n{{\n    return 0;\n}}\n" };

    private void Build(RepoBuilder b)
    {
        b.Commit("Initial import", date: Noon(1, 6), files: new Dictionary<string, string> { [RepoBuilder.DefaultFile] = "history\n" });
        b.Commit("x86: add old feature", date: Noon(1, 10), files: File("old"));
        b.AnnotatedTag("RELEASE-1.0.0", "Release 1.0.0", Noon(2, 1)).Branch("stable-1.0");
        b.Commit("xen: work", date: Noon(2, 15), files: File("work"));
        b.AnnotatedTag("RELEASE-1.1.0", "Release 1.1.0", Noon(3, 1)).Branch("stable-1.1");
        NewFeature = b.Commit("x86: add new feature", date: Noon(3, 10), files: File("new")).LastSha;
        b.AnnotatedTag("RELEASE-1.2.0", "Release 1.2.0", Noon(4, 1)).Branch("stable-1.2");
        Fix1 = b.Commit("x86: check the guest's index\n\nThis is CVE-2020-1234 / XSA-1.\n", date: Noon(5, 1), files: File("fix1")).LastSha;
        Fix2 = b.Commit($"x86: fix new feature\n\nThis is XSA-2.\n\nFixes: {NewFeature[..12]} (\"x86: add new feature\")\n", date: Noon(5, 2), files: File("fix2")).LastSha;
        b.Commit("Master work", date: Noon(6, 1), files: File("later"));

        b.Checkout("stable-1.2");
        Fix1On12 = b.Backport(Fix1, date: Noon(5, 10)).LastSha;
        Fix2On12 = b.Backport(Fix2, date: Noon(5, 11)).LastSha;
        b.AnnotatedTag("RELEASE-1.2.1", "Release 1.2.1", Noon(5, 15));

        b.Checkout("stable-1.1");
        Fix1On11 = b.Backport(Fix1, date: Noon(5, 12)).LastSha;
        b.Checkout("master");
    }
}
