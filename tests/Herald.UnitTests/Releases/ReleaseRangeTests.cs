using Herald.Releases;
using Herald.Tests.Support;
using Xunit;

namespace Herald.Tests.Releases;

public sealed class ReleaseRangeTests(StableHistoryFixture fixture) : IClassFixture<StableHistoryFixture>
{
    [Theory]
    [InlineData("1.0.0", null)]
    [InlineData("1.0.1", "1.0.0")]
    [InlineData("1.0.2", "1.0.1")]
    [InlineData("1.1.0", "1.0.0")]
    [InlineData("1.1.1", "1.1.0")]
    [InlineData("1.1.3", "1.1.1")]
    [InlineData("1.2.0", "1.1.0")]
    public void Previous_Release_FollowsTheSeriesRule(string version, string? previous)
    {
        var actual = ReleaseRange.Previous(fixture.Catalog, fixture.Release(version));

        Assert.Equal(previous, actual?.Version.ToString());
    }

    [Fact]
    public void Range_ForFirstRelease_CoversTheWholeHistory()
    {
        var range = ReleaseRange.For(fixture.Catalog, fixture.Release("1.0.0"));

        Assert.Null(range.From);
        Assert.Equal(["refs/tags/RELEASE-1.0.0"], range.Revisions);
        Assert.Equal(["Add feature A", "Initial import"], fixture.Subjects(range.Revisions));
        Assert.Equal("RELEASE-1.0.0", range.ToString());
    }

    [Fact]
    public void Range_ForFirstPointRelease_HoldsOnlyItsBackport()
    {
        var range = ReleaseRange.For(fixture.Catalog, fixture.Release("1.0.1"));

        Assert.Equal(["refs/tags/RELEASE-1.0.1", "^refs/tags/RELEASE-1.0.0"], range.Revisions);
        Assert.Equal(["Fix bug X [1.0]"], fixture.Subjects(range.Revisions));
    }

    [Fact]
    public void Range_ForPointReleaseAfterMasterMovedOn_StartsAtPreviousPoint()
    {
        var range = ReleaseRange.For(fixture.Catalog, fixture.Release("1.0.2"));

        Assert.Equal("RELEASE-1.0.1..RELEASE-1.0.2", range.ToString());
        Assert.Equal(["Fix bug Y [1.0]", "Fix bug only in 1.0"], fixture.Subjects(range.Revisions));
    }

    [Fact]
    public void Range_ForSeriesStartTaggedOnItsStableBranch_HoldsMasterWorkButNoBackports()
    {
        var range = ReleaseRange.For(fixture.Catalog, fixture.Release("1.1.0"));

        Assert.Equal("RELEASE-1.0.0..RELEASE-1.1.0", range.ToString());
        Assert.Equal(
            ["Fix bug X", "Fix bug Y", "Master work 1", "Master work 2", "Master work 3", "Prepare 1.1.0"],
            fixture.Subjects(range.Revisions));
    }

    [Fact]
    public void Range_ForPointReleaseAfterSkippedVersion_StartsAtNewestExistingPoint()
    {
        var range = ReleaseRange.For(fixture.Catalog, fixture.Release("1.1.3"));

        Assert.Null(fixture.Catalog.Find(new ReleaseVersion(1, 1, 2)));
        Assert.Equal("RELEASE-1.1.1..RELEASE-1.1.3", range.ToString());
        Assert.Equal(["Fix bug W"], fixture.Subjects(range.Revisions));
    }

    [Fact]
    public void Range_ForPointRelease_HoldsOnlyItsFix()
    {
        var range = ReleaseRange.For(fixture.Catalog, fixture.Release("1.1.1"));

        Assert.Equal(["Fix bug Z"], fixture.Subjects(range.Revisions));
    }

    [Fact]
    public void Range_ForSeriesStartOnMaster_StartsAtPreviousSeriesStartOnItsBranch()
    {
        var range = ReleaseRange.For(fixture.Catalog, fixture.Release("1.2.0"));

        Assert.Equal("RELEASE-1.1.0..RELEASE-1.2.0", range.ToString());
        Assert.Equal(["Master work 4", "Master work 5"], fixture.Subjects(range.Revisions));
    }

    [Fact]
    public void Range_EveryRelease_NeverCountsACommitTwiceAlongOneSeries()
    {
        var series10 = new[] { "1.0.0", "1.0.1", "1.0.2" }
            .SelectMany(v => fixture.Subjects(ReleaseRange.For(fixture.Catalog, fixture.Release(v)).Revisions))
            .ToList();

        Assert.Equal(series10.Count, series10.Distinct().Count());
        Assert.Equal(fixture.Subjects(["refs/tags/RELEASE-1.0.2"]), series10.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Previous_PointReleaseWithoutEarlierReleaseInItsSeries_FallsBackToPreviousSeriesStart()
    {
        using var builder = RepoBuilder.Create()
            .Commit("One").Tag("v2.0.0")
            .Commit("Two").Tag("v2.0.1")
            .Commit("Three").Tag("v2.1.1");
        var catalog = ReleaseCatalog.Read(Herald.History.GitRepository.Open(builder.Path), new TagScheme("v{version}", "v{version}-rc{n}", "stable-{series}"));

        var previous = ReleaseRange.Previous(catalog, catalog.Find(new ReleaseVersion(2, 1, 1))!);

        Assert.Equal("v2.0.0", previous?.Tag);
    }
}
