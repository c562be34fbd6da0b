using Herald.Backports;
using Herald.Policy;
using Xunit;

namespace Herald.Tests.Backports;

/// <summary>Missing fixes against the <c>Fixes:</c> trailers: a fix for code the branch never had is not missing.</summary>
public sealed class BackportReportFixesTests(BackportFixesFixture fixture) : IClassFixture<BackportFixesFixture>
{
    private static readonly DateOnly s_september = new(2020, 9, 1);

    private BackportReport Report10(DateOnly? asOf = null)
    {
        SupportWindow[] windows =
        [
            BackportFixture.Window(BackportFixesFixture.Series11, SupportStatus.Supported),
            BackportFixture.Window(BackportFixesFixture.Series10, SupportStatus.Supported),
        ];
        return Assert.Single(BackportReport.Build(fixture.Repository, fixture.Catalog, fixture.Index, windows, [BackportFixesFixture.Series10], asOf ?? s_september));
    }

    [Fact]
    public void Build_FixOfCodeOnlyOnMasterAfterTheFork_IsNotApplicableNotMissing()
    {
        var report = Report10();

        Assert.DoesNotContain(fixture.FixOfNew, report.Missing.Select(m => m.Sha));
        Assert.Contains(fixture.FixOfNew, report.NotApplicable.Select(n => n.Sha));
    }

    [Fact]
    public void Build_NotApplicable_NamesTheFullTargetsAndTheFirstReleaseWithThem()
    {
        var report = Report10();

        var fix = report.NotApplicable.Single(n => n.Sha == fixture.FixOfNew);
        Assert.Equal("x86: fix new feature", fix.Subject);
        Assert.Equal([fixture.NewFeature], fix.Fixes);
        Assert.Equal("1.1.0", fix.IntroducedIn);
        Assert.Equal(["1.1"], fix.PresentIn);
        Assert.Empty(fix.Advisories);
    }

    [Fact]
    public void Build_TargetInNoReleaseYet_HasNoIntroducedIn()
    {
        var report = Report10();

        var fix = report.NotApplicable.Single(n => n.Sha == fixture.FixOfLate);
        Assert.Equal([fixture.LateFeature], fix.Fixes);
        Assert.Null(fix.IntroducedIn);
    }

    [Fact]
    public void Build_FixOfCodeInTheBranchHistory_StaysMissing()
    {
        var report = Report10();

        Assert.Contains(fixture.FixOfOld, report.Missing.Select(m => m.Sha));
    }

    [Fact]
    public void Build_FixOfCodeBackportedByMasterCommitTrailer_StaysMissing()
    {
        var report = Report10();

        Assert.Contains(fixture.FixOfPool, report.Missing.Select(m => m.Sha));
    }

    [Fact]
    public void Build_FixOfCodeCherryPickedOrCopiedByPatch_StaysMissing()
    {
        var report = Report10();

        Assert.Contains(fixture.FixOfTimer, report.Missing.Select(m => m.Sha));
        Assert.Contains(fixture.FixOfCredit, report.Missing.Select(m => m.Sha));
    }

    [Fact]
    public void Build_FixWithOneOfTwoTargetsOnTheBranch_StaysMissing()
    {
        var report = Report10();

        Assert.Contains(fixture.FixOfBoth, report.Missing.Select(m => m.Sha));
    }

    [Fact]
    public void Build_FixWithoutFixesOrWithAnUnknownTarget_StaysMissing()
    {
        var report = Report10();

        Assert.Contains(fixture.FixPlain, report.Missing.Select(m => m.Sha));
        Assert.Contains(fixture.FixOfUnknown, report.Missing.Select(m => m.Sha));
    }

    [Fact]
    public void Build_EveryCandidate_IsEitherMissingOrNotApplicableNewestFirst()
    {
        var report = Report10();

        Assert.Equal(
            [fixture.FixOfUnknown, fixture.FixPlain, fixture.FixOfBoth, fixture.FixOfCredit, fixture.FixOfTimer, fixture.FixOfPool, fixture.FixOfOld],
            report.Missing.Select(m => m.Sha));
        Assert.Equal([fixture.FixOfLate, fixture.FixOfNew], report.NotApplicable.Select(n => n.Sha));
    }

    [Fact]
    public void Build_AsOfBeforeTheFixesLanded_ListsNothing()
    {
        var report = Report10(new DateOnly(2020, 5, 9));

        Assert.Empty(report.Missing);
        Assert.Empty(report.NotApplicable);
    }

    [Fact]
    public void Build_NewestSeries_HasNothingNotApplicable()
    {
        SupportWindow[] windows =
        [
            BackportFixture.Window(BackportFixesFixture.Series11, SupportStatus.Supported),
            BackportFixture.Window(BackportFixesFixture.Series10, SupportStatus.Supported),
        ];

        var report = Assert.Single(BackportReport.Build(fixture.Repository, fixture.Catalog, fixture.Index, windows, [BackportFixesFixture.Series11], s_september));

        Assert.Empty(report.Missing);
        Assert.Empty(report.NotApplicable);
    }
}
