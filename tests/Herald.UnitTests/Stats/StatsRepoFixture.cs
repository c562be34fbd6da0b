using System.Globalization;
using Herald.History;
using Herald.Releases;
using Herald.Stats;
using Herald.Tests.Support;
using Xunit;

namespace Herald.Tests.Stats;

/// <summary>
/// One repository shared by the statistics tests (built once per test class):
/// <list type="bullet">
/// <item>RELEASE-1.0.0: Alice (initial import with .mailmap), Bob (reviewed by Rita), Dan;</item>
/// <item>RELEASE-1.1.0: Robert Builder (Bob's old address, aliased to bob@suse.com; reviewed by Rita,
/// acked by Ann), Bob, Ann (tested by Tom, reported by Rita), Dan the day before he moves from OldCo to
/// NewCo (reviewed by Ann) and on the day he moves, "carol smith" (mailmapped to Carol Smith) on a
/// merged branch, a merge, Alice's binary file, rename and deletion.</item>
/// </list>
/// </summary>
public sealed class StatsRepoFixture : IDisposable
{
    public const string Alice = "Alice Example <alice@example.com>";
    public const string Rita = "Rita Reviewer <rita@redhat.com>";
    public const string Ann = "Ann Lee <ann@eu.citrix.com>";
    public const string Tom = "Tom Tester <tom@intel.com>";

    /// <summary>The revisions of RELEASE-1.0.0..RELEASE-1.1.0.</summary>
    public static readonly IReadOnlyList<string> SecondRange = ["refs/tags/RELEASE-1.1.0", "^refs/tags/RELEASE-1.0.0"];

    /// <summary>The revisions of RELEASE-1.0.0 (its whole history).</summary>
    public static readonly IReadOnlyList<string> FirstRange = ["refs/tags/RELEASE-1.0.0"];

    private readonly TempDirectory _files;

    public StatsRepoFixture()
    {
        _files = TempDirectory.Create();
        AliasesPath = _files.WriteFile("aliases", "# Bob's address before he joined SUSE\nbob.builder@old.example.net  bob@suse.com\n");
        DomainMapPath = _files.WriteFile("domain-map", """
            suse.com       SUSE
            citrix.com     Citrix
            redhat.com     Red Hat
            intel.com      Intel
            dan@mover.org  OldCo < 2020-03-01
            dan@mover.org  NewCo

            """);
        Repo = RepoBuilder.Create();
        try
        {
            Build(Repo);
            Repository = GitRepository.Open(Repo.Path);
        }
        catch
        {
            Dispose();
            throw;
        }

        Identities = new IdentityResolver(GitdmAliases.Load(AliasesPath), EmployerMap.Load(DomainMapPath));
        IdentitiesWithoutAliases = new IdentityResolver(GitdmAliases.Empty, EmployerMap.Load(DomainMapPath));
    }

    public RepoBuilder Repo { get; }

    public GitRepository Repository { get; }

    public string AliasesPath { get; }

    public string DomainMapPath { get; }

    /// <summary>The aliases file and the domain map (no built-in map).</summary>
    public IdentityResolver Identities { get; }

    /// <summary>The domain map alone.</summary>
    public IdentityResolver IdentitiesWithoutAliases { get; }

    public ReleaseCatalog Catalog => ReleaseCatalog.Read(Repository, TagScheme.Xen);

    public static DateTimeOffset Day(int month, int day, int hour = 12) => new(2020, month, day, hour, 0, 0, TimeSpan.Zero);

    /// <summary>Sums <c>git log --no-merges --numstat</c> over <paramref name="args"/> (binary files, shown as '-', count nothing).</summary>
    public (long Added, long Removed) GitNumstatTotals(params string[] args)
    {
        var output = Repo.Git(["log", "--no-merges", "--numstat", "--format=", .. args]);
        long added = 0, removed = 0;
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split('\t');
            if (fields[0] != "-")
            {
                added += long.Parse(fields[0], CultureInfo.InvariantCulture);
            }

            if (fields[1] != "-")
            {
                removed += long.Parse(fields[1], CultureInfo.InvariantCulture);
            }
        }

