using System.Globalization;
using Herald.Policy;
using Xunit;

namespace Herald.Tests.Policy;

/// <summary><c>herald status --as-of</c> a past date: the project as it stood at the end of that day.</summary>
public sealed class StatusReportPastDateTests(StatusHistoryFixture fixture) : IClassFixture<StatusHistoryFixture>
{
    private StatusReport Build(string asOf, PolicySettings? settings = null) =>
        StatusReport.Build(fixture.Repository, fixture.Catalog, settings ?? new PolicySettings(), DateOnly.Parse(asOf, CultureInfo.InvariantCulture), "master");

    private static SeriesStatus Row(StatusReport report, string series) => report.Series.Single(s => s.Series == series);

    [Fact]
    public void Build_PastDate_ListsOnlySeriesThatExistedThen()
    {
        var report = Build("2020-11-15");

        Assert.Equal(["1.2", "1.1", "1.0"], report.Series.Select(s => s.Series));
        Assert.Equal(["1.2", "1.1", "1.0"], report.Windows.Select(w => w.Series.ToString()));
    }

    [Fact]
    public void Build_BranchWithItsFirstOwnCommitByTheDate_ListsItsSeries()
    {
        var report = Build("2020-12-01");

        Assert.Equal(["1.3", "1.2", "1.1", "1.0"], report.Series.Select(s => s.Series));
        Assert.Equal("stable-1.3", Row(report, "1.3").Branch);
        Assert.Equal(SupportStatus.Development, Row(report, "1.3").Status);
    }

    [Fact]
    public void Build_BeforeTheNextSeriesBranched_ShowsItInDevelopmentWithoutBranchReleaseOrDates()
    {
        var report = Build("2020-06-15");

        Assert.Equal(["1.1", "1.0"], report.Series.Select(s => s.Series));
        Assert.Equal(
            new SeriesStatus("1.1", null, SupportStatus.Development, null, null, null, null, null, 0, false, null, DateSource.Policy),
            Row(report, "1.1"));
    }

    [Fact]
    public void Build_AfterTheBranchsFirstOwnCommit_ShowsTheBranchButNotTheReleaseToCome()
    {
        var row = Row(Build("2020-07-15"), "1.1");

        Assert.Equal("stable-1.1", row.Branch);
        Assert.Equal(SupportStatus.Development, row.Status);
        Assert.Null(row.Released);
        Assert.Null(row.SupportedUntil);
        Assert.Null(row.SecurityUntil);
    }

    [Fact]
    public void Build_PastDate_UsesTheStatementAsItReadThen()
    {
        var then = Row(Build("2020-07-01"), "1.0");
        var later = Row(Build("2021-02-01"), "1.0");

        Assert.Equal((DateSource.Statement, new DateOnly(2021, 8, 1), new DateOnly(2023, 2, 1)), (then.Source, then.SupportedUntil, then.SecurityUntil));
        Assert.Equal((DateSource.Statement, new DateOnly(2021, 12, 31), new DateOnly(2023, 6, 30)), (later.Source, later.SupportedUntil, later.SecurityUntil));
    }

    [Fact]
    public void Build_StatementWithTbdDates_LeavesThemUnknownInsteadOfCountingMonths()
    {
        var row = Row(Build("2020-04-01"), "1.0");

        Assert.Equal(DateSource.Statement, row.Source);
        Assert.Equal(new DateOnly(2020, 2, 1), row.Released);
        Assert.Null(row.SupportedUntil);
        Assert.Null(row.SecurityUntil);
        Assert.Equal(SupportStatus.Supported, row.Status);
        Assert.Equal("1.0.1", row.Latest);
    }

    [Fact]
    public void Build_NoStatedPolicy_MarksCountedDatesDefaultAndSaysSo()
    {
        var report = Build("2021-02-01", PolicySettings.BuiltIn);

        Assert.Equal(DateSource.Statement, Row(report, "1.0").Source);
        Assert.Equal(DateSource.Default, Row(report, "1.1").Source);
        Assert.Equal(new DateOnly(2022, 2, 1), Row(report, "1.1").SupportedUntil);
        Assert.Equal(
            "no [policy] and no support statement for 1.1; using default support windows of 18 months general, 36 months security (source 'default'); set [policy] in herald.toml.",
            report.DefaultsNote);
    }

    [Fact]
    public void Build_StatedPolicy_IsThePolicySourceAndNothingIsNoted()
    {
        var report = Build("2021-02-01");

        Assert.Equal(DateSource.Policy, Row(report, "1.1").Source);
        Assert.Null(report.DefaultsNote);
    }
}
