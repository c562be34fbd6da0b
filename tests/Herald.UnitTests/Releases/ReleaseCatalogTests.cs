using Herald.History;
using Herald.Releases;
using Herald.Tests.Support;
using Xunit;

namespace Herald.Tests.Releases;

public sealed class ReleaseCatalogTests(StableHistoryFixture fixture) : IClassFixture<StableHistoryFixture>
{
    [Fact]
    public void Releases_AreOrderedByVersionWithoutCandidates()
    {
        Assert.Equal(
            ["1.0.0", "1.0.1", "1.0.2", "1.1.0", "1.1.1", "1.1.3", "1.2.0"],
            fixture.Catalog.Releases.Select(r => r.Version.ToString()));
        Assert.All(fixture.Catalog.Releases, r => Assert.False(r.IsCandidate));
    }

    [Fact]
    public void Candidates_AreReadSeparately()
    {
        var candidates = fixture.Catalog.Candidates;

        Assert.Equal(["1.1.0-rc1", "1.1.0-rc2"], candidates.Select(c => c.Name));
        Assert.Equal([1, 2], candidates.Select(c => c.Candidate ?? 0));
        Assert.All(candidates, c => Assert.True(c.IsCandidate));
        Assert.Equal(fixture.Builder.ShaOf("1.1.0-rc2^{commit}"), candidates[1].Commit);
    }

    [Fact]
    public void Find_SkippedVersion_ReturnsNull()
    {
        Assert.Null(fixture.Catalog.Find(new ReleaseVersion(1, 1, 2)));
        Assert.Equal("RELEASE-1.1.3", fixture.Catalog.Find(new ReleaseVersion(1, 1, 3))?.Tag);
    }