        return (added, removed);
    }

    public void Dispose()
    {
        Repo.Dispose();
        _files.Dispose();
    }

    private static void Build(RepoBuilder repo)
    {
        var code = string.Concat(Enumerable.Range(1, 10).Select(i => $"int f{i}(void);\n"));
        repo.Commit(
            "Initial import",
            author: "Alice Example",
            email: "alice@example.com",
            date: Day(1, 10),
            files: new Dictionary<string, string>
            {
                [".mailmap"] = "Carol Smith <carol@example.org> carol smith <csmith@typo.example.org>\n",
                ["README"] = "Herald statistics fixture\n",
                ["src/a.c"] = code,
            });
        repo.Commit(
            $"Add feature\n\nLonger description of the feature.\n\nSigned-off-by: Bob Builder <bob@suse.com>\nReviewed-by: {Rita}\n",
            author: "Bob Builder",
            email: "bob@suse.com",
            date: Day(1, 11),
            files: new Dictionary<string, string> { ["src/a.c"] = code.Replace("f3", "feature3", StringComparison.Ordinal) + "int feature(void);\n" });
        repo.Commit("Dan's first change", author: "Dan Mover", email: "dan@mover.org", date: Day(1, 12));
        repo.AnnotatedTag("RELEASE-1.0.0", "Herald 1.0.0", date: Day(1, 13));

        repo.Commit(
            $"Fix typo in feature\n\nSigned-off-by: Robert Builder <bob.builder@old.example.net>\nReviewed-by: {Rita}\nAcked-by: {Ann}\n",
            author: "Robert Builder",
            email: "bob.builder@old.example.net",
            date: Day(2, 1),
            files: new Dictionary<string, string> { ["src/a.c"] = code.Replace("f3", "feature_3", StringComparison.Ordinal) + "int feature(void);\n" });
        repo.Commit("Bob again", author: "Bob Builder", email: "bob@suse.com", date: Day(2, 2));
        repo.Commit(
            $"Document Ann's change\n\nTested-by: {Tom}\nReported-by: {Rita}\nSigned-off-by: {Ann}\n",
            author: "Ann Lee",
            email: "ann@eu.citrix.com",
            date: Day(2, 3),
            files: new Dictionary<string, string> { ["docs/ann.txt"] = "one\ntwo\nthree\n" });
        repo.Commit($"Dan before the move\n\nReviewed-by: {Ann}\n", author: "Dan Mover", email: "dan@mover.org", date: Day(2, 29));
        repo.Commit("Dan after the move", author: "Dan Mover", email: "dan@mover.org", date: Day(3, 1, hour: 9));

        repo.CheckoutNew("feature");
        repo.Commit(
            "Carol's feature",
            author: "carol smith",
            email: "csmith@typo.example.org",
            date: Day(3, 2),
            files: new Dictionary<string, string> { ["feature.txt"] = "a\nb\n" });
        repo.Checkout("master");
        repo.Merge("feature", "Merge branch 'feature'", date: Day(3, 4), author: "Alice Example", email: "alice@example.com");

        repo.CommitBinary("assets/logo.png", [0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x00, 0x0D, 0xFF, 0x00, 0x10], "Add logo", author: "Alice Example", email: "alice@example.com", date: Day(3, 5));
        repo.Rename("src/a.c", "src/core/a.c", "Move a.c", author: "Alice Example", email: "alice@example.com", date: Day(3, 6));
        repo.Delete("README", "Drop README", author: "Alice Example", email: "alice@example.com", date: Day(3, 7));
        repo.AnnotatedTag("RELEASE-1.1.0", "Herald 1.1.0", date: Day(3, 8));
    }
}
