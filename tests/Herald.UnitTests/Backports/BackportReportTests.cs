using Herald.Backports;
using Herald.Policy;
using Herald.Releases;
using Xunit;

namespace Herald.Tests.Backports;

public sealed class BackportReportTests(BackportFixture fixture) : IClassFixture<BackportFixture>
{
    private static readonly DateOnly s_september = new(2020, 9, 1);

    private BackportReport Report(SeriesId series, DateOnly asOf, SupportStatus status10 = SupportStatus.Supported, SupportStatus status11 = SupportStatus.Supported, SupportStatus status12 = SupportStatus.Supported)
    {
        SupportWindow[] windows =
        [
            BackportFixture.Window(BackportFixture.Series12, status12),
            BackportFixture.Window(BackportFixture.Series11, status11),
            BackportFixture.Window(BackportFixture.Series10, status10),
        ];
        return Assert.Single(BackportReport.Build(fixture.Repository, fixture.Catalog, fixture.Index, windows, [series], asOf));
    }

    [Fact]
    public void Build_Since_IsTheLatestReleaseTag()
    {
        var report = Report(BackportFixture.Series11, s_september);

        Assert.Equal("1.1", report.Series);
        Assert.Equal("stable-1.1", report.Branch);
        Assert.Equal(SupportStatus.Supported, report.Status);
        Assert.Equal("RELEASE-1.1.1", report.Since);
    }

    [Fact]
    public void Build_Commits_AreOnlyThoseAfterTheLatestReleaseNewestFirst()
    {
        var report = Report(BackportFixture.Series11, s_september);

        Assert.Equal(
            [fixture.FixFOn11, fixture.CveWorkaroundOn11, fixture.BranchOnlyOn11, fixture.FixCOn11, fixture.FixBOn11, fixture.FixAOn11],
            report.Commits.Select(c => c.Sha));
    }

    [Fact]
    public void Build_Commits_AreClassifiedByHowTheyCameToTheBranch()
    {
        var report = Report(BackportFixture.Series11, s_september);

        Assert.Equal(
            [
                (fixture.FixFOn11, "backport", (string?)fixture.FixF),
                (fixture.CveWorkaroundOn11, "security", null),
                (fixture.BranchOnlyOn11, "other", null),
                (fixture.FixCOn11, "backport", fixture.FixC),
                (fixture.FixBOn11, "backport", fixture.FixB),
                (fixture.FixAOn11, "backport", fixture.FixA),
            ],
            report.Commits.Select(c => (c.Sha, string.Join(",", c.Kinds).ToLowerInvariant(), c.MasterCommit)));
        Assert.Equal(["CVE-2020-1234"], report.Commits[1].Advisories);
    }

    [Fact]
    public void Build_SecurityBackport_IsBackportAndSecurity()
    {
        var report = Report(BackportFixture.Series12, s_september);

        var entry = report.Commits.Single(c => c.Sha == fixture.FixDOn12);
        Assert.Equal([BackportKind.Backport, BackportKind.Security], entry.Kinds);
        Assert.Equal(fixture.FixD, entry.MasterCommit);
        Assert.Equal(["XSA-7"], entry.Advisories);
        Assert.Equal("x86: fix privilege escalation", entry.Subject);
        Assert.Equal(new DateOnly(2020, 7, 21), entry.Date);
    }

    [Fact]
    public void Build_PointReleaseOnTheBranch_HidesTheCommitsItShipped()
    {
        var report = Report(BackportFixture.Series12, s_september);

        Assert.Equal("RELEASE-1.2.2", report.Since);
        Assert.Equal([fixture.FixFOn12, fixture.FixEOn12, fixture.FixDOn12, fixture.FixCOn12], report.Commits.Select(c => c.Sha));
        Assert.Equal(fixture.FixC, report.Commits[3].MasterCommit);
    }

    [Fact]
    public void Build_AsOfBeforeTheNewestPointRelease_CountsFromTheReleaseBefore()
    {
        var report = Report(BackportFixture.Series12, new DateOnly(2020, 7, 17));

        Assert.Equal("RELEASE-1.2.1", report.Since);
        Assert.Contains(report.Commits, c => c.Sha == fixture.FixAOn12 && c.MasterCommit == fixture.FixA);
        Assert.Contains(report.Commits, c => c.Sha == fixture.FixBOn12 && c.MasterCommit == fixture.FixB);
        Assert.DoesNotContain(report.Commits, c => c.Sha == fixture.FixDOn12 || c.Sha == fixture.FixEOn12 || c.Sha == fixture.FixFOn12);
    }

    [Fact]
    public void Build_AsOfADate_LeavesOutCommitsMadeLater()
    {
        var report = Report(BackportFixture.Series11, new DateOnly(2020, 7, 14));

        Assert.Equal([fixture.FixCOn11, fixture.FixBOn11, fixture.FixAOn11], report.Commits.Select(c => c.Sha));
    }

