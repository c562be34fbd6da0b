using Herald.Tests.Policy;
using Herald.Tests.Support;

namespace Herald.Tests.Web;

/// <summary>
/// A Xen-shaped project for the portal and the index, every date fixed (UTC noon), "now" being
/// <see cref="Now"/> (2021-06-15), when all three series are supported:
/// <code>
/// master:     Initial import - build: add configure script [RELEASE-1.0.0 2020-02-01]
///             - x86: master work 1 - tools: quote &lt;script&gt;… (XSS) - arm: master work 2 [RELEASE-1.1.0 2020-08-01]
///             - sched: master work 3 [RELEASE-1.2.0 2021-02-01, signed] - x86/mm: fix page table walk (FixA, trailers)
///             - N × docs: update note k - Master work 4 [1.3.0-rc1 2021-05-01]
/// stable-1.0: 1.0.1 … 1.0.5 (one fix each, 2020-03-15 … 2020-11-15) - 1.0: fix after 1.0.5 (unreleased)
/// stable-1.1: SUPPORT.md (until 2022-02-01 / 2023-08-01) - 1.1.1 … 1.1.3 - FixA backport (unreleased)
/// stable-1.2: FixA backport (Xen trailer) [RELEASE-1.2.1 2021-03-20]
/// </code>
/// Twelve releases (more than the start page shows), one candidate, one signed tag. The XSS commit's
/// subject and body carry <c>&lt;script&gt;alert(1)&lt;/script&gt;</c>; its author is <see cref="XssAuthor"/>
/// and it (like FixA) names <see cref="MarkupReviewer"/> in a Reviewed-by trailer. Git itself strips
/// '&lt;' and '&gt;' from author names, so the markup-bearing person is a trailer name.
/// </summary>
public sealed class PortalProject : IDisposable
{
    public const string ConfigText = """
        [project]
        name = "Portal Fixture"
        slug = "portal-fixture"

        [releases]
        tag = "RELEASE-{version}"
        candidate = "{version}-rc{n}"
        branch = "stable-{series}"

        [policy]
        general_months = 18
        security_months = 36
        cadence_months = 4

        """;

    /// <summary>The script text in the XSS commit's subject and body.</summary>
    public const string Script = "<script>alert(1)</script>";

    /// <summary>The XSS commit's subject.</summary>
    public const string XssSubject = "tools: quote " + Script + " in xl output";

    /// <summary>The XSS commit's author (ampersand and quotes; git drops angle brackets from names).</summary>
    public const string XssAuthor = "Eve & \"Co\" O'Hara";

    /// <summary>A reviewer whose name carries HTML.</summary>
    public const string MarkupReviewer = "Bob <b>Bold</b> Builder";

    /// <summary>FixA's subject.</summary>
    public const string FixASubject = "x86/mm: fix page table walk";

    private readonly TempDirectory _files;

