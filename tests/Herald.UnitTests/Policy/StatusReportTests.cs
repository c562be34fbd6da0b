using Herald.Policy;
using Herald.Releases;
using Xunit;

namespace Herald.Tests.Policy;

public sealed class StatusReportTests(SeriesStatusFixture fixture) : IClassFixture<SeriesStatusFixture>
{
    private static readonly DateOnly s_october2021 = new(2021, 10, 1);

    private StatusReport Build(DateOnly asOf, PolicySettings? settings = null) =>
        StatusReport.Build(fixture.Repository, fixture.Catalog, settings ?? SeriesStatusFixture.ConfiguredSettings, asOf);

    private static SeriesStatus Row(StatusReport report, string series) => report.Series.Single(s => s.Series == series);

    [Fact]
    public void Build_SeveralSeries_ListsThemNewestFirstWithoutAbandonedCandidates()
    {
        var report = Build(s_october2021);

        Assert.Equal(["1.3", "1.2", "1.1", "1.0"], report.Series.Select(s => s.Series));
        Assert.Equal(["1.3", "1.2", "1.1", "1.0"], report.Windows.Select(w => w.Series.ToString()));
        Assert.Equal(s_october2021, report.AsOf);
    }

    [Fact]
    public void Build_PolicySeries_CountsMonthsFromTheRelease()
    {
        var row = Row(Build(s_october2021), "1.0");

        Assert.Equal(
            new SeriesStatus(
                "1.0",
                "stable-1.0",
                SupportStatus.Security,
                new DateOnly(2020, 2, 1),
                new DateOnly(2021, 8, 1),
                new DateOnly(2023, 2, 1),
                "1.0.2",
                new DateOnly(2020, 5, 15),
                3,
                true,
                new DateOnly(2020, 9, 15),
                DateSource.Policy),
            row);
    }

    [Fact]
    public void Build_SeriesWithSupportStatement_TakesItsDates()
    {
        var row = Row(Build(s_october2021), "1.1");

        Assert.Equal(DateSource.Statement, row.Source);
        Assert.Equal(new DateOnly(2020, 8, 1), row.Released);
        Assert.Equal(new DateOnly(2021, 6, 30), row.SupportedUntil);
        Assert.Equal(new DateOnly(2021, 9, 30), row.SecurityUntil);
        Assert.Equal(SupportStatus.Eol, row.Status);
        Assert.Equal("1.1.1", row.Latest);
        Assert.Equal(0, row.UnreleasedCommits);
        Assert.False(row.PointReleaseDue);
        Assert.Null(row.NextPointRelease);
    }

    [Theory]
    [InlineData("2021-06-30", SupportStatus.Supported)]
    [InlineData("2021-07-01", SupportStatus.Security)]
    [InlineData("2021-09-30", SupportStatus.Security)]
    [InlineData("2021-10-01", SupportStatus.Eol)]
    public void Build_AroundTheStatementDates_EndDatesAreInclusive(string asOf, SupportStatus expected)
    {
        var row = Row(Build(DateOnly.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture)), "1.1");

