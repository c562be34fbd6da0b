using Xunit;

namespace Herald.Tests.Backports;

/// <summary>What the index knows of <c>Fixes:</c> targets: resolved ids, and whether a branch has them.</summary>
public sealed class BackportIndexFixesTests(BackportFixesFixture fixture) : IClassFixture<BackportFixesFixture>
{
    private static DateTimeOffset Day(int month, int day) => new(2020, month, day, 23, 59, 59, TimeSpan.Zero);

    [Fact]
    public void CommitsOf_FixesTrailers_AreResolvedToFullIds()
    {
        var copy = fixture.Index.CommitsOf(BackportFixesFixture.Series11).Single(c => c.MasterCommit == fixture.FixOfBoth);

        Assert.Equal([fixture.NewFeature, fixture.OldFeature], copy.Fixes);
    }

    [Fact]
    public void CommitsOf_UnknownFixesTarget_StaysAsWritten()
    {
        var copy = fixture.Index.CommitsOf(BackportFixesFixture.Series11).Single(c => c.MasterCommit == fixture.FixOfUnknown);

        Assert.Equal([BackportFixesFixture.UnknownTarget], copy.Fixes);
    }

    [Fact]
    public void Holds_CommitMadeBeforeTheFork_IsTrue()
    {
        Assert.True(fixture.Index.Holds(BackportFixesFixture.Series10, fixture.OldFeature, Day(9, 1)));
    }

    [Fact]
    public void Holds_MasterCommitAfterTheForkNeverCopied_IsFalse()
    {
        Assert.False(fixture.Index.Holds(BackportFixesFixture.Series10, fixture.NewFeature, Day(9, 1)));
        Assert.True(fixture.Index.Holds(BackportFixesFixture.Series11, fixture.NewFeature, Day(9, 1)));
    }

    [Fact]
    public void Holds_CopyOnTheBranch_CountsFromTheDayItLanded()
    {
        Assert.False(fixture.Index.Holds(BackportFixesFixture.Series10, fixture.PoolFeature, Day(3, 19)));
        Assert.True(fixture.Index.Holds(BackportFixesFixture.Series10, fixture.PoolFeature, Day(3, 20)));
    }

    [Fact]
    public void Holds_StableOnlyCommit_CountsThroughTheMasterCommitItCopies()
    {
        Assert.False(fixture.Index.Holds(BackportFixesFixture.Series10, fixture.FixOfNewOn11, Day(9, 1)));
        Assert.True(fixture.Index.Holds(BackportFixesFixture.Series11, fixture.FixOfNewOn11, Day(9, 1)));
    }

    [Fact]
    public void Holds_UnknownCommit_CountsAsPresent()
    {
        Assert.True(fixture.Index.Holds(BackportFixesFixture.Series10, new string('0', 40), Day(9, 1)));
    }
}
