using Herald.Releases;
using Xunit;

namespace Herald.Tests.Releases;

public sealed class SeriesIdTests
{
    [Theory]
    [InlineData("4.9", 4, 9)]
    [InlineData("4.10", 4, 10)]
    [InlineData("0.1", 0, 1)]
    public void Parse_Series_ReadsMajorAndMinor(string text, int major, int minor)
    {
        Assert.Equal(new SeriesId(major, minor), SeriesId.Parse(text));
    }

    [Theory]
    [InlineData("4.9.0")]
    [InlineData("4")]
    [InlineData("x.y")]
    [InlineData("-4.9")]
    [InlineData("4.9-rc1")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_NotASeries_ReturnsFalse(string? text)
    {
        Assert.False(SeriesId.TryParse(text, out _));
    }

    [Fact]
    public void Parse_NotASeries_ThrowsFormatException()
    {
        var error = Assert.Throws<FormatException>(() => SeriesId.Parse("4.9.0"));

        Assert.Contains("'4.9.0'", error.Message);
    }

    [Fact]
    public void Compare_NumericNotTextual()
    {
        Assert.True(SeriesId.Parse("4.10") > SeriesId.Parse("4.9"));
        Assert.True(SeriesId.Parse("4.9") < SeriesId.Parse("5.0"));
        Assert.True(SeriesId.Parse("4.9") <= SeriesId.Parse("4.9"));
        Assert.True(SeriesId.Parse("4.9") >= SeriesId.Parse("4.9"));
        Assert.Equal(["3.20", "4.2", "4.10"], new[] { "4.10", "3.20", "4.2" }.Select(SeriesId.Parse).Order().Select(s => s.ToString()));
    }

    [Fact]
    public void ToString_IsMajorDotMinor()
    {
        Assert.Equal("4.10", new SeriesId(4, 10).ToString());
    }
}
