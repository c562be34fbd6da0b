using Herald.Backports;
using Xunit;

namespace Herald.Tests.Backports;

public sealed class BackportIndexTests(BackportFixture fixture) : IClassFixture<BackportFixture>
{
    private BranchCommit On11(string sha) => fixture.Index.CommitsOf(BackportFixture.Series11).Single(c => c.Sha == sha);

    private BranchCommit On12(string sha) => fixture.Index.CommitsOf(BackportFixture.Series12).Single(c => c.Sha == sha);

    [Fact]
    public void Build_MainlineBranch_RecordsItsTip() =>
        Assert.Equal(fixture.Builder.ShaOf("master"), fixture.Index.Mainline);

    [Fact]
    public void Build_ThreeSeries_ScansEachOfThem() =>
        Assert.Equal(["1.0", "1.1", "1.2"], fixture.Index.Series.Select(s => s.ToString()).Order(StringComparer.Ordinal));

    [Fact]
    public void CommitsOf_StableBranch_HoldsItsBranchOnlyCommitsNewestFirst()
    {
        var commits = fixture.Index.CommitsOf(BackportFixture.Series11);

        Assert.Equal(
            [
                "irq: fix lost interrupt", "1.1: work around cve-2020-1234", "1.1: fix build with old gcc",
                "sched: credit accounting fix for 1.1", "arm: fix timer overflow", "x86: fix page table walk",
                "1.1: prepare 1.1.1", "xen: fix early boot",
            ],
            commits.Select(c => c.Subject));
    }

    [Fact]
    public void CommitsOf_SeriesNotScanned_IsEmpty() =>
        Assert.Empty(fixture.Index.CommitsOf(Herald.Releases.SeriesId.Parse("0.9")));

    [Fact]
    public void Build_XenTrailer_MatchesTheMasterCommit()
    {
        var commit = On11(fixture.FixAOn11);

        Assert.Equal(fixture.FixA, commit.MasterCommit);
        Assert.Equal("trailer", commit.MatchedBy);
        Assert.Equal([BackportKind.Backport], commit.Kinds);
    }

    [Fact]
    public void Build_CherryPickLine_MatchesTheMasterCommit()
    {
        var commit = On11(fixture.FixBOn11);

        Assert.Equal(fixture.FixB, commit.MasterCommit);
        Assert.Equal("cherry-pick", commit.MatchedBy);
        Assert.Equal([BackportKind.Backport], commit.Kinds);
    }

    [Fact]
    public void Build_IdenticalPatchWithAnotherMessage_MatchesByPatchId()
    {
        var commit = On11(fixture.FixCOn11);

        Assert.Equal(fixture.FixC, commit.MasterCommit);
        Assert.Equal("patch-id", commit.MatchedBy);
        Assert.Equal([BackportKind.Backport], commit.Kinds);
    }

    [Fact]
    public void Build_CherryPickWithoutOriginLine_MatchesByPatchId()
    {
        var commit = On12(fixture.FixCOn12);

        Assert.Equal(fixture.FixC, commit.MasterCommit);
        Assert.Equal("patch-id", commit.MatchedBy);
    }

    [Fact]
    public void Build_BackportNamingAnAdvisory_IsBackportAndSecurity()
    {
        var commit = On12(fixture.FixDOn12);

        Assert.Equal(fixture.FixD, commit.MasterCommit);
        Assert.Equal(["XSA-7"], commit.Advisories);
        Assert.Equal([BackportKind.Backport, BackportKind.Security], commit.Kinds);
    }

    [Fact]
    public void Build_BranchOnlyCommitNamingAnAdvisory_IsSecurityOnly()
    {
        var commit = On11(fixture.CveWorkaroundOn11);

        Assert.Null(commit.MasterCommit);
        Assert.Null(commit.MatchedBy);
        Assert.Equal(["CVE-2020-1234"], commit.Advisories);
        Assert.Equal([BackportKind.Security], commit.Kinds);
    }

    [Fact]
    public void Build_BranchOnlyCommit_IsOther()
    {
        var commit = On11(fixture.BranchOnlyOn11);

        Assert.Null(commit.MasterCommit);
        Assert.Empty(commit.Advisories);
        Assert.Equal([BackportKind.Other], commit.Kinds);
    }

    [Fact]
    public void Build_AbbreviatedTrailer_IsExpandedToTheFullSha()
    {
        var commit = fixture.Index.CommitsOf(BackportFixture.Series10).Single(c => c.Sha == fixture.FixEOn10);

        Assert.Equal(fixture.FixE, commit.MasterCommit);
        Assert.Equal(40, commit.MasterCommit!.Length);
        Assert.Equal("trailer", commit.MatchedBy);
    }

    [Fact]
    public void Build_EveryMasterCommit_IsAFullSha()
    {
        var masters = fixture.Index.Series.SelectMany(fixture.Index.CommitsOf).Select(c => c.MasterCommit).OfType<string>().ToList();

        Assert.Equal(12, masters.Count);
        Assert.All(masters, m => Assert.Matches("^[0-9a-f]{40}$", m));
    }

    [Fact]
    public void Build_CommitDateAndSubject_ComeFromTheBranchCommit()
    {
        var commit = On11(fixture.FixAOn11);

        Assert.Equal("x86: fix page table walk", commit.Subject);
        Assert.Equal(BackportFixture.Noon(2020, 7, 12), commit.Date);
    }

    [Fact]
    public void Build_OnlyRequestedSeries_AreScanned()
    {
        var index = BackportIndex.Build(fixture.Repository, fixture.Catalog, "master", [BackportFixture.Series12], PatchIdCache.InMemory(), 1);

        Assert.Equal(["1.2"], index.Series.Select(s => s.ToString()));
        Assert.Empty(index.CommitsOf(BackportFixture.Series11));
        Assert.Equal(fixture.FixC, index.CommitsOf(BackportFixture.Series12).Single(c => c.Sha == fixture.FixCOn12).MasterCommit);
    }

    [Fact]
    public void Build_MainlineCandidatesGiven_MatchesPatchIdsOnlyAgainstThem()
    {
        var index = BackportIndex.Build(fixture.Repository, fixture.Catalog, "master", [BackportFixture.Series11], PatchIdCache.InMemory(), 1, [fixture.FixE]);

        var commit = index.CommitsOf(BackportFixture.Series11).Single(c => c.Sha == fixture.FixCOn11);
        Assert.Null(commit.MasterCommit);
        Assert.Equal([BackportKind.Other], commit.Kinds);
        Assert.Equal(fixture.FixA, index.CommitsOf(BackportFixture.Series11).Single(c => c.Sha == fixture.FixAOn11).MasterCommit);
    }

    [Fact]
    public void Build_UnknownMainline_IsAnErrorNamingTheBranch()
    {
        var error = Assert.Throws<HeraldException>(() =>
            BackportIndex.Build(fixture.Repository, fixture.Catalog, "main", [BackportFixture.Series11], PatchIdCache.InMemory(), 1));

        Assert.Contains("no branch 'main'", error.Message);
        Assert.Contains("[releases] mainline", error.Message);
    }
}
