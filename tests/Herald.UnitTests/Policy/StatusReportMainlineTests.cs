using System.Globalization;
using Herald.History;
using Herald.Policy;
using Herald.Releases;
using Herald.Tests.Support;
using Xunit;

namespace Herald.Tests.Policy;

/// <summary>
/// A project that tags its releases on the mainline and has no stable branches:
/// <code>
/// master: c1 - c2 [RELEASE-1.0.0 2020-02-01] - c3 - c4 [RELEASE-1.0.1 2020-03-15] - c5 (2020-04-01)
///         - merge of topic (topic fix 2020-04-05, merge 2020-04-06) - c6 (2020-05-01)
///         - c7 [RELEASE-1.1.0 2020-06-15] - c8 (2020-07-01)
/// </code>
/// </summary>
public sealed class StatusReportMainlineTests : IDisposable
{
    private readonly RepoBuilder _builder = RepoBuilder.Create();
    private readonly TempDirectory _files = TempDirectory.Create();

    public StatusReportMainlineTests()
    {
        var b = _builder;
        b.Commit("c1", date: SeriesStatusFixture.Noon(2020, 1, 6));
        b.Commit("c2", date: SeriesStatusFixture.Noon(2020, 1, 20)).AnnotatedTag("RELEASE-1.0.0", "Release 1.0.0", SeriesStatusFixture.Noon(2020, 2, 1));
        b.Commit("c3", date: SeriesStatusFixture.Noon(2020, 3, 1));
        b.Commit("c4", date: SeriesStatusFixture.Noon(2020, 3, 10)).AnnotatedTag("RELEASE-1.0.1", "Release 1.0.1", SeriesStatusFixture.Noon(2020, 3, 15));
        b.Commit("c5", date: SeriesStatusFixture.Noon(2020, 4, 1));
        b.CheckoutNew("topic").Commit("topic fix", date: SeriesStatusFixture.Noon(2020, 4, 5));
        b.Checkout("master").Merge("topic", "Merge branch 'topic'", SeriesStatusFixture.Noon(2020, 4, 6));
        b.Commit("c6", date: SeriesStatusFixture.Noon(2020, 5, 1));
        b.Commit("c7", date: SeriesStatusFixture.Noon(2020, 6, 10)).AnnotatedTag("RELEASE-1.1.0", "Release 1.1.0", SeriesStatusFixture.Noon(2020, 6, 15));
        b.Commit("c8", date: SeriesStatusFixture.Noon(2020, 7, 1));
    }

    public void Dispose()
    {
        _builder.Dispose();
        _files.Dispose();
    }

    private StatusReport Build(string asOf)
    {
        var repository = GitRepository.Open(_builder.Path);
        return StatusReport.Build(repository, ReleaseCatalog.Read(repository, TagScheme.Xen), new PolicySettings(), DateOnly.Parse(asOf, CultureInfo.InvariantCulture), "master");
    }

    private static SeriesStatus Row(StatusReport report, string series) => report.Series.Single(s => s.Series == series);

    [Theory]
    [InlineData("2020-03-31", 0)]
    [InlineData("2020-04-01", 1)]
    [InlineData("2020-04-06", 2)]
    [InlineData("2020-06-01", 3)]
    public void Build_SeriesReleasedFromTheMainline_CountsNonMergeCommitsThereSinceTheLatestRelease(string asOf, int expected)
    {
        var row = Row(Build(asOf), "1.0");

        Assert.Null(row.Branch);
        Assert.Equal("1.0.1", row.Latest);
        Assert.Equal(expected, row.UnreleasedCommits);
    }

    [Fact]
    public void Build_NewerSeriesReleasedFromTheMainline_TakesTheCommitsFromTheOlderOne()
    {
        var report = Build("2020-08-01");

        Assert.Equal(1, Row(report, "1.1").UnreleasedCommits);
        Assert.Equal(0, Row(report, "1.0").UnreleasedCommits);
    }

    [Fact]
    public async Task Status_ConfiguredMainline_CountsTheUnreleasedCommitsThere()
    {
        _builder.Git("branch", "-m", "master", "trunk");
        var config = _files.WriteFile("herald.toml", """
            [project]
            name = "Mainline"

            [releases]
            tag = "RELEASE-{version}"
            branch = "stable-{series}"
            mainline = "trunk"

            """);

        var run = await ClockedCli.RunAsync(
            ["status", "--json", "--as-of", "2020-08-01", "--repo", _builder.Path, "--config", config, "--data", _files.Combine("data")],
            _files.Path,
            _files.Combine("xdg"),
            SeriesStatusFixture.Noon(2021, 1, 1));

        Assert.True(run.ExitCode == 0, run.ToString());
        var row = run.Json().EnumerateArray().Single(e => e.GetProperty("series").GetString() == "1.1");
        Assert.Equal(1, row.GetProperty("unreleasedCommits").GetInt32());
    }
}
