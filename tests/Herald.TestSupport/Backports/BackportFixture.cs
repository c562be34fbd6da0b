using Herald.Backports;
using Herald.History;
using Herald.Policy;
using Herald.Releases;
using Herald.Tests.Policy;
using Herald.Tests.Support;

namespace Herald.Tests.Backports;

/// <summary>
/// A Xen-shaped project where master fixes reach stable branches in every way Xen has used (dates UTC noon):
/// <code>
/// master:     Initial import - Add feature A [RELEASE-1.0.0 2020-02-01] - Master work 1 [RELEASE-1.1.0 2020-04-01]
///             - FixZ (early boot, 2020-05-05) [RELEASE-1.2.0 2020-06-01] - FixA 07-01 - FixB 07-02 - FixC 07-03
///             - FixD 07-04 (XSA-7) - FixE 07-05 - FixF 07-06 - Master work 2
/// stable-1.0: prepare 1.0.1 [RELEASE-1.0.1 2020-03-15] - FixE by hand, abbreviated 'master commit:' 07-25
/// stable-1.1: FixZ (trailer, 05-10) - prepare 1.1.1 [RELEASE-1.1.1 2020-06-15] - FixA (trailer, 07-12)
///             - FixB (cherry-pick -x, 07-13) - FixC re-committed with another message (patch-id, 07-14)
///             - branch-only fix (07-15) - CVE-2020-1234 workaround (07-16) - FixF (trailer, 08-10)
/// stable-1.2: prepare 1.2.1 [RELEASE-1.2.1 2020-06-15] - FixA (trailer, 07-11) - FixB (cherry-pick -x, 07-12)
///             [RELEASE-1.2.2 2020-07-18] - FixC (cherry-pick without -x, 07-20) - FixD (trailer, 07-21)
///             - FixE (trailer, 07-22) - FixF (trailer, 07-23)
/// </code>
/// Every fix changes its own file, so a copy's diff (and patch-id) equals the original's.
/// </summary>
public sealed class BackportFixture : IDisposable
{
    public const string ConfigText = """
        [project]
        name = "Backport Fixture"
        slug = "backport-fixture"

        [releases]
        tag = "RELEASE-{version}"
        candidate = "{version}-rc{n}"
        branch = "stable-{series}"

        """;

    private readonly TempDirectory _files;

