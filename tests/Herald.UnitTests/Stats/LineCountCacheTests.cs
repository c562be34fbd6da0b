using Herald.History;
using Herald.Stats;
using Herald.Tests.Support;
using Xunit;

namespace Herald.Tests.Stats;

public sealed class LineCountCacheTests : IDisposable
{
    private const string ShaA = "0123456789abcdef0123456789abcdef01234567";
    private const string ShaB = "fedcba9876543210fedcba9876543210fedcba98";

    private readonly TempDirectory _folder = TempDirectory.Create();

    public void Dispose() => _folder.Dispose();

    private string CachePath => _folder.Combine("cache", "line-counts.bin");

    [Fact]
    public void SaveThenOpen_RoundTripsEveryEntry()
    {
        var cache = LineCountCache.Open(CachePath);
        cache.Add(ShaA, new LineCounts(10, 3, 2));
        cache.Add(ShaB, new LineCounts(0, 0, 1));
        cache.Save();

        var reopened = LineCountCache.Open(CachePath);

        Assert.Equal(2, reopened.Count);
        Assert.Equal(0, reopened.Added);
        Assert.True(reopened.TryGet(ShaA, out var a));
        Assert.Equal(new LineCounts(10, 3, 2), a);
        Assert.True(reopened.TryGet(ShaB, out var b));
        Assert.Equal(new LineCounts(0, 0, 1), b);
    }

    [Fact]
    public void SaveThenOpen_Sha256Ids_RoundTrip()
    {
        var sha256 = string.Concat(Enumerable.Repeat("0a1b2c3d", 8));
        var cache = LineCountCache.Open(CachePath);
        cache.Add(sha256, new LineCounts(7, 8, 9));
        cache.Save();

        var reopened = LineCountCache.Open(CachePath);

        Assert.True(reopened.TryGet(sha256, out var counts));
        Assert.Equal(new LineCounts(7, 8, 9), counts);
    }

    [Fact]
    public void SaveThenOpen_LargeCounts_RoundTrip()
    {
        var cache = LineCountCache.Open(CachePath);
        cache.Add(ShaA, new LineCounts(int.MaxValue, 1_000_000, 40_000));
        cache.Save();

        Assert.True(LineCountCache.Open(CachePath).TryGet(ShaA, out var counts));
        Assert.Equal(new LineCounts(int.MaxValue, 1_000_000, 40_000), counts);
    }

    [Fact]
    public void Open_MissingFile_EmptyCache()
    {
        var cache = LineCountCache.Open(CachePath);

        Assert.Equal(0, cache.Count);
        Assert.False(cache.TryGet(ShaA, out _));
    }

    [Fact]
    public void Save_NothingAdded_WritesNoFile()
    {
        var cache = LineCountCache.Open(CachePath);

        cache.Save();

        Assert.False(File.Exists(CachePath));
    }

    [Fact]
    public void Save_CreatesMissingFolderAndLeavesNoTemporaryFile()
    {
        var cache = LineCountCache.Open(CachePath);
        cache.Add(ShaA, new LineCounts(1, 2, 3));

        cache.Save();

        Assert.True(File.Exists(CachePath));
        Assert.Equal(new[] { "line-counts.bin" }, Directory.GetFiles(_folder.Combine("cache")).Select(Path.GetFileName));
        Assert.Equal(0, cache.Added);
    }

    [Fact]
    public void Add_SameShaTwice_FirstCountsKept()
    {
        var cache = LineCountCache.InMemory();

        cache.Add(ShaA, new LineCounts(1, 1, 1));
        cache.Add(ShaA, new LineCounts(99, 99, 99));

        Assert.Equal(1, cache.Count);
        Assert.Equal(1, cache.Added);
        Assert.True(cache.TryGet(ShaA, out var counts));
        Assert.Equal(new LineCounts(1, 1, 1), counts);
    }

    [Fact]
    public void TryGet_OtherSha_Misses()
    {
        var cache = LineCountCache.InMemory();
        cache.Add(ShaA, new LineCounts(1, 1, 1));

        Assert.False(cache.TryGet(ShaB, out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("HLC")]
    [InlineData("not a cache at all, just text")]
    public void Open_ForeignFile_EmptyCache(string content)
    {
        _folder.WriteFile("cache/line-counts.bin", content);

        var cache = LineCountCache.Open(CachePath);

        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void Open_TruncatedFile_EmptyCache()
    {
        var cache = LineCountCache.Open(CachePath);
        cache.Add(ShaA, new LineCounts(1, 2, 3));
        cache.Add(ShaB, new LineCounts(4, 5, 6));
        cache.Save();
        var bytes = File.ReadAllBytes(CachePath);
        File.WriteAllBytes(CachePath, bytes[..^5]);

        var reopened = LineCountCache.Open(CachePath);

        Assert.Equal(0, reopened.Count);
    }

    [Fact]
    public void Open_UnknownIdLength_EmptyCache()
    {
        var cache = LineCountCache.Open(CachePath);
        cache.Add(ShaA, new LineCounts(1, 2, 3));
        cache.Save();
        var bytes = File.ReadAllBytes(CachePath);
        bytes[4] = 21;
        File.WriteAllBytes(CachePath, bytes);

        Assert.Equal(0, LineCountCache.Open(CachePath).Count);
    }

    [Fact]
    public void Save_AfterCorruptFileIgnored_RebuildsAReadableCache()
    {
        _folder.WriteFile("cache/line-counts.bin", "garbage garbage garbage");
        var cache = LineCountCache.Open(CachePath);
        cache.Add(ShaB, new LineCounts(5, 6, 7));

        cache.Save();

        var reopened = LineCountCache.Open(CachePath);
        Assert.Equal(1, reopened.Count);
        Assert.True(reopened.TryGet(ShaB, out var counts));
        Assert.Equal(new LineCounts(5, 6, 7), counts);
    }

    [Fact]
    public void Save_AfterReopenAndAdd_KeepsOldAndNewEntries()
    {
        var first = LineCountCache.Open(CachePath);
        first.Add(ShaA, new LineCounts(1, 2, 3));
        first.Save();

        var second = LineCountCache.Open(CachePath);
        second.Add(ShaB, new LineCounts(4, 5, 6));
        second.Save();

        var third = LineCountCache.Open(CachePath);
        Assert.Equal(2, third.Count);
        Assert.True(third.TryGet(ShaA, out var a));
        Assert.Equal(new LineCounts(1, 2, 3), a);
    }

    [Fact]
    public void Save_InMemory_WritesNothingAnywhere()
    {
        var before = Directory.GetFileSystemEntries(_folder.Path).Length;
        var cache = LineCountCache.InMemory();
        cache.Add(ShaA, new LineCounts(1, 2, 3));

        cache.Save();

        Assert.Equal(before, Directory.GetFileSystemEntries(_folder.Path).Length);
        Assert.Equal(1, cache.Added);
    }
}