    private PortalProject(int fillerCommits)
    {
        _files = TempDirectory.Create();
        Builder = RepoBuilder.Create();
        try
        {
            ConfigPath = _files.WriteFile("config/herald.toml", ConfigText);
            DataHome = _files.CreateSubdirectory("xdg-data");
            WorkingDirectory = _files.CreateSubdirectory("cwd");
            Build(fillerCommits);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>"Now" for every test of the project: 2021-06-15 12:00 UTC.</summary>
    public static DateTimeOffset Now { get; } = Noon(2021, 6, 15);

    /// <summary>The versions of the twelve releases, newest version first.</summary>
    public static IReadOnlyList<string> Versions { get; } =
        ["1.2.1", "1.2.0", "1.1.3", "1.1.2", "1.1.1", "1.1.0", "1.0.5", "1.0.4", "1.0.3", "1.0.2", "1.0.1", "1.0.0"];

    public RepoBuilder Builder { get; }

    public string ConfigPath { get; }

    public string DataHome { get; }

    public string WorkingDirectory { get; }

    /// <summary>The commit whose subject and body carry <see cref="Script"/> (released in 1.1.0).</summary>
    public string Xss { get; private set; } = string.Empty;

    /// <summary>Master: <see cref="FixASubject"/> with Signed-off-by, Reviewed-by and Tested-by trailers.</summary>
    public string FixA { get; private set; } = string.Empty;

    /// <summary>FixA's Xen-style backport on stable-1.1 (unreleased).</summary>
    public string FixAOn11 { get; private set; } = string.Empty;

    /// <summary>FixA's Xen-style backport on stable-1.2 (released in 1.2.1).</summary>
    public string FixAOn12 { get; private set; } = string.Empty;

    /// <summary>The project with enough commits on master for a second shortlog page.</summary>
    public static PortalProject Create() => new(fillerCommits: 45);

    /// <summary>The same shape with few commits on master (for tests that rebuild it often).</summary>
    public static PortalProject CreateSmall() => new(fillerCommits: 2);

    public static DateTimeOffset Noon(int year, int month, int day) => new(year, month, day, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A new folder outside the repository (e.g. a data folder).</summary>
    public string NewFolder(string prefix) => _files.CreateSubdirectory(prefix + "-" + Guid.NewGuid().ToString("N"));

    /// <summary>Runs herald with <c>--repo</c>, <c>--config</c> and a fresh <c>--data</c> appended; "now" is <see cref="Now"/>.</summary>
    public Task<ClockedRun> RunCliAsync(params string[] args) =>
        ClockedCli.RunAsync([.. args, "--repo", Builder.Path, "--config", ConfigPath, "--data", NewFolder("cli-data")], WorkingDirectory, DataHome, Now);

    /// <summary><c>git rev-list --count REV</c>.</summary>
    public int CountCommits(string revision) => int.Parse(Builder.Git("rev-list", "--count", revision), System.Globalization.CultureInfo.InvariantCulture);

    public void Dispose()
    {
        Builder.Dispose();
        _files.Dispose();
    }

    private static Dictionary<string, string> File(string path, string body) => new() { [path] = $"/* {path} */\nint {body}(void)\n{{\n    return 0;\n}}\n" };

    private void Build(int fillerCommits)
    {
        var b = Builder;
        b.Commit("Initial import", date: Noon(2020, 1, 6), files: new Dictionary<string, string> { [RepoBuilder.DefaultFile] = "history\n", ["xen/mm.c"] = "/* mm */\n" });
        b.Commit("build: add configure script", author: "Bob Builder", email: "bob@citrix.com", date: Noon(2020, 1, 20), files: File("configure", "configure"));
        b.AnnotatedTag("RELEASE-1.0.0", "Release 1.0.0", Noon(2020, 2, 1)).Branch("stable-1.0");

        b.Commit("x86: master work 1", author: "Carol Coder", email: "carol@amd.com", date: Noon(2020, 3, 1));
        Xss = b.Commit(
            $"{XssSubject}\n\nThe name {Script} was printed raw.\n\nReviewed-by: {MarkupReviewer} <bold@citrix.com>\n",
            author: XssAuthor,
            email: "eve@suse.com",
            date: Noon(2020, 6, 1)).LastSha;
        b.Commit("arm: master work 2", author: "Dave Tester", email: "dave@arm.com", date: Noon(2020, 7, 20));
        b.AnnotatedTag("RELEASE-1.1.0", "Release 1.1.0", Noon(2020, 8, 1)).Branch("stable-1.1");

        b.Commit("sched: master work 3", author: "Carol Coder", email: "carol@amd.com", date: Noon(2021, 1, 20));
        b.SignedTag("RELEASE-1.2.0", "Release 1.2.0", Noon(2021, 2, 1)).Branch("stable-1.2");
        FixA = b.Commit(
            $"{FixASubject}\n\nWalk all four levels.\n\nSigned-off-by: Carol Coder <carol@amd.com>\nReviewed-by: {MarkupReviewer} <bold@citrix.com>\nTested-by: Dave Tester <dave@arm.com>\n",
            author: "Carol Coder",
            email: "carol@amd.com",
            date: Noon(2021, 3, 1),
            files: new Dictionary<string, string> { ["xen/mm.c"] = "/* mm */\nint walk(void) { return 4; }\n" }).LastSha;
        var day = Noon(2021, 3, 2);
        for (var i = 1; i <= fillerCommits; i++)
        {
            b.Commit($"docs: update note {i}", date: day);
            day = day.AddDays(1);
        }

        b.Commit("Master work 4", author: "Dave Tester", email: "dave@arm.com", date: Noon(2021, 4, 25));
        b.AnnotatedTag("1.3.0-rc1", "Release candidate 1.3.0-rc1", Noon(2021, 5, 1));

        b.Checkout("stable-1.0");
        var month = 3;
        for (var patch = 1; patch <= 5; patch++, month += 2)
        {
            b.Commit($"1.0: fix {patch}", date: Noon(2020, month, 10)).AnnotatedTag($"RELEASE-1.0.{patch}", $"Release 1.0.{patch}", Noon(2020, month, 15));
        }

        b.Commit("1.0: fix after 1.0.5", date: Noon(2021, 1, 10));

        b.Checkout("stable-1.1");
        b.Commit(
            "1.1: add the support statement",
            date: Noon(2020, 8, 5),
            files: new Dictionary<string, string> { ["SUPPORT.md"] = SeriesStatusFixture.Statement("1.1", "2020-08-01", "2022-02-01", "2023-08-01") });
        b.Commit("1.1: fix 1", date: Noon(2020, 9, 10)).AnnotatedTag("RELEASE-1.1.1", "Release 1.1.1", Noon(2020, 9, 15));
        b.Commit("1.1: fix 2", date: Noon(2020, 11, 10)).AnnotatedTag("RELEASE-1.1.2", "Release 1.1.2", Noon(2020, 11, 15));
        b.Commit("1.1: fix 3", date: Noon(2021, 1, 10)).AnnotatedTag("RELEASE-1.1.3", "Release 1.1.3", Noon(2021, 1, 15));
        FixAOn11 = b.Backport(FixA, date: Noon(2021, 3, 10)).LastSha;

        b.Checkout("stable-1.2");
        FixAOn12 = b.Backport(FixA, date: Noon(2021, 3, 5)).LastSha;
        b.AnnotatedTag("RELEASE-1.2.1", "Release 1.2.1", Noon(2021, 3, 20));
        b.Checkout("master");
    }
}
