using Herald.Tests.Policy;
using Herald.Tests.Support;

namespace Herald.Tests.Announcements;

/// <summary>
/// A deterministic project for announcement drafts: every date, name and message is fixed.
/// <list type="bullet">
/// <item>master: RELEASE-1.0.0 (2 changesets), then 3 more and a CHANGELOG.md with a 1.1.0 section, RELEASE-1.1.0;</item>
/// <item>stable-1.0 with RELEASE-1.0.1 and stable-1.1 with RELEASE-1.1.1, both tagged on 2022-03-15, then RELEASE-1.1.2;</item>
/// <item>policy: 1 month general, 2 months security support, so 1.0 ends on 2022-03-11 (1.0.1 is its last
/// release) and 1.1 is supported on 2022-03-15;</item>
/// <item>notes/1.1.0.md beside the configuration, and a published 1.1.0 tarball in one data folder.</item>
/// </list>
/// </summary>
public sealed class AnnounceFixture : IDisposable
{
    public const string ConfigText = """
        [project]
        name = "Golden Fixture"
        slug = "golden"
        url = "https://herald.example.org"

        [releases]
        tag = "RELEASE-{version}"
        branch = "stable-{series}"

        [policy]
        general_months = 1
        security_months = 2
        statement = ""

        [announce]
        policy_url = "https://example.org/policy"
        release_manager = "Ann Lee"
        next_release_manager = "Bob Builder"

        """;

    public const string Changelog = """
        # Changelog

        The format is based on [Keep a Changelog](https://keepachangelog.com/en/1.0.0/).

        ## [Unreleased]

        ### Added
         - Nothing yet.

        ## [1.1.0](https://example.org/log/RELEASE-1.1.0) - 2022-03-01

        ### Added
         - An ARM timer.

        ### Changed
         - The scheduler is faster.

        ### Removed
         - The old boot path.

        ## 1.0.0 - 2022-01-11

        ### Added
         - A scheduler.

        """;

    public const string Notes = """
        Golden 1.1 is the first release with ARM support.

        ## New Features

        - Boots on ARM boards.

        ## Known Issues

        - Suspend does not work yet.

        """;

    /// <summary>The instant the fake clock shows.</summary>
    public static readonly DateTimeOffset Now = new(2022, 4, 1, 9, 0, 0, TimeSpan.Zero);

    private const string Ann = "Ann Lee <ann@citrix.com>";
    private const string Bob = "Bob Builder <bob@suse.com>";

    private readonly TempDirectory _files;

    public AnnounceFixture()
    {
        _files = TempDirectory.Create();
        ConfigPath = _files.WriteFile("config/herald.toml", ConfigText);
        _files.WriteFile("config/notes/1.1.0.md", Notes);
        DataHome = _files.CreateSubdirectory("xdg-data");
        WorkingDirectory = _files.CreateSubdirectory("cwd");
        PublishedData = _files.CreateSubdirectory("published-data");
        _files.WriteFile("published-data/artifacts/release/golden/1.1.0/golden-1.1.0.tar.gz", "not really a tarball\n");
        _files.WriteFile("published-data/artifacts/release/golden/1.1.0/SHA256SUMS", $"{new string('a', 64)}  golden-1.1.0.tar.gz\n");
        _files.WriteFile("published-data/artifacts/release/golden/1.1.0/SHA512SUMS", $"{new string('b', 128)}  golden-1.1.0.tar.gz\n");
        Repo = RepoBuilder.Create();
        try
        {
            Build(Repo);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public RepoBuilder Repo { get; }

    public string ConfigPath { get; }

    public string ConfigFolder => Path.GetDirectoryName(ConfigPath)!;

    public string DataHome { get; }

    public string WorkingDirectory { get; }

    /// <summary>A data folder whose artifact store holds a published 1.1.0.</summary>
    public string PublishedData { get; }

    /// <summary>A fresh, not yet existing data folder path for one run.</summary>
    public string NewDataFolder() => _files.Combine("data-" + Guid.NewGuid().ToString("N"));

    /// <summary>Runs herald at <see cref="Now"/> with <c>--repo</c>, <c>--config</c> (or <paramref name="config"/>) and a fresh <c>--data</c>.</summary>
    public Task<ClockedRun> RunAsync(params string[] args) => RunWithAsync(ConfigPath, NewDataFolder(), args);

    /// <summary>Runs herald at <see cref="Now"/> with the given configuration and data folder.</summary>
    public Task<ClockedRun> RunWithAsync(string config, string data, params string[] args) =>
        ClockedCli.RunAsync([.. args, "--repo", Repo.Path, "--config", config, "--data", data], WorkingDirectory, DataHome, Now);

    /// <summary>Writes a file in the fixture's private folder (outside the repository); returns its path.</summary>
    public string WriteFile(string relativePath, string content) => _files.WriteFile(relativePath, content);

    public void Dispose()
    {
        Repo.Dispose();
        _files.Dispose();
    }

    private static void Build(RepoBuilder repo)
    {
        static DateTimeOffset Day(int month, int day) => new(2022, month, day, 10, 0, 0, TimeSpan.Zero);

        repo.Commit("Initial import", date: Day(1, 4), files: new Dictionary<string, string> { ["README"] = "Golden\n" });
        repo.Commit($"xen: add scheduler\n\nSigned-off-by: {Bob}\nReviewed-by: {Ann}\n", author: "Bob Builder", email: "bob@suse.com", date: Day(1, 6));
        repo.AnnotatedTag("RELEASE-1.0.0", "Golden 1.0.0", date: Day(1, 11));
        repo.Branch("stable-1.0");

        repo.Commit($"xen: faster scheduler\n\nAcked-by: {Ann}\n", author: "Bob Builder", email: "bob@suse.com", date: Day(2, 1));
        repo.Commit($"arm: add timer\n\nReviewed-by: {Bob}\n", author: "Dan Park", email: "dan@amd.com", date: Day(2, 3));
        repo.Commit("docs: changelog for 1.1.0", author: "Ann Lee", email: "ann@citrix.com", date: Day(2, 5), files: new Dictionary<string, string> { ["CHANGELOG.md"] = Changelog });
        repo.AnnotatedTag("RELEASE-1.1.0", "Golden 1.1.0", date: Day(3, 1));
        repo.Branch("stable-1.1");
        repo.Commit("xen: start 1.2", date: Day(3, 5));

        repo.Checkout("stable-1.0");
        repo.Commit("xen: fix boot on old machines", author: "Ann Lee", email: "ann@citrix.com", date: Day(3, 10), files: new Dictionary<string, string> { ["fix-1.0.c"] = "fix\n" });
        repo.AnnotatedTag("RELEASE-1.0.1", "Golden 1.0.1", date: Day(3, 15));
        repo.Checkout("stable-1.1");
        repo.Commit("arm: fix timer", author: "Dan Park", email: "dan@amd.com", date: Day(3, 11), files: new Dictionary<string, string> { ["fix-1.1.c"] = "fix\n" });
        repo.AnnotatedTag("RELEASE-1.1.1", "Golden 1.1.1", date: Day(3, 15));
        repo.Commit("arm: fix the timer again", author: "Dan Park", email: "dan@amd.com", date: Day(3, 20), files: new Dictionary<string, string> { ["fix-1.1.c"] = "fix again\n" });
        repo.AnnotatedTag("RELEASE-1.1.2", "Golden 1.1.2", date: Day(3, 21));
        repo.Checkout("master");
    }
}
