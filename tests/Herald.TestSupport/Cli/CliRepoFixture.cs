using Herald.Tests.Support;

namespace Herald.Tests.Cli;

/// <summary>
/// A deterministic Xen-style project for the command tests and golden files: every date, name and message
/// is fixed, so every commit id is too. Configuration, domain map and data folders live outside the
/// repository.
/// <list type="bullet">
/// <item>master: 1.0.0-rc1, RELEASE-1.0.0 (annotated), 1.1.0-rc1, RELEASE-1.1.0 (signed, unverified), a merged topic
/// branch, a binary file, a rename;</item>
/// <item>stable-1.0 with RELEASE-1.0.1 (a backport); stable-1.1 at RELEASE-1.1.0.</item>
/// </list>
/// In RELEASE-1.0.0..RELEASE-1.1.0 Alice has 4 commits, Bob 3, Ann 2 and Dan 1 (no ties).
/// </summary>
public sealed class CliRepoFixture : IDisposable
{
    public const string ConfigText = """
        [project]
        name = "Golden Fixture"
        slug = "golden"

        [releases]
        tag = "RELEASE-{version}"
        candidate = "{version}-rc{n}"
        branch = "stable-{series}"

        [stats]
        domain_map = "domain-map"
        builtin_domain_map = false

        """;

    public const string DomainMapText = """
        # employers of the golden fixture
        suse.com     SUSE
        citrix.com   Citrix
        amd.com      AMD
        intel.com    Intel

        """;

    private const string Ann = "Ann Lee <ann@citrix.com>";
    private const string Bob = "Bob Builder <bob@suse.com>";
    private const string Tom = "Tom Tester <tom@intel.com>";

    private readonly TempDirectory _files;