    public BackportFixture()
    {
        _files = TempDirectory.Create();
        Builder = RepoBuilder.Create();
        try
        {
            ConfigPath = _files.WriteFile("config/herald.toml", ConfigText);
            DataHome = _files.CreateSubdirectory("xdg-data");
            WorkingDirectory = _files.CreateSubdirectory("cwd");
            Build();
            Repository = GitRepository.Open(Builder.Path);
            Catalog = ReleaseCatalog.Read(Repository, TagScheme.Xen);
            Index = BackportIndex.Build(Repository, Catalog, "master", [Series10, Series11, Series12], PatchIdCache.InMemory(), 2);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public static SeriesId Series10 { get; } = SeriesId.Parse("1.0");

    public static SeriesId Series11 { get; } = SeriesId.Parse("1.1");

    public static SeriesId Series12 { get; } = SeriesId.Parse("1.2");

    public RepoBuilder Builder { get; }

    public GitRepository Repository { get; }

    public ReleaseCatalog Catalog { get; }

    /// <summary>The index of all three stable branches (in-memory patch-ids).</summary>
    public BackportIndex Index { get; }

    public string ConfigPath { get; }

    public string DataHome { get; }

    public string WorkingDirectory { get; }

    /// <summary>Master: "xen: fix early boot", made before 1.2 forked.</summary>
    public string FixZ { get; private set; } = string.Empty;

    /// <summary>Master: "x86: fix page table walk"; Xen trailer on 1.1 and 1.2 (before RELEASE-1.2.2).</summary>
    public string FixA { get; private set; } = string.Empty;

    /// <summary>Master: "arm: fix timer overflow"; cherry-pick -x on 1.1 and 1.2.</summary>
    public string FixB { get; private set; } = string.Empty;

    /// <summary>Master: "sched: fix credit accounting"; identical patch only on 1.1 and 1.2.</summary>
    public string FixC { get; private set; } = string.Empty;

    /// <summary>Master: "x86: fix privilege escalation" naming XSA-7; only on 1.2.</summary>
    public string FixD { get; private set; } = string.Empty;

    /// <summary>Master: "mm: fix leak"; on 1.2 (trailer) and 1.0 (abbreviated trailer).</summary>
    public string FixE { get; private set; } = string.Empty;

    /// <summary>Master: "irq: fix lost interrupt"; on 1.2 (07-23), later on 1.1 (08-10).</summary>
    public string FixF { get; private set; } = string.Empty;

    /// <summary>Stable-1.1 copies.</summary>
    public string FixZOn11 { get; private set; } = string.Empty;

    public string FixAOn11 { get; private set; } = string.Empty;

    public string FixBOn11 { get; private set; } = string.Empty;

    public string FixCOn11 { get; private set; } = string.Empty;

    public string BranchOnlyOn11 { get; private set; } = string.Empty;

    public string CveWorkaroundOn11 { get; private set; } = string.Empty;

    public string FixFOn11 { get; private set; } = string.Empty;

    /// <summary>Stable-1.2 copies.</summary>
    public string FixAOn12 { get; private set; } = string.Empty;

    public string FixBOn12 { get; private set; } = string.Empty;

    public string FixCOn12 { get; private set; } = string.Empty;

    public string FixDOn12 { get; private set; } = string.Empty;

    public string FixEOn12 { get; private set; } = string.Empty;

    public string FixFOn12 { get; private set; } = string.Empty;

    /// <summary>Stable-1.0's hand-made copy of FixE.</summary>
    public string FixEOn10 { get; private set; } = string.Empty;

    /// <summary>A fresh data folder for one CLI run.</summary>
    public string NewDataFolder() => _files.Combine("data-" + Guid.NewGuid().ToString("N"));

    /// <summary>A path in the fixture's private folder (outside the repository).</summary>
    public string PrivatePath(string relative) => _files.Combine(relative);

    /// <summary>Runs herald with <c>--repo</c> and <c>--config</c> appended, and <c>--data</c> (fresh unless given).</summary>
    public Task<ClockedRun> RunAsync(DateTimeOffset now, string? data, params string[] args) =>
        ClockedCli.RunAsync([.. args, "--repo", Builder.Path, "--config", ConfigPath, "--data", data ?? NewDataFolder()], WorkingDirectory, DataHome, now);

    public static DateTimeOffset Noon(int year, int month, int day) => new(year, month, day, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A window whose status on any date in 2020–2098 is <paramref name="status"/>.</summary>
    public static SupportWindow Window(SeriesId series, SupportStatus status)
    {
        var released = new DateOnly(2020, 1, 1);
        var far = new DateOnly(2099, 1, 1);
        return status switch
        {
            SupportStatus.Supported => new SupportWindow(series, released, far, far, DateSource.Config),
            SupportStatus.Security => new SupportWindow(series, released, released, far, DateSource.Config),
            SupportStatus.Eol => new SupportWindow(series, released, released, released, DateSource.Config),
            _ => new SupportWindow(series, null, null, null, DateSource.Policy),
        };
    }

    public void Dispose()
    {
        Builder.Dispose();
        _files.Dispose();
    }

    private static Dictionary<string, string> Source(string file, string body) => new() { [file] = $"/* {file} */\nint {body}(void)\n{{\n    return 0;\n}}\n" };

    private static Dictionary<string, string> Fixed(string file, string body) => new() { [file] = $"/* {file} */\nint {body}(void)\n{{\n    return check() ? 0 : -1;\n}}\n" };

    private void Build()
    {
        var b = Builder;
        var import = new Dictionary<string, string>();
        foreach (var (file, body) in new[] { ("xen/boot.c", "boot"), ("xen/x86.c", "walk"), ("xen/arm.c", "timer"), ("xen/sched.c", "credit"), ("xen/priv.c", "priv"), ("xen/mm.c", "leak"), ("xen/irq.c", "irq") })
        {
            foreach (var (path, content) in Source(file, body))
            {
                import[path] = content;
            }
        }

        import[RepoBuilder.DefaultFile] = "history\n";
        b.Commit("Initial import", date: Noon(2020, 1, 6), files: import);
        b.Commit("Add feature A", date: Noon(2020, 1, 10)).AnnotatedTag("RELEASE-1.0.0", "Release 1.0.0", Noon(2020, 2, 1));
        b.Branch("stable-1.0");
        b.Commit("Master work 1", date: Noon(2020, 3, 1)).AnnotatedTag("RELEASE-1.1.0", "Release 1.1.0", Noon(2020, 4, 1));
        b.Branch("stable-1.1");
        FixZ = b.Commit("xen: fix early boot", author: "Bob Builder", date: Noon(2020, 5, 5), files: Fixed("xen/boot.c", "boot")).LastSha;
        b.AnnotatedTag("RELEASE-1.2.0", "Release 1.2.0", Noon(2020, 6, 1));
        b.Branch("stable-1.2");
        FixA = b.Commit("x86: fix page table walk\n\nSigned-off-by: Bob Builder <bob.builder@example.com>\n", author: "Bob Builder", date: Noon(2020, 7, 1), files: Fixed("xen/x86.c", "walk")).LastSha;
        FixB = b.Commit("arm: fix timer overflow", author: "Ann Lee", date: Noon(2020, 7, 2), files: Fixed("xen/arm.c", "timer")).LastSha;
        FixC = b.Commit("sched: fix credit accounting", author: "Ann Lee", date: Noon(2020, 7, 3), files: Fixed("xen/sched.c", "credit")).LastSha;
        FixD = b.Commit("x86: fix privilege escalation\n\nThis is XSA-7.\n", author: "Tom Tester", date: Noon(2020, 7, 4), files: Fixed("xen/priv.c", "priv")).LastSha;
        FixE = b.Commit("mm: fix leak", date: Noon(2020, 7, 5), files: Fixed("xen/mm.c", "leak")).LastSha;
        FixF = b.Commit("irq: fix lost interrupt", date: Noon(2020, 7, 6), files: Fixed("xen/irq.c", "irq")).LastSha;
        b.Commit("Master work 2", date: Noon(2020, 7, 7));

        b.Checkout("stable-1.0");
        b.Commit("1.0: prepare 1.0.1", date: Noon(2020, 3, 10)).AnnotatedTag("RELEASE-1.0.1", "Release 1.0.1", Noon(2020, 3, 15));
        FixEOn10 = b.Commit($"mm: fix leak\n\nmaster commit: {FixE[..12]}\n", date: Noon(2020, 7, 25), files: Fixed("xen/mm.c", "leak")).LastSha;

        b.Checkout("stable-1.1");
        FixZOn11 = b.Backport(FixZ, date: Noon(2020, 5, 10)).LastSha;
        b.Commit("1.1: prepare 1.1.1", date: Noon(2020, 6, 10)).AnnotatedTag("RELEASE-1.1.1", "Release 1.1.1", Noon(2020, 6, 15));
        FixAOn11 = b.Backport(FixA, date: Noon(2020, 7, 12)).LastSha;
        FixBOn11 = b.CherryPick(FixB, recordOrigin: true, date: Noon(2020, 7, 13)).LastSha;
        FixCOn11 = b.Commit("sched: credit accounting fix for 1.1", date: Noon(2020, 7, 14), files: Fixed("xen/sched.c", "credit")).LastSha;
        BranchOnlyOn11 = b.Commit("1.1: fix build with old gcc", date: Noon(2020, 7, 15)).LastSha;
        CveWorkaroundOn11 = b.Commit("1.1: work around cve-2020-1234\n\nSee also CVE-2020-1234.\n", date: Noon(2020, 7, 16)).LastSha;
        FixFOn11 = b.Backport(FixF, date: Noon(2020, 8, 10)).LastSha;

        b.Checkout("stable-1.2");
        b.Commit("1.2: prepare 1.2.1", date: Noon(2020, 6, 10)).AnnotatedTag("RELEASE-1.2.1", "Release 1.2.1", Noon(2020, 6, 15));
        FixAOn12 = b.Backport(FixA, date: Noon(2020, 7, 11)).LastSha;
        FixBOn12 = b.CherryPick(FixB, recordOrigin: true, date: Noon(2020, 7, 12)).LastSha;
        b.AnnotatedTag("RELEASE-1.2.2", "Release 1.2.2", Noon(2020, 7, 18));
        FixCOn12 = b.CherryPick(FixC, recordOrigin: false, date: Noon(2020, 7, 20)).LastSha;
        FixDOn12 = b.Backport(FixD, date: Noon(2020, 7, 21)).LastSha;
        FixEOn12 = b.Backport(FixE, date: Noon(2020, 7, 22)).LastSha;
        FixFOn12 = b.Backport(FixF, date: Noon(2020, 7, 23)).LastSha;
        b.Checkout("master");
    }
}
