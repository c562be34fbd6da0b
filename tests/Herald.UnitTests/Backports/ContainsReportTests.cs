using Herald.Backports;
using Xunit;

namespace Herald.Tests.Backports;

public sealed class ContainsReportTests(BackportFixture fixture) : IClassFixture<BackportFixture>
{
    private ContainsReport Contains(string revision) =>
        ContainsReport.Build(fixture.Repository, fixture.Catalog, "master", PatchIdCache.InMemory(), 2, revision);

    [Fact]
    public void Build_FixBeforeAFork_IsInTheForkedBranchByAncestry()
    {
        var report = Contains(fixture.FixZ);

        Assert.Equal(fixture.FixZ, report.Commit);
        Assert.Equal("xen: fix early boot", report.Subject);
        Assert.Equal(
            [
                new ContainingBranch("master", null, fixture.FixZ, "1.2.0"),
                new ContainingBranch("stable-1.2", "1.2", fixture.FixZ, "1.2.0"),
                new ContainingBranch("stable-1.1", "1.1", fixture.FixZOn11, "1.1.1"),
            ],
            report.Branches);
    }

    [Fact]
    public void Build_FixBackportedByTrailer_ListsEachBranchsCopyAndFirstRelease()
    {
        var report = Contains(fixture.FixA);

        Assert.Equal(
            [
                new ContainingBranch("master", null, fixture.FixA, null),
                new ContainingBranch("stable-1.2", "1.2", fixture.FixAOn12, "1.2.2"),
                new ContainingBranch("stable-1.1", "1.1", fixture.FixAOn11, null),
            ],
            report.Branches);
    }

    [Fact]
    public void Build_FixCherryPickedWithOrigin_ListsTheCopies()
    {
        var report = Contains(fixture.FixB);

        Assert.Equal(
            [("master", fixture.FixB), ("stable-1.2", fixture.FixBOn12), ("stable-1.1", fixture.FixBOn11)],
            report.Branches.Select(b => (b.Branch, b.Commit)));
    }

    [Fact]
    public void Build_FixCopiedWithoutAnyTrailer_IsFoundByPatchId()
    {
        var report = Contains(fixture.FixC);

        Assert.Equal(
            [
                new ContainingBranch("master", null, fixture.FixC, null),
                new ContainingBranch("stable-1.2", "1.2", fixture.FixCOn12, null),
                new ContainingBranch("stable-1.1", "1.1", fixture.FixCOn11, null),
            ],
            report.Branches);
    }

    [Fact]
    public void Build_FixNotOnABranch_LeavesThatBranchOut()
    {
        var report = Contains(fixture.FixE);

        Assert.Equal(
            [("master", fixture.FixE), ("stable-1.2", fixture.FixEOn12), ("stable-1.0", fixture.FixEOn10)],
            report.Branches.Select(b => (b.Branch, b.Commit)));
        Assert.Equal([null, "1.2", "1.0"], report.Branches.Select(b => b.Series));
    }

    [Fact]
    public void Build_BackportShaWithTrailer_GivesTheSameAnswerAsTheMasterSha()
    {
        var fromMaster = Contains(fixture.FixA);
        var fromBackport = Contains(fixture.FixAOn11);

        Assert.Equal(fromMaster.Commit, fromBackport.Commit);
        Assert.Equal(fromMaster.Subject, fromBackport.Subject);
        Assert.Equal(fromMaster.Branches, fromBackport.Branches);
    }

    [Fact]
    public void Build_CherryPickSha_GivesTheSameAnswerAsTheMasterSha()
    {
        Assert.Equal(Contains(fixture.FixB).Branches, Contains(fixture.FixBOn12).Branches);
    }

    // 'herald contains' documents SHA as "a mainline fix or one of its backports" and finds copies "by trailer,
    // cherry-pick line or identical patch-id"; a copy without a trailer is still a backport of the master fix.
    [Fact]
    public void Build_PatchIdOnlyBackportSha_GivesTheSameAnswerAsTheMasterSha()
    {
        var fromMaster = Contains(fixture.FixC);
        var fromBackport = Contains(fixture.FixCOn11);

        Assert.Equal(fromMaster.Branches, fromBackport.Branches);
        Assert.Equal(fromMaster.Commit, fromBackport.Commit);
    }

    [Fact]
    public void Build_AbbreviatedSha_IsResolved()
    {
        var report = Contains(fixture.FixA[..10]);

        Assert.Equal(fixture.FixA, report.Commit);
        Assert.Equal(3, report.Branches.Count);
    }

    [Fact]
    public void Build_BranchOnlyCommit_IsOnlyOnItsBranch()
    {
        var report = Contains(fixture.BranchOnlyOn11);

        Assert.Equal(fixture.BranchOnlyOn11, report.Commit);
        Assert.Equal([new ContainingBranch("stable-1.1", "1.1", fixture.BranchOnlyOn11, null)], report.Branches);
    }

    [Fact]
    public void Build_UnknownCommit_IsAnErrorNamingIt()
    {
        var error = Assert.Throws<HeraldException>(() => Contains("0123456789abcdef"));

        Assert.Contains("unknown commit '0123456789abcdef'", error.Message);
    }
}