    // A cherry-pick keeps the master commit's author date (2020-07-03) but reached stable-1.2 on 2020-07-20.
    // On 2020-07-19 it was not on the branch: 'herald status' (committer dates) agrees, so 'backports' should too.
    [Fact]
    public void Build_AsOfBeforeACherryPickWasCommitted_LeavesItOut()
    {
        var asOf = new DateOnly(2020, 7, 19);
        var report = Report(BackportFixture.Series12, asOf);
        var status = StatusReport.Build(fixture.Repository, fixture.Catalog, new PolicySettings(), asOf).Series.Single(s => s.Series == "1.2");

        Assert.Equal("RELEASE-1.2.2", report.Since);
        Assert.Equal(0, status.UnreleasedCommits);
        Assert.Empty(report.Commits);
    }

    [Fact]
    public void Build_MissingFix_IsListedForTheOlderSupportedSeries()
    {
        var report = Report(BackportFixture.Series11, s_september);

        Assert.Equal(
            [(fixture.FixE, "mm: fix leak"), (fixture.FixD, "x86: fix privilege escalation")],
            report.Missing.Select(m => (m.Sha, m.Subject)));
        Assert.All(report.Missing, m => Assert.Equal(["1.2"], m.PresentIn));
        Assert.Equal(["XSA-7"], report.Missing[1].Advisories);
        Assert.Empty(report.Missing[0].Advisories);
    }

    [Fact]
    public void Build_FixBackportedLater_IsMissingOnlyUntilItIsBackported()
    {
        var before = Report(BackportFixture.Series11, new DateOnly(2020, 8, 9));
        var after = Report(BackportFixture.Series11, new DateOnly(2020, 8, 10));

        Assert.Contains(before.Missing, m => m.Sha == fixture.FixF && m.PresentIn.SequenceEqual(["1.2"]));
        Assert.DoesNotContain(after.Missing, m => m.Sha == fixture.FixF);
    }

    [Fact]
    public void Build_BackportNotYetMadeOnTheNewerSeries_IsNotMissing()
    {
        var report = Report(BackportFixture.Series11, new DateOnly(2020, 7, 20));

        Assert.DoesNotContain(report.Missing, m => m.Sha == fixture.FixD || m.Sha == fixture.FixE || m.Sha == fixture.FixF);
    }

    [Fact]
    public void Build_SecurityOnlySeries_ListsOnlyMissingFixesNamingAdvisories()
    {
        var report = Report(BackportFixture.Series11, s_september, status11: SupportStatus.Security);

        Assert.Equal(SupportStatus.Security, report.Status);
        var missing = Assert.Single(report.Missing);
        Assert.Equal(fixture.FixD, missing.Sha);
        Assert.Equal(["XSA-7"], missing.Advisories);
    }

    [Fact]
    public void Build_EolSeries_ListsNothingMissing()
    {
        var report = Report(BackportFixture.Series10, s_september, status10: SupportStatus.Eol);

        Assert.Equal(SupportStatus.Eol, report.Status);
        Assert.Empty(report.Missing);
        Assert.Equal([fixture.FixEOn10], report.Commits.Select(c => c.Sha));
    }

    [Fact]
    public void Build_OldestSupportedSeries_ListsEveryNewerSeriesThatHasTheFix()
    {
        var report = Report(BackportFixture.Series10, s_september);

        var fixA = report.Missing.Single(m => m.Sha == fixture.FixA);
        Assert.Equal(["1.1", "1.2"], fixA.PresentIn);
        Assert.Equal(["1.2"], report.Missing.Single(m => m.Sha == fixture.FixD).PresentIn);
        Assert.DoesNotContain(report.Missing, m => m.Sha == fixture.FixE);
    }

    [Fact]
    public void Build_NewerSeriesNotSupported_DoesNotMakeFixesMissing()
    {
        var report = Report(BackportFixture.Series11, s_september, status12: SupportStatus.Eol);

        Assert.Empty(report.Missing);
    }

    [Fact]
    public void Build_NewestSeries_HasNothingMissing()
    {
        var report = Report(BackportFixture.Series12, s_september);

        Assert.Empty(report.Missing);
    }

    [Fact]
    public void Build_SeriesWithoutBranch_IsAnErrorNamingTheBranch()
    {
        var error = Assert.Throws<HeraldException>(() => Report(SeriesId.Parse("1.3"), s_september));

        Assert.Contains("series 1.3 has no stable branch (stable-1.3)", error.Message);
    }

    [Fact]
    public void Build_SeveralSeries_KeepsTheRequestedOrder()
    {
        SupportWindow[] windows = [BackportFixture.Window(BackportFixture.Series12, SupportStatus.Supported), BackportFixture.Window(BackportFixture.Series11, SupportStatus.Supported)];

        var reports = BackportReport.Build(fixture.Repository, fixture.Catalog, fixture.Index, windows, [BackportFixture.Series12, BackportFixture.Series11, BackportFixture.Series10], s_september);

        Assert.Equal(["1.2", "1.1", "1.0"], reports.Select(r => r.Series));
        Assert.Equal(SupportStatus.Development, reports[2].Status);
        Assert.Empty(reports[2].Missing);
    }
}
