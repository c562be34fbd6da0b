using Herald.Backports;
using Herald.History;
using Herald.Releases;
using Herald.Tests.Policy;
using Herald.Tests.Support;

namespace Herald.Tests.Backports;

/// <summary>
/// Fixes that name what they repair (<c>Fixes:</c>), all backported to stable-1.1 and none to stable-1.0,
/// whose branch has some of the repaired code and lacks the rest (dates UTC noon):
/// <code>
/// master:     Initial import - OldFeature 01-10 [RELEASE-1.0.0 2020-02-01]
///             - NewFeature 03-01 - PoolFeature 03-02 - TimerFeature 03-03 - CreditFeature 03-04 [RELEASE-1.1.0 2020-04-01]
///             - LateFeature 04-20 - FixOfNew 05-01 - FixOfOld 05-02 - FixOfPool 05-03 - FixOfTimer 05-04
///             - FixOfCredit 05-05 - FixOfBoth (New and Old) 05-06 - FixPlain (no Fixes:) 05-07
///             - FixOfUnknown (Fixes: a commit nobody has) 05-08 - FixOfLate 05-09 - Master work 06-01
/// stable-1.0: prepare 1.0.1 [RELEASE-1.0.1 2020-03-15] - PoolFeature (master commit: trailer, 03-20)
///             - TimerFeature (cherry-pick -x, 03-21) - CreditFeature (cherry-pick without -x: patch-id, 03-22)
/// stable-1.1: prepare 1.1.1 [RELEASE-1.1.1 2020-04-15] - every Fix… (Xen trailer, 05-10 … 05-18, in master order)
/// </code>
/// So for 1.0, FixOfNew and FixOfLate repair code the branch never had (not applicable); the others stay
/// missing. Every commit writes its own file, so any of them applies on any branch.
/// </summary>
public sealed class BackportFixesFixture : IDisposable
{
    /// <summary>The <c>Fixes:</c> target of <see cref="FixOfUnknown"/>: no commit of the repository.</summary>
    public const string UnknownTarget = "0123456789ab";

    private readonly TempDirectory _files;

