using Herald.News;
using Xunit;

namespace Herald.Tests.News;

public sealed class PostPageTests
{
    private static readonly Post[] Eleven = [.. Enumerable.Range(1, 11).Select(n => new Post($"p{n}", $"Post {n}", "A", "", true, DateTimeOffset.UnixEpoch.AddDays(-n), DateTimeOffset.UnixEpoch, 1, [], []))];

    [Fact]
    public void Of_FirstOfEleven_HoldsTenAndHasANext()
    {
        var page = PostPage.Of(Eleven, 1)!;

        Assert.Equal(Eleven.Take(10), page.Posts);
        Assert.True(page.HasNext);
        Assert.False(page.HasPrevious);
    }

    [Fact]
    public void Of_SecondOfEleven_HoldsTheLastAndHasAPrevious()
    {
        var page = PostPage.Of(Eleven, 2)!;

        Assert.Equal([Eleven[10]], page.Posts);
        Assert.False(page.HasNext);
        Assert.True(page.HasPrevious);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(3)]
    [InlineData(int.MaxValue)]
    public void Of_NoSuchPage_IsNull(int number) => Assert.Null(PostPage.Of(Eleven, number));

    [Fact]
    public void Of_FirstOfNone_IsAnEmptyPage()
    {
        var page = PostPage.Of([], 1)!;

        Assert.Empty(page.Posts);
        Assert.False(page.HasNext);
        Assert.Null(PostPage.Of([], 2));
    }

    [Fact]
    public void Of_TenPosts_HasNoNext() => Assert.False(PostPage.Of([.. Eleven.Take(10)], 1)!.HasNext);

    [Theory]
    [InlineData(new string[0], 1)]
    [InlineData(new[] { "1" }, 1)]
    [InlineData(new[] { "2" }, 2)]
    [InlineData(new[] { "100000" }, 100_000)]
    public void TryParseNumber_Canonical_IsAccepted(string[] values, int expected)
    {
        Assert.True(PostPage.TryParseNumber(values, out var number));
        Assert.Equal(expected, number);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("02")]
    [InlineData("-1")]
    [InlineData("+2")]
    [InlineData("two")]
    [InlineData(" 2")]
    [InlineData("100001")]
    [InlineData("9999999999")]
    [InlineData("٣")]
    public void TryParseNumber_Malformed_IsRefused(string value) => Assert.False(PostPage.TryParseNumber([value], out _));

    [Fact]
    public void TryParseNumber_TwoValues_IsRefused() => Assert.False(PostPage.TryParseNumber(["1", "2"], out _));
}
