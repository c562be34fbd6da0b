using Herald.Backports;
using Xunit;

namespace Herald.Tests.Backports;

public sealed class PatchIdCacheTests(BackportFixture fixture) : IClassFixture<BackportFixture>
{
    private string NewCachePath() => Path.Combine(fixture.NewDataFolder(), "cache", "patch-ids.txt");

    private BackportIndex BuildIndex(PatchIdCache cache) =>
        BackportIndex.Build(fixture.Repository, fixture.Catalog, "master", [BackportFixture.Series10, BackportFixture.Series11, BackportFixture.Series12], cache, 2);

    private static List<(string Sha, string? Master, string? MatchedBy)> Flatten(BackportIndex index) =>
        [.. index.Series.Order().SelectMany(index.CommitsOf).Select(c => (c.Sha, c.MasterCommit, c.MatchedBy))];

    [Fact]
    public void Get_IdenticalChanges_HaveTheSamePatchId()
    {
        var ids = PatchIdCache.InMemory().Get(fixture.Repository, [fixture.FixC, fixture.FixCOn11, fixture.FixCOn12, fixture.FixA], 2);

        Assert.Equal(4, ids.Count);
        Assert.Equal(ids[fixture.FixC], ids[fixture.FixCOn11]);
        Assert.Equal(ids[fixture.FixC], ids[fixture.FixCOn12]);
        Assert.NotEqual(ids[fixture.FixC], ids[fixture.FixA]);
        Assert.Matches("^[0-9a-f]{40}$", ids[fixture.FixC]);
    }

    [Fact]
    public void Open_MissingFile_IsAnEmptyCache()
    {
        var cache = PatchIdCache.Open(NewCachePath());

        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void Save_NothingComputed_WritesNothing()
    {
        var path = NewCachePath();

        PatchIdCache.Open(path).Save();

        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Save_AfterABuild_WritesOneLinePerCommit()
    {
        var path = NewCachePath();
        var cache = PatchIdCache.Open(path);
        BuildIndex(cache);

        cache.Save();

        var lines = File.ReadAllLines(path);
        Assert.True(cache.Count > 0);
        Assert.Equal(cache.Count, lines.Length);
        Assert.All(lines, l => Assert.Matches("^[0-9a-f]{40} ([0-9a-f]{40}|-)$", l));
        Assert.Contains(lines, l => l.StartsWith(fixture.FixCOn11 + " ", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_SecondRunFromTheCacheFile_GivesTheSameIndex()
    {
        var path = NewCachePath();
        var first = PatchIdCache.Open(path);
        var firstIndex = BuildIndex(first);
        first.Save();

        var second = PatchIdCache.Open(path);
        var countBefore = second.Count;
        var secondIndex = BuildIndex(second);

        Assert.Equal(first.Count, countBefore);
        Assert.Equal(countBefore, second.Count);
        Assert.Equal(Flatten(firstIndex), Flatten(secondIndex));
        Assert.Equal(Flatten(fixture.Index), Flatten(secondIndex));
    }

    [Fact]
    public void Build_CachedPatchIds_AreUsedInsteadOfRecomputing()
    {
        var path = NewCachePath();
        var first = PatchIdCache.Open(path);
        BuildIndex(first);
        first.Save();
        var lines = File.ReadAllLines(path)
            .Select(l => l.StartsWith(fixture.FixCOn11 + " ", StringComparison.Ordinal) ? fixture.FixCOn11 + " " + new string('0', 40) : l);
        File.WriteAllLines(path, lines);

        var index = BuildIndex(PatchIdCache.Open(path));

        var commit = index.CommitsOf(BackportFixture.Series11).Single(c => c.Sha == fixture.FixCOn11);
        Assert.Null(commit.MasterCommit);
        Assert.Equal([BackportKind.Other], commit.Kinds);
        Assert.Equal(fixture.FixC, index.CommitsOf(BackportFixture.Series12).Single(c => c.Sha == fixture.FixCOn12).MasterCommit);
    }

    [Fact]
    public void Open_DamagedLines_AreSkipped()
    {
        var path = NewCachePath();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "garbage\n\n" + fixture.FixA + " " + new string('a', 40) + "\n");

        var cache = PatchIdCache.Open(path);

        Assert.Equal(1, cache.Count);
        Assert.Equal(new string('a', 40), cache.Get(fixture.Repository, [fixture.FixA], 1)[fixture.FixA]);
    }
}