    [Fact]
    public void AnnotatedTag_DateIsTheTaggerDate()
    {
        var release = fixture.Release("1.0.0");

        Assert.True(release.Annotated);
        Assert.False(release.Signed);
        Assert.Equal(StableHistoryFixture.Release100TagDate, release.Date);
        Assert.Equal(TimeSpan.FromHours(2), release.Date.Offset);
        var commitDate = DateTimeOffset.Parse(fixture.Builder.Git("show", "-s", "--format=%cI", "RELEASE-1.0.0^{commit}"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.NotEqual(commitDate, release.Date);
        Assert.Equal(fixture.Builder.ShaOf("RELEASE-1.0.0^{commit}"), release.Commit);
        Assert.NotEqual(fixture.Builder.ShaOf("RELEASE-1.0.0"), release.Commit);
    }

    [Fact]
    public void LightweightTag_DateIsTheCommitterDate()
    {
        var release = fixture.Release("1.1.1");

        Assert.False(release.Annotated);
        Assert.False(release.Signed);
        Assert.Equal(StableHistoryFixture.FixZCommitterDate, release.Date);
        Assert.NotEqual(StableHistoryFixture.FixZAuthorDate, release.Date);
        Assert.Equal(fixture.Builder.ShaOf("RELEASE-1.1.1"), release.Commit);
    }

    [Fact]
    public void StableBranches_AreFoundPerSeries()
    {
        Assert.Equal(
            [new KeyValuePair<SeriesId, string>(new SeriesId(1, 0), "stable-1.0"), new KeyValuePair<SeriesId, string>(new SeriesId(1, 1), "stable-1.1")],
            fixture.Catalog.StableBranches);
        Assert.Equal([new SeriesId(1, 0), new SeriesId(1, 1), new SeriesId(1, 2)], fixture.Catalog.Series);
        Assert.Equal(fixture.Builder.ShaOf("stable-1.0"), fixture.Catalog.Branches["stable-1.0"]);
        Assert.Contains("master", fixture.Catalog.Branches.Keys);
    }

    [Fact]
    public void InSeries_ListsTheSeriesOldestFirst()
    {
        Assert.Equal(["1.1.0", "1.1.1", "1.1.3"], fixture.Catalog.InSeries(new SeriesId(1, 1)).Select(r => r.Name));
    }

    [Fact]
    public void ReleaseInfo_From_DescribesTheRelease()
    {
        var info = ReleaseInfo.From(fixture.Release("1.1.1"), fixture.Catalog);

        Assert.Equal(
            new ReleaseInfo("1.1.1", "1.1", "RELEASE-1.1.1", fixture.Builder.ShaOf("RELEASE-1.1.1"), new DateOnly(2020, 3, 2), false, false, "stable-1.1"),
            info);
    }

    [Fact]
    public void ReleaseInfo_FromSeriesWithoutBranch_HasNoBranch()
    {
        Assert.Null(ReleaseInfo.From(fixture.Release("1.2.0"), fixture.Catalog).Branch);
    }

    [Fact]
    public void TagWithSignatureBlock_IsMarkedSigned()
    {
        using var builder = RepoBuilder.Create()
            .Commit("One").UnverifiedSignedTag("v1.0.0")
            .Commit("Two").AnnotatedTag("v1.0.1")
            .Commit("Three").Tag("v1.0.2");

        var catalog = ReleaseCatalog.Read(GitRepository.Open(builder.Path), new TagScheme("v{version}", "v{version}-rc{n}", "stable-{series}"));

        Assert.Equal([true, false, false], catalog.Releases.Select(r => r.Signed));
        Assert.Equal([true, true, false], catalog.Releases.Select(r => r.Annotated));
    }

    [Fact]
    public void RemoteTrackingBranches_CountAsStableBranches()
    {
        using var builder = RepoBuilder.Create().Commit("One").Tag("RELEASE-2.0.0").Branch("stable-2.0").Commit("Two");
        var clone = Path.Combine(builder.RootPath, "clone");
        builder.GitAt(builder.RootPath, "clone", "-q", builder.Path, clone);

        var catalog = ReleaseCatalog.Read(GitRepository.Open(clone), TagScheme.Xen);

        Assert.Equal("stable-2.0", catalog.StableBranches[new SeriesId(2, 0)]);
        Assert.Equal(builder.ShaOf("stable-2.0"), catalog.Branches["stable-2.0"]);
        Assert.DoesNotContain("HEAD", catalog.Branches.Keys);
    }

    [Fact]
    public void LocalBranch_WinsOverRemoteTrackingBranchOfTheSameName()
    {
        using var builder = RepoBuilder.Create().Commit("One").Branch("stable-2.0").Commit("Two");
        var clone = Path.Combine(builder.RootPath, "clone");
        builder.GitAt(builder.RootPath, "clone", "-q", builder.Path, clone);
        builder.GitAt(clone, "branch", "stable-2.0", "master");

        var catalog = ReleaseCatalog.Read(GitRepository.Open(clone), TagScheme.Xen);

        Assert.Equal(builder.ShaOf("master"), catalog.Branches["stable-2.0"]);
        Assert.NotEqual(builder.ShaOf("stable-2.0"), catalog.Branches["stable-2.0"]);
    }

    [Fact]
    public void BareClone_ReadsTheSameReleases()
    {
        var bare = GitRepository.Open(fixture.Builder.CloneBare());

        var catalog = ReleaseCatalog.Read(bare, TagScheme.Xen);

        Assert.Equal(fixture.Catalog.Releases, catalog.Releases);
        Assert.Equal(fixture.Catalog.StableBranches, catalog.StableBranches);
    }

    [Fact]
    public void TwoTagsForOneVersion_TheOneWrittenInFullWins()
    {
        using var builder = RepoBuilder.Create().Commit("One").Tag("v1.2.0").Commit("Two").Tag("v1.2");

        var catalog = ReleaseCatalog.Read(GitRepository.Open(builder.Path), new TagScheme("v{version}", "v{version}-rc{n}", "stable-{series}"));

        var release = Assert.Single(catalog.Releases);
        Assert.Equal("v1.2.0", release.Tag);
        Assert.Equal(builder.ShaOf("v1.2.0"), release.Commit);
    }

    [Fact]
    public void TagOfANonCommit_IsNotARelease()
    {
        using var builder = RepoBuilder.Create().Commit("One").Tag("RELEASE-1.0.0");
        var blob = builder.Git("rev-parse", "HEAD:" + RepoBuilder.DefaultFile);
        builder.Git("tag", "RELEASE-9.9.9", blob);
        builder.Git("tag", "-a", "-m", "tree", "RELEASE-8.8.8", "HEAD^{tree}");

        var catalog = ReleaseCatalog.Read(GitRepository.Open(builder.Path), TagScheme.Xen);

        Assert.Equal(["RELEASE-1.0.0"], catalog.Releases.Select(r => r.Tag));
    }

    [Fact]
    public void TagsOutsideTheScheme_AreIgnored()
    {
        using var builder = RepoBuilder.Create().Commit("One").Tag("RELEASE-1.0.0").Tag("v1.0.0").Tag("RELEASE-1.0.0-beta").Tag("some-tag");

        var catalog = ReleaseCatalog.Read(GitRepository.Open(builder.Path), TagScheme.Xen);

        Assert.Equal(["RELEASE-1.0.0"], catalog.Releases.Select(r => r.Tag));
        Assert.Empty(catalog.Candidates);
    }
}