    public CliRepoFixture()
    {
        _files = TempDirectory.Create();
        ConfigPath = _files.WriteFile("config/herald.toml", ConfigText);
        _files.WriteFile("config/domain-map", DomainMapText);
        DataHome = _files.CreateSubdirectory("xdg-data");
        WorkingDirectory = _files.CreateSubdirectory("cwd");
        Repo = RepoBuilder.Create();
        try
        {
            Build(Repo, sign: true);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public RepoBuilder Repo { get; }

    public string ConfigPath { get; }

    /// <summary>The XDG data home handed to the CLI (it must stay empty when --data is given).</summary>
    public string DataHome { get; }

    /// <summary>The CLI's current folder (outside the repository).</summary>
    public string WorkingDirectory { get; }

    /// <summary>A fresh, not yet existing data folder path for one run.</summary>
    public string NewDataFolder() => _files.Combine("data-" + Guid.NewGuid().ToString("N"));

    /// <summary>Runs herald with <c>--repo</c>, <c>--config</c> and a fresh <c>--data</c> appended, piped.</summary>
    public Task<CliResult> RunAsync(params string[] args) => RunAsync(terminal: false, width: 120, args);

    /// <summary>Runs herald with <c>--repo</c>, <c>--config</c> and a fresh <c>--data</c> appended.</summary>
    public Task<CliResult> RunAsync(bool terminal, int width, params string[] args) =>
        CliRunner.RunAsync([.. args, "--repo", Repo.Path, "--config", ConfigPath, "--data", NewDataFolder()], WorkingDirectory, DataHome, terminal, width);

    /// <summary>Runs herald with exactly <paramref name="args"/>, piped.</summary>
    public Task<CliResult> RunRawAsync(params string[] args) => CliRunner.RunAsync(args, WorkingDirectory, DataHome);

    /// <summary>Writes a file in the fixture's private folder (outside the repository); returns its path.</summary>
    public string WriteFile(string relativePath, string content) => _files.WriteFile(relativePath, content);

    public void Dispose()
    {
        Repo.Dispose();
        _files.Dispose();
    }

    /// <summary>
    /// Builds the fixture history into an empty repository; <paramref name="sign"/> makes RELEASE-1.1.0 a
    /// signed tag (a fixed, unverified signature: the fast tests need no gpg).
    /// </summary>
    public static void Build(RepoBuilder repo, bool sign)
    {
        static DateTimeOffset Day(int month, int day) => new(2021, month, day, 10, 0, 0, TimeSpan.Zero);

        repo.Commit(
            "Initial import",
            date: Day(1, 4),
            files: new Dictionary<string, string>
            {
                ["README"] = "Golden fixture\n\nA tiny hypervisor.\n",
                ["xen/core.c"] = "int main(void)\n{\n    return 0;\n}\n",
            });
        repo.Commit("docs: describe the build", author: "Carol Jones", email: "carol@gmail.com", date: Day(1, 5));
        repo.Commit(
            $"xen: add scheduler\n\nA round-robin scheduler.\n\nSigned-off-by: {Bob}\nReviewed-by: {Ann}\n",
            author: "Bob Builder",
            email: "bob@suse.com",
            date: Day(1, 6),
            files: new Dictionary<string, string> { ["xen/sched.c"] = "void schedule(void)\n{\n}\n" });
        repo.AnnotatedTag("1.0.0-rc1", "Golden 1.0.0-rc1", date: Day(1, 7));
        repo.Commit($"xen: fix boot\n\nReported-by: {Tom}\nSigned-off-by: {Ann}\n", author: "Ann Lee", email: "ann@citrix.com", date: Day(1, 8));
        repo.AnnotatedTag("RELEASE-1.0.0", "Golden 1.0.0", date: Day(1, 11));
        repo.Branch("stable-1.0");

        repo.Commit(
            $"xen: faster scheduler\n\nSigned-off-by: {Bob}\nAcked-by: {Ann}\nTested-by: {Tom}\n",
            author: "Bob Builder",
            email: "bob@suse.com",
            date: Day(2, 1),
            files: new Dictionary<string, string> { ["xen/sched.c"] = "void schedule(void)\n{\n    pick_next();\n}\n" });
        repo.Commit("docs: update README", date: Day(2, 2), files: new Dictionary<string, string> { ["README"] = "Golden fixture\n\nA small hypervisor.\n" });
        repo.CheckoutNew("topic");
        repo.Commit(
            $"arm: add timer\n\nReviewed-by: {Bob}\n",
            author: "Dan Park",
            email: "dan@amd.com",
            date: Day(2, 3),
            files: new Dictionary<string, string> { ["arm/timer.c"] = "void timer(void)\n{\n}\n" });
        repo.Checkout("master");
        repo.Commit("xen: tidy scheduler", author: "Bob Builder", email: "bob@suse.com", date: Day(2, 4));
        repo.Merge("topic", "Merge branch 'topic'", date: Day(2, 5));
        repo.CommitBinary("docs/logo.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x00], "docs: add logo", date: Day(2, 8));
        repo.AnnotatedTag("1.1.0-rc1", "Golden 1.1.0-rc1", date: Day(2, 9));
        repo.Commit($"xen: fix race\n\nReviewed-by: {Bob}\nSigned-off-by: {Ann}\n", author: "Ann Lee", email: "ann@citrix.com", date: Day(2, 10));
        repo.Rename("xen/core.c", "xen/main.c", "xen: rename core", date: Day(2, 11));
        repo.Commit("xen: harden parser", author: "Ann Lee", email: "ann@citrix.com", date: Day(2, 12));
        repo.Commit("xen: drop old hook", author: "Bob Builder", email: "bob@suse.com", date: Day(2, 13));
        repo.Commit("Update version to 1.1.0", date: Day(2, 15));
        if (sign)
        {
            repo.UnverifiedSignedTag("RELEASE-1.1.0", "Golden 1.1.0", date: Day(2, 16));
        }
        else
        {
            repo.AnnotatedTag("RELEASE-1.1.0", "Golden 1.1.0", date: Day(2, 16));
        }

        repo.Branch("stable-1.1");
        var fixRace = repo.Git("log", "--format=%H", "-1", "--grep=^xen: fix race");

        repo.Checkout("stable-1.0");
        repo.Backport(fixRace, date: Day(2, 20));
        repo.AnnotatedTag("RELEASE-1.0.1", "Golden 1.0.1", date: Day(2, 21));
        repo.Checkout("master");
    }
}
