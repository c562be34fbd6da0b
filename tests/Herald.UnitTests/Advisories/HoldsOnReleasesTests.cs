using Herald.Advisories;
using Herald.History;
using Herald.Releases;
using Herald.Tests.Support;
using Xunit;

namespace Herald.Tests.Advisories;

/// <summary>
/// Which releases an advisory not yet public holds back, on a real repository:
/// <code>
/// master:     Initial [RELEASE-1.0.0] - Feature [RELEASE-1.1.0] - Fix (XSA-500) - Cve fix (CVE-2030-12345)
/// stable-1.0: Fix backported (XSA-500) [RELEASE-1.0.1] - Quiet fix (no id) [RELEASE-1.0.2]
/// stable-1.1: Cve fix backported [RELEASE-1.1.1]
/// </code>
/// </summary>
public sealed class HoldsOnReleasesTests : IDisposable
{
    private static readonly DateTimeOffset s_until = new(2030, 1, 10, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset s_before = s_until.AddDays(-1);

    private readonly RepoBuilder _repo = RepoBuilder.Create();
    private readonly GitRepository _git;
    private readonly ReleaseCatalog _catalog;
    private readonly string _quietFix;

    public HoldsOnReleasesTests()
    {
        _repo.Commit("Initial import");
        _repo.AnnotatedTag("RELEASE-1.0.0", "Release 1.0.0").Branch("stable-1.0");
        _repo.Commit("Add feature", files: File("feature"));
        _repo.AnnotatedTag("RELEASE-1.1.0", "Release 1.1.0").Branch("stable-1.1");
        var fix = _repo.Commit("x86: check the index\n\nThis is XSA-500.\n", files: File("fix")).LastSha;
        var cveFix = _repo.Commit("mm: fix the count\n\nThis is cve-2030-12345.\n", files: File("count")).LastSha;
        _repo.Checkout("stable-1.0");
        _repo.Backport(fix);
        _repo.AnnotatedTag("RELEASE-1.0.1", "Release 1.0.1");
        _quietFix = _repo.Commit("mm: tidy up", files: File("tidy")).LastSha;
        _repo.AnnotatedTag("RELEASE-1.0.2", "Release 1.0.2");
        _repo.Checkout("stable-1.1");
        _repo.Backport(cveFix);
        _repo.AnnotatedTag("RELEASE-1.1.1", "Release 1.1.1");
        _repo.Checkout("master");
        _git = GitRepository.Open(_repo.Path);
        _catalog = ReleaseCatalog.Read(_git, TagScheme.Xen);
    }

    public void Dispose() => _repo.Dispose();

    [Fact]
    public void For_CommitInRangeNamesEmbargoedId_HoldsUntilTheInstant()
    {
        var holds = Holds(Embargoed("XSA-500", 500));

        var held = Assert.Single(holds.For("1.0.1", s_before));
        Assert.Equal("XSA-500", held.Advisory);
        Assert.Equal(s_until, held.EmbargoUntil);
        Assert.NotNull(held.Commit);
        Assert.Contains("XSA-500 is under embargo until 2030-01-10 12:00 UTC", held.Describe(), StringComparison.Ordinal);
        Assert.Empty(holds.For("1.0.1", s_until));
    }

    [Fact]
    public void For_ReleaseWhoseRangeDoesNotHaveTheFix_IsFree()
    {
        var holds = Holds(Embargoed("XSA-500", 500));

        Assert.Empty(holds.For("1.0.0", s_before));
        Assert.Empty(holds.For("1.0.2", s_before));
    }

    [Fact]
    public void For_CommitNamesOneOfItsCves_Holds()
    {
        var holds = Holds(Embargoed("XSA-501", 501, cves: ["CVE-2030-12345"]));

        Assert.Equal("XSA-501", Assert.Single(holds.For("1.1.1", s_before)).Advisory);
        Assert.Empty(holds.For("1.0.1", s_before));
    }

    [Fact]
    public void For_FixListedByTheAdvisory_HoldsThoughItsMessageKeepsQuiet()
    {
        var holds = Holds(Embargoed("XSA-502", 502, commits: [_quietFix]));

        var held = Assert.Single(holds.For("1.0.2", s_before));
        Assert.Equal(_quietFix, held.Commit);
        Assert.Empty(holds.For("1.0.1", s_before));
    }

    [Fact]
    public void For_ReleaseLinkedByTheSecurityTeam_Holds()
    {
        var holds = Holds(Embargoed("XSA-503", 503, heldReleases: ["1.0.0"]));

        var held = Assert.Single(holds.For("1.0.0", s_before));
        Assert.Null(held.Commit);
        Assert.Contains("linked to it by the security team", held.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void For_DraftNamedByACommit_HoldsUntilItIsPublished()
    {
        var holds = Holds(Embargoed("XSA-500", 500) with { State = AdvisoryState.Draft, EmbargoUntil = null });

        var held = Assert.Single(holds.For("1.0.1", s_until.AddYears(1)));
        Assert.Null(held.EmbargoUntil);
        Assert.Contains("until it is published", held.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void For_PublicAdvisory_HoldsNothing()
    {
        var holds = Holds(Embargoed("XSA-500", 500) with { State = AdvisoryState.Public, PublishedAt = s_before.AddDays(-1) });

        Assert.Empty(holds.For("1.0.1", s_before));
    }

    [Fact]
    public void ForSeries_FixOnBranchAfterLatestRelease_HoldsTheSeries()
    {
        _repo.Checkout("stable-1.0");
        _repo.Commit("x86: another fix\n\nPart of XSA-504.\n", files: File("another"));
        _repo.Checkout("master");
        var holds = new ReleaseHolds([Embargoed("XSA-504", 504)], GitRepository.Open(_repo.Path), ReleaseCatalog.Read(GitRepository.Open(_repo.Path), TagScheme.Xen));

        Assert.Equal("XSA-504", Assert.Single(holds.ForSeries(SeriesId.Parse("1.0"), "stable-1.0", s_before)).Advisory);
        Assert.Empty(holds.ForSeries(SeriesId.Parse("1.1"), "stable-1.1", s_before));
        Assert.Empty(holds.For("1.0.2", s_before));
    }

    private static Dictionary<string, string> File(string name) => new() { [$"xen/{name}.c"] = $"int {name};\n" };

    private ReleaseHolds Holds(params ManagedAdvisory[] advisories) => new(advisories, _git, _catalog);

    private static ManagedAdvisory Embargoed(string id, int number, IReadOnlyList<string>? cves = null, IReadOnlyList<string>? commits = null, IReadOnlyList<string>? heldReleases = null) =>
        new(
            id,
            number,
            AdvisoryState.Embargoed,
            s_until,
            s_before.AddDays(-10),
            s_before.AddDays(-10),
            null,
            null,
            1,
            new AdvisoryContent("A flaw", cves ?? [], [], [], commits ?? [], new AdvisorySections()),
            [],
            [],
            heldReleases ?? [],
            [],
            false);
}
