using Herald.History;
using Herald.Releases;
using Herald.Tests.Support;

namespace Herald.Tests.Releases;

/// <summary>
/// A Xen-shaped history. master forks stable-1.0 at RELEASE-1.0.0 and goes on; stable-1.0 gets backports
/// (1.0.1, then 1.0.2 after master moved on) and one unreleased fix; master forks stable-1.1, where
/// RELEASE-1.1.0 is tagged after branching, then 1.1.1 and 1.1.3 (1.1.2 was skipped); master gets
/// RELEASE-1.2.0 and one more commit. Candidates 1.1.0-rc1 (lightweight) and 1.1.0-rc2 (annotated) sit
/// on master.
/// </summary>
/// <remarks>
/// <code>
/// master:     Initial import - Add feature A [1.0.0] - Master work 1 - Fix bug X - Master work 2 [rc1]
///             - Master work 3 - Fix bug Y [rc2] - Master work 4 - Master work 5 [1.2.0] - Master work 6
/// stable-1.0: [1.0.0] - Fix bug X [1.0] [1.0.1] - Fix bug Y [1.0] - Fix bug only in 1.0 [1.0.2] - Unreleased 1.0 fix
/// stable-1.1: Fix bug Y - Prepare 1.1.0 [1.1.0] - Fix bug Z [1.1.1] - Fix bug W [1.1.3]
/// </code>
/// </remarks>
public sealed class StableHistoryFixture : IDisposable
{
    /// <summary>Tagger date of the annotated RELEASE-1.0.0, far from every commit date.</summary>
    public static readonly DateTimeOffset Release100TagDate = new(2020, 6, 15, 9, 30, 0, TimeSpan.FromHours(2));

    /// <summary>Author date of "Fix bug Z", the commit the lightweight RELEASE-1.1.1 points at.</summary>
    public static readonly DateTimeOffset FixZAuthorDate = new(2020, 3, 1, 8, 0, 0, TimeSpan.FromHours(-5));

    /// <summary>Committer date of "Fix bug Z": the date of the lightweight RELEASE-1.1.1.</summary>
    public static readonly DateTimeOffset FixZCommitterDate = new(2020, 3, 2, 9, 30, 0, TimeSpan.FromHours(-5));

    public StableHistoryFixture()
    {
        Builder = RepoBuilder.Create();
        try
        {
            var b = Builder;
            b.Commit("Initial import").Commit("Add feature A");
            b.AnnotatedTag("RELEASE-1.0.0", "Release 1.0.0", date: Release100TagDate);
            b.Branch("stable-1.0");

            b.Commit("Master work 1");
            var fixX = b.Commit("Fix bug X").LastSha;
            b.Commit("Master work 2").Tag("1.1.0-rc1");

            b.Checkout("stable-1.0").Backport(fixX, " [1.0]").Tag("RELEASE-1.0.1");

            b.Checkout("master").Commit("Master work 3");
            var fixY = b.Commit("Fix bug Y").LastSha;
            b.AnnotatedTag("1.1.0-rc2", "Release candidate 2");
            b.CheckoutNew("stable-1.1").Commit("Prepare 1.1.0").AnnotatedTag("RELEASE-1.1.0", "Release 1.1.0");

            b.Checkout("master").Commit("Master work 4");

            b.Checkout("stable-1.0").Backport(fixY, " [1.0]").Commit("Fix bug only in 1.0").AnnotatedTag("RELEASE-1.0.2", "Release 1.0.2");
            b.Commit("Unreleased 1.0 fix");

            b.Checkout("stable-1.1")
                .Commit("Fix bug Z", date: FixZAuthorDate, committerDate: FixZCommitterDate)
                .Tag("RELEASE-1.1.1")
                .Commit("Fix bug W")
                .Tag("RELEASE-1.1.3");

            b.Checkout("master").Commit("Master work 5").Tag("RELEASE-1.2.0").Commit("Master work 6");

            Repository = GitRepository.Open(b.Path);
            Catalog = ReleaseCatalog.Read(Repository, TagScheme.Xen);
        }
        catch
        {
            Builder.Dispose();
            throw;
        }
    }

    public RepoBuilder Builder { get; }

    public GitRepository Repository { get; }

    public ReleaseCatalog Catalog { get; }

    public Release Release(string version) =>
        Catalog.Find(ReleaseVersion.Parse(version)) ?? throw new InvalidOperationException($"no release {version} in the fixture");

    /// <summary>The subjects of the commits <paramref name="revisions"/> select, sorted (ordinal).</summary>
    public IReadOnlyList<string> Subjects(IReadOnlyList<string> revisions) =>
        [.. new CommitLog(Repository).Read(new LogRequest(revisions)).Select(c => c.Subject).Order(StringComparer.Ordinal)];

    public void Dispose() => Builder.Dispose();
}