    public BackportFixesFixture()
    {
        _files = TempDirectory.Create();
        Builder = RepoBuilder.Create();
        try
        {
            ConfigPath = _files.WriteFile("config/herald.toml", BackportFixture.ConfigText);
            DataHome = _files.CreateSubdirectory("xdg-data");
            WorkingDirectory = _files.CreateSubdirectory("cwd");
            Build();
            Repository = GitRepository.Open(Builder.Path);
            Catalog = ReleaseCatalog.Read(Repository, TagScheme.Xen);
            Index = BackportIndex.Build(Repository, Catalog, "master", [Series10, Series11], PatchIdCache.InMemory(), 2);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>With the default policy both series are supported on this day.</summary>
    public static DateTimeOffset Now { get; } = new(2020, 9, 1, 9, 0, 0, TimeSpan.Zero);

    public static SeriesId Series10 { get; } = SeriesId.Parse("1.0");

    public static SeriesId Series11 { get; } = SeriesId.Parse("1.1");

    public RepoBuilder Builder { get; }

    public GitRepository Repository { get; }

    public ReleaseCatalog Catalog { get; }

    /// <summary>The index of both stable branches (in-memory patch-ids).</summary>
    public BackportIndex Index { get; }

    public string ConfigPath { get; }

    public string DataHome { get; }

    public string WorkingDirectory { get; }

    /// <summary>Master, before 1.0 forked: on every branch.</summary>
    public string OldFeature { get; private set; } = string.Empty;

    /// <summary>Master, after 1.0 forked, never copied to 1.0: first released in 1.1.0.</summary>
    public string NewFeature { get; private set; } = string.Empty;

    /// <summary>Master after 1.0 forked; on 1.0 by a Xen backport (master commit: trailer).</summary>
    public string PoolFeature { get; private set; } = string.Empty;

    /// <summary>Master after 1.0 forked; on 1.0 by <c>cherry-pick -x</c>.</summary>
    public string TimerFeature { get; private set; } = string.Empty;

    /// <summary>Master after 1.0 forked; on 1.0 by a cherry-pick without -x (identical patch).</summary>
    public string CreditFeature { get; private set; } = string.Empty;

    /// <summary>Master after 1.1 forked: in no release.</summary>
    public string LateFeature { get; private set; } = string.Empty;

    public string FixOfNew { get; private set; } = string.Empty;

    public string FixOfOld { get; private set; } = string.Empty;

    public string FixOfPool { get; private set; } = string.Empty;

    public string FixOfTimer { get; private set; } = string.Empty;

    public string FixOfCredit { get; private set; } = string.Empty;

    /// <summary>Fixes both <see cref="NewFeature"/> and <see cref="OldFeature"/>.</summary>
    public string FixOfBoth { get; private set; } = string.Empty;

    /// <summary>A fix without a <c>Fixes:</c> trailer.</summary>
    public string FixPlain { get; private set; } = string.Empty;

    /// <summary>Fixes <see cref="UnknownTarget"/>.</summary>
    public string FixOfUnknown { get; private set; } = string.Empty;

    public string FixOfLate { get; private set; } = string.Empty;

    /// <summary>FixOfNew's backport on stable-1.1.</summary>
    public string FixOfNewOn11 { get; private set; } = string.Empty;

    /// <summary>Runs herald with <c>--repo</c>, <c>--config</c> and a fresh <c>--data</c> appended; "now" is <see cref="Now"/>.</summary>
    public Task<ClockedRun> RunAsync(params string[] args) =>
        ClockedCli.RunAsync([.. args, "--repo", Builder.Path, "--config", ConfigPath, "--data", _files.Combine("data-" + Guid.NewGuid().ToString("N"))], WorkingDirectory, DataHome, Now);

    /// <summary>A new folder outside the repository (e.g. a data folder).</summary>
    public string NewFolder(string prefix) => _files.CreateSubdirectory(prefix + "-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        Builder.Dispose();
        _files.Dispose();
    }

    private static DateTimeOffset Noon(int month, int day) => new(2020, month, day, 12, 0, 0, TimeSpan.Zero);

    private static Dictionary<string, string> File(string name) => new() { [$"xen/{name}.c"] = $"/* {name} */\nint {name}(void)\n{{\n    return 0;\n}}\n" };

    private void Build()
    {
        var b = Builder;
        b.Commit("Initial import", date: Noon(1, 6), files: new Dictionary<string, string> { [RepoBuilder.DefaultFile] = "history\n" });
        OldFeature = b.Commit("x86: add old feature", date: Noon(1, 10), files: File("old")).LastSha;
        b.AnnotatedTag("RELEASE-1.0.0", "Release 1.0.0", Noon(2, 1)).Branch("stable-1.0");
        NewFeature = b.Commit("x86: add new feature", date: Noon(3, 1), files: File("new")).LastSha;
        PoolFeature = b.Commit("mm: add pool", date: Noon(3, 2), files: File("pool")).LastSha;
        TimerFeature = b.Commit("arm: add timer", date: Noon(3, 3), files: File("timer")).LastSha;
        CreditFeature = b.Commit("sched: add credit2", date: Noon(3, 4), files: File("credit")).LastSha;
        b.AnnotatedTag("RELEASE-1.1.0", "Release 1.1.0", Noon(4, 1)).Branch("stable-1.1");
        LateFeature = b.Commit("x86: add late feature", date: Noon(4, 20), files: File("late")).LastSha;

        FixOfNew = b.CommitFixing("x86: fix new feature", [NewFeature], Noon(5, 1), File("fix-new")).LastSha;
        FixOfOld = b.CommitFixing("x86: fix old feature", [OldFeature], Noon(5, 2), File("fix-old")).LastSha;
        FixOfPool = b.CommitFixing("mm: fix pool", [PoolFeature], Noon(5, 3), File("fix-pool")).LastSha;
        FixOfTimer = b.CommitFixing("arm: fix timer", [TimerFeature], Noon(5, 4), File("fix-timer")).LastSha;
        FixOfCredit = b.CommitFixing("sched: fix credit2", [CreditFeature], Noon(5, 5), File("fix-credit")).LastSha;
        FixOfBoth = b.CommitFixing("x86: fix both features", [NewFeature, OldFeature], Noon(5, 6), File("fix-both")).LastSha;
        FixPlain = b.Commit("xen: fix something", date: Noon(5, 7), files: File("fix-plain")).LastSha;
        FixOfUnknown = b.Commit($"xen: fix a lost commit\n\nFixes: {UnknownTarget} (\"gone\")\n", date: Noon(5, 8), files: File("fix-unknown")).LastSha;
        FixOfLate = b.CommitFixing("x86: fix late feature", [LateFeature], Noon(5, 9), File("fix-late")).LastSha;
        b.Commit("Master work", date: Noon(6, 1));

        b.Checkout("stable-1.0");
        b.Commit("1.0: prepare 1.0.1", date: Noon(3, 10)).AnnotatedTag("RELEASE-1.0.1", "Release 1.0.1", Noon(3, 15));
        b.Backport(PoolFeature, date: Noon(3, 20));
        b.CherryPick(TimerFeature, recordOrigin: true, date: Noon(3, 21));
        b.CherryPick(CreditFeature, recordOrigin: false, date: Noon(3, 22));

        b.Checkout("stable-1.1");
        b.Commit("1.1: prepare 1.1.1", date: Noon(4, 10)).AnnotatedTag("RELEASE-1.1.1", "Release 1.1.1", Noon(4, 15));
        FixOfNewOn11 = b.Backport(FixOfNew, date: Noon(5, 10)).LastSha;
        var day = 11;
        foreach (var fix in new[] { FixOfOld, FixOfPool, FixOfTimer, FixOfCredit, FixOfBoth, FixPlain, FixOfUnknown, FixOfLate })
        {
            b.Backport(fix, date: Noon(5, day++));
        }

        b.Checkout("master");
    }
}