        Assert.Equal(expected, row.Status);
    }

    [Fact]
    public void Build_ConfiguredSeries_WinsOverItsStatementAndWarns()
    {
        var report = Build(s_october2021);
        var row = Row(report, "1.2");

        Assert.Equal(DateSource.Config, row.Source);
        Assert.Equal(new DateOnly(2021, 9, 15), row.SupportedUntil);
        Assert.Equal(new DateOnly(2025, 1, 1), row.SecurityUntil);
        Assert.Equal(SupportStatus.Security, row.Status);
        Assert.Equal(2, report.Warnings.Count);
        Assert.Equal("stable-1.2:SUPPORT.md gives general support of 1.2 until 2022-08-01, herald.toml until 2021-09-15; using herald.toml.", report.Warnings[0]);
        Assert.Contains("security support of 1.2 until 2024-02-01, herald.toml until 2025-01-01", report.Warnings[1]);
    }

    [Fact]
    public void Build_WithoutConfiguredDates_TheStatementGivesTheDatesAndNothingIsWarned()
    {
        var report = Build(s_october2021, new PolicySettings());
        var row = Row(report, "1.2");

        Assert.Equal(DateSource.Statement, row.Source);
        Assert.Equal(new DateOnly(2022, 8, 1), row.SupportedUntil);
        Assert.Equal(new DateOnly(2024, 2, 1), row.SecurityUntil);
        Assert.Equal(SupportStatus.Supported, row.Status);
        Assert.Empty(report.Warnings);
    }

    [Fact]
    public void Build_StatementsIgnored_RuleFromOneTwoAppliesToThatSeriesOnly()
    {
        var settings = new PolicySettings { Statement = string.Empty, Rules = [new PolicyRule(SeriesId.Parse("1.2"), 24, 48)] };

        var report = Build(s_october2021, settings);

        Assert.All(report.Series, s => Assert.Equal(DateSource.Policy, s.Source));
        Assert.Equal((new DateOnly(2022, 2, 1), new DateOnly(2023, 8, 1)), (Row(report, "1.1").SupportedUntil, Row(report, "1.1").SecurityUntil));
        Assert.Equal((new DateOnly(2023, 2, 1), new DateOnly(2025, 2, 1)), (Row(report, "1.2").SupportedUntil, Row(report, "1.2").SecurityUntil));
    }

    [Fact]
    public void Build_CandidateOfANewSeries_IsInDevelopment()
    {
        var row = Row(Build(s_october2021), "1.3");

        Assert.Equal(
            new SeriesStatus("1.3", null, SupportStatus.Development, null, null, null, null, null, 0, false, null, DateSource.Policy),
            row);
    }

    [Fact]
    public void Build_BeforeTheSeriesWasReleased_IsDevelopmentWithoutReleaseDate()
    {
        var row = Row(Build(new DateOnly(2021, 1, 31)), "1.2");

        Assert.Equal(SupportStatus.Development, row.Status);
        Assert.Null(row.Released);
        Assert.Null(row.Latest);
        Assert.Equal(0, row.UnreleasedCommits);
    }

    [Theory]
    [InlineData("2020-03-14", "1.0.0", "2020-02-01")]
    [InlineData("2020-03-15", "1.0.1", "2020-03-15")]
    [InlineData("2020-05-14", "1.0.1", "2020-03-15")]
    [InlineData("2021-10-01", "1.0.2", "2020-05-15")]
    public void Build_Latest_IsTheNewestReleaseOnOrBeforeTheDate(string asOf, string latest, string latestDate)
    {
        var row = Row(Build(DateOnly.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture)), "1.0");

        Assert.Equal(latest, row.Latest);
        Assert.Equal(DateOnly.Parse(latestDate, System.Globalization.CultureInfo.InvariantCulture), row.LatestDate);
    }

    [Theory]
    [InlineData("2021-02-28", 0)]
    [InlineData("2021-03-01", 1)]
    [InlineData("2021-03-05", 2)]
    [InlineData("2021-03-09", 2)]
    [InlineData("2021-03-10", 3)]
    public void Build_UnreleasedCommits_CountsNonMergeCommitsMadeByTheDate(string asOf, int expected)
    {
        var row = Row(Build(DateOnly.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture)), "1.0");

        Assert.Equal(expected, row.UnreleasedCommits);
    }

    [Fact]
    public void Build_UnreleasedCommitsBeforeANewerPointRelease_CountFromThatRelease()
    {
        var row = Row(Build(new DateOnly(2021, 2, 20)), "1.2");

        Assert.Equal("1.2.0", row.Latest);
        Assert.Equal(2, row.UnreleasedCommits);
    }

    [Fact]
    public void Build_CadenceNotPassed_PointReleaseIsNotDue()
    {
        var row = Row(Build(new DateOnly(2021, 6, 30)), "1.2");

        Assert.Equal(SupportStatus.Supported, row.Status);
        Assert.Equal(1, row.UnreleasedCommits);
        Assert.Equal(new DateOnly(2021, 7, 1), row.NextPointRelease);
        Assert.False(row.PointReleaseDue);
    }

    [Fact]
    public void Build_CadencePassedWithUnreleasedCommits_PointReleaseIsDue()
    {
        var row = Row(Build(new DateOnly(2021, 7, 1)), "1.2");

        Assert.Equal(1, row.UnreleasedCommits);
        Assert.True(row.PointReleaseDue);
    }

    [Fact]
    public void Build_CadencePassedWithoutUnreleasedCommits_PointReleaseIsNotDue()
    {
        var row = Row(Build(new DateOnly(2021, 2, 28)), "1.0");

        Assert.Equal(SupportStatus.Supported, row.Status);
        Assert.Equal(0, row.UnreleasedCommits);
        Assert.Equal(new DateOnly(2020, 9, 15), row.NextPointRelease);
        Assert.False(row.PointReleaseDue);
    }

    [Fact]
    public void Build_ShorterCadence_MakesThePointReleaseDueEarlier()
    {
        var settings = SeriesStatusFixture.ConfiguredSettings with { CadenceMonths = 2 };

        var row = Row(Build(new DateOnly(2021, 6, 30), settings), "1.2");

        Assert.Equal(new DateOnly(2021, 5, 1), row.NextPointRelease);
        Assert.True(row.PointReleaseDue);
    }

    [Fact]
    public void ReadWindows_SameSettings_AreTheWindowsTheReportUses()
    {
        var (windows, warnings) = StatusReport.ReadWindows(fixture.Repository, fixture.Catalog, SeriesStatusFixture.ConfiguredSettings);

        Assert.Equal(Build(s_october2021).Windows, windows);
        Assert.Equal(2, warnings.Count);
        Assert.Equal(new SupportWindow(SeriesId.Parse("1.1"), new DateOnly(2020, 8, 1), new DateOnly(2021, 6, 30), new DateOnly(2021, 9, 30), DateSource.Statement), windows[2]);
    }
}
