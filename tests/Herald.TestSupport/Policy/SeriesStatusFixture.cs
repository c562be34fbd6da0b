using Herald.History;
using Herald.Policy;
using Herald.Releases;
using Herald.Tests.Support;

namespace Herald.Tests.Policy;

/// <summary>
/// A Xen-shaped project with three released series and one in development, every date fixed (UTC noon):
/// <code>
/// master:     Initial import [0.9.0-rc1, abandoned] - Add feature A [RELEASE-1.0.0 2020-02-01]
///             - Master work 1 - Master work 2 [RELEASE-1.1.0 2020-08-01] - Master work 3 - Master work 4
///             [RELEASE-1.2.0 2021-02-01] - Master work 5 [1.3.0-rc1 2021-06-01] - Master work 6
/// stable-1.0: fix one [1.0.1 2020-03-15] - fix two [1.0.2 2020-05-15] - fix three (2021-03-01)
///             - merge of topic-1.0 (topic fix 2021-03-05, merge 2021-03-06) - fix four (2021-03-10)
/// stable-1.1: SUPPORT.md (until 2021-06-30 / 2021-09-30) - fix one [1.1.1 2020-09-15]
/// stable-1.2: SUPPORT.md (until 2022-08-01 / 2024-02-01) - fix one [1.2.1 2021-03-01] - fix two (2021-04-01)
/// </code>
/// The default policy (18 / 36 months) gives 1.0 general support until 2021-08-01 and security support
/// until 2023-02-01. <see cref="ConfigText"/> sets 1.2's dates in <c>[[policy.series]]</c> (they disagree
/// with its statement).
/// </summary>
public sealed class SeriesStatusFixture : IDisposable
{
    public const string ConfigText = """
        [project]
        name = "Status Fixture"
        slug = "status-fixture"

        [releases]
        tag = "RELEASE-{version}"
        candidate = "{version}-rc{n}"
        branch = "stable-{series}"

        [policy]
        general_months = 18
        security_months = 36
        cadence_months = 4

        [[policy.series]]
        series = "1.2"
        general_until = 2021-09-15
        security_until = 2025-01-01

        """;

    private readonly TempDirectory _files;

    public SeriesStatusFixture()
    {
        _files = TempDirectory.Create();
        Builder = RepoBuilder.Create();
        try
        {
            ConfigPath = _files.WriteFile("config/herald.toml", ConfigText);
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

    /// <summary>The settings <see cref="ConfigText"/> describes.</summary>
    public static PolicySettings ConfiguredSettings { get; } = new()
    {
        Series = [new SeriesDates(SeriesId.Parse("1.2"), new DateOnly(2021, 9, 15), new DateOnly(2025, 1, 1))],
    };

    public RepoBuilder Builder { get; }

    public GitRepository Repository { get; }

    public ReleaseCatalog Catalog { get; }

    public string ConfigPath { get; }

    public string DataHome { get; }

    public string WorkingDirectory { get; }

    /// <summary>A fresh data folder for one CLI run.</summary>
    public string NewDataFolder() => _files.Combine("data-" + Guid.NewGuid().ToString("N"));

    /// <summary>Runs herald with <c>--repo</c>, <c>--config</c> and a fresh <c>--data</c> appended; "now" is <paramref name="now"/>.</summary>
    public Task<ClockedRun> RunAsync(DateTimeOffset now, params string[] args) =>
        ClockedCli.RunAsync([.. args, "--repo", Builder.Path, "--config", ConfigPath, "--data", NewDataFolder()], WorkingDirectory, DataHome, now);

    public static DateTimeOffset Noon(int year, int month, int day) => new(year, month, day, 12, 0, 0, TimeSpan.Zero);

    public static string Statement(string series, string released, string supportedUntil, string securityUntil) => $"""
        # Support statement for this release

        This document describes the support status of the project.

            Xen-Version: {series}

            Initial-Release: {released}
            Supported-Until: {supportedUntil}
            Security-Support-Until: {securityUntil}

        """;

    public void Dispose()
    {
        Builder.Dispose();
        _files.Dispose();
    }

    private static void Build(RepoBuilder b)
    {
        b.Commit("Initial import", date: Noon(2020, 1, 6)).AnnotatedTag("0.9.0-rc1", "abandoned candidate", Noon(2020, 1, 7));
        b.Commit("Add feature A", date: Noon(2020, 1, 20)).AnnotatedTag("RELEASE-1.0.0", "Release 1.0.0", Noon(2020, 2, 1));
        b.Branch("stable-1.0");
        b.Commit("Master work 1", date: Noon(2020, 3, 1));
        b.Commit("Master work 2", date: Noon(2020, 7, 20)).AnnotatedTag("RELEASE-1.1.0", "Release 1.1.0", Noon(2020, 8, 1));
        b.Branch("stable-1.1");
        b.Commit("Master work 3", date: Noon(2020, 9, 1));
        b.Commit("Master work 4", date: Noon(2021, 1, 20)).AnnotatedTag("RELEASE-1.2.0", "Release 1.2.0", Noon(2021, 2, 1));
        b.Branch("stable-1.2");
        b.Commit("Master work 5", date: Noon(2021, 5, 1)).AnnotatedTag("1.3.0-rc1", "Release candidate 1.3.0-rc1", Noon(2021, 6, 1));
        b.Commit("Master work 6", date: Noon(2021, 7, 1));

        b.Checkout("stable-1.0");
        b.Commit("1.0: fix one", date: Noon(2020, 3, 10)).AnnotatedTag("RELEASE-1.0.1", "Release 1.0.1", Noon(2020, 3, 15));
        b.Commit("1.0: fix two", date: Noon(2020, 5, 10)).AnnotatedTag("RELEASE-1.0.2", "Release 1.0.2", Noon(2020, 5, 15));
        b.Commit("1.0: fix three", date: Noon(2021, 3, 1));
        b.CheckoutNew("topic-1.0").Commit("1.0: topic fix", date: Noon(2021, 3, 5));
        b.Checkout("stable-1.0").Merge("topic-1.0", "Merge branch 'topic-1.0' into stable-1.0", Noon(2021, 3, 6));
        b.Commit("1.0: fix four", date: Noon(2021, 3, 10));

        b.Checkout("stable-1.1");
        b.Commit(
            "1.1: add the support statement",
            date: Noon(2020, 8, 5),
            files: new Dictionary<string, string> { ["SUPPORT.md"] = Statement("1.1", "2020-08-01", "2021-06-30", "2021-09-30") });
        b.Commit("1.1: fix one", date: Noon(2020, 9, 10)).AnnotatedTag("RELEASE-1.1.1", "Release 1.1.1", Noon(2020, 9, 15));

        b.Checkout("stable-1.2");
        b.Commit(
            "1.2: add the support statement",
            date: Noon(2021, 2, 5),
            files: new Dictionary<string, string> { ["SUPPORT.md"] = Statement("1.2", "2021-02-01", "2022-08-01", "2024-02-01") });
        b.Commit("1.2: fix one", date: Noon(2021, 2, 10)).AnnotatedTag("RELEASE-1.2.1", "Release 1.2.1", Noon(2021, 3, 1));
        b.Commit("1.2: fix two", date: Noon(2021, 4, 1));
        b.Checkout("master");
    }
}
