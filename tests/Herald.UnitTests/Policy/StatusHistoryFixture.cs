using Herald.History;
using Herald.Releases;
using Herald.Tests.Support;

namespace Herald.Tests.Policy;

/// <summary>
/// A project seen at past dates: series that appear one after another, a support statement that changes,
/// and a branch made long before its series is released. Every date is fixed (UTC noon):
/// <code>
/// master:     Initial import - Add feature A [RELEASE-1.0.0 2020-02-01] - Master work 1 (2020-06-20)
///             - Master work 2 (2020-09-20) - Master work 3 (2020-11-20) - Master work 4 (2021-01-05)
/// stable-1.0: SUPPORT.md TBD/TBD (2020-02-05) - fix one [RELEASE-1.0.1 2020-03-15]
///             - SUPPORT.md 2021-08-01/2023-02-01 (2020-06-01) - SUPPORT.md 2021-12-31/2023-06-30 (2021-01-10)
/// stable-1.1: from Master work 1; own commit (2020-07-01) [RELEASE-1.1.0 2020-08-01]
/// stable-1.2: from Master work 2; own commit (2020-10-01) [1.2.0-rc1 2020-11-01]
/// stable-1.3: from Master work 3; own commit (2020-12-01), nothing tagged
/// </code>
/// </summary>
public sealed class StatusHistoryFixture : IDisposable
{
    /// <summary>A herald.toml without <c>[policy]</c>.</summary>
    public const string ConfigWithoutPolicy = """
        [project]
        name = "History Fixture"
        slug = "history-fixture"

        [releases]
        tag = "RELEASE-{version}"
        candidate = "{version}-rc{n}"
        branch = "stable-{series}"

        """;

    private readonly TempDirectory _files;

    public StatusHistoryFixture()
    {
        _files = TempDirectory.Create();
        Builder = RepoBuilder.Create();
        try
        {
            ConfigPath = _files.WriteFile("config/herald.toml", ConfigWithoutPolicy);
            DataHome = _files.CreateSubdirectory("xdg-data");
            WorkingDirectory = _files.CreateSubdirectory("cwd");
            Build(Builder);
            Repository = GitRepository.Open(Builder.Path);
            Catalog = ReleaseCatalog.Read(Repository, TagScheme.Xen);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public RepoBuilder Builder { get; }

    public GitRepository Repository { get; }

    public ReleaseCatalog Catalog { get; }

    public string ConfigPath { get; }

    public string DataHome { get; }

    public string WorkingDirectory { get; }

    /// <summary>Runs herald with <c>--repo</c>, <c>--config</c> (no <c>[policy]</c>) and a fresh <c>--data</c> appended.</summary>
    public Task<ClockedRun> RunAsync(DateTimeOffset now, params string[] args) =>
        ClockedCli.RunAsync([.. args, "--repo", Builder.Path, "--config", ConfigPath, "--data", _files.Combine("data-" + Guid.NewGuid().ToString("N"))], WorkingDirectory, DataHome, now);

    public void Dispose()
    {
        Builder.Dispose();
        _files.Dispose();
    }

    private static DateTimeOffset Noon(int year, int month, int day) => SeriesStatusFixture.Noon(year, month, day);

    private static void Build(RepoBuilder b)
    {
        b.Commit("Initial import", date: Noon(2020, 1, 6));
        b.Commit("Add feature A", date: Noon(2020, 1, 20)).AnnotatedTag("RELEASE-1.0.0", "Release 1.0.0", Noon(2020, 2, 1));
        b.Branch("stable-1.0");
        b.Commit("Master work 1", date: Noon(2020, 6, 20)).Branch("stable-1.1");
        b.Commit("Master work 2", date: Noon(2020, 9, 20)).Branch("stable-1.2");
        b.Commit("Master work 3", date: Noon(2020, 11, 20)).Branch("stable-1.3");
        b.Commit("Master work 4", date: Noon(2021, 1, 5));

        b.Checkout("stable-1.0");
        b.CommitSupportStatement("1.0", "2020-02-01", "TBD", "TBD", Noon(2020, 2, 5), "add the support statement");
        b.Commit("1.0: fix one", date: Noon(2020, 3, 10)).AnnotatedTag("RELEASE-1.0.1", "Release 1.0.1", Noon(2020, 3, 15));
        b.CommitSupportStatement("1.0", "2020-02-01", "2021-08-01", "2023-02-01", Noon(2020, 6, 1), "the support dates are decided");
        b.CommitSupportStatement("1.0", "2020-02-01", "2021-12-31", "2023-06-30", Noon(2021, 1, 10), "support is extended");

        b.Checkout("stable-1.1");
        b.Commit("1.1: own commit", date: Noon(2020, 7, 1)).AnnotatedTag("RELEASE-1.1.0", "Release 1.1.0", Noon(2020, 8, 1));

        b.Checkout("stable-1.2");
        b.Commit("1.2: own commit", date: Noon(2020, 10, 1)).AnnotatedTag("1.2.0-rc1", "Release candidate 1.2.0-rc1", Noon(2020, 11, 1));

        b.Checkout("stable-1.3");
        b.Commit("1.3: own commit", date: Noon(2020, 12, 1));
        b.Checkout("master");
    }
}
