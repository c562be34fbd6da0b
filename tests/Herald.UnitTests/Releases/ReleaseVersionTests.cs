using Herald.Releases;
using Xunit;

namespace Herald.Tests.Releases;

public sealed class ReleaseVersionTests
{
    [Theory]
    [InlineData("4.9.4", 4, 9, 4)]
    [InlineData("4.10.0", 4, 10, 0)]
    [InlineData("0.0.1", 0, 0, 1)]
    [InlineData("1.2", 1, 2, 0)]
    [InlineData("007.08.09", 7, 8, 9)]
    [InlineData("123456789.0.0", 123456789, 0, 0)]
    public void Parse_Version_ReadsItsParts(string text, int major, int minor, int patch)
    {
        Assert.Equal(new ReleaseVersion(major, minor, patch), ReleaseVersion.Parse(text));
    }

    [Theory]
    [InlineData("x.y.z")]
    [InlineData("-1.2.3")]
    [InlineData("+1.2.3")]
    [InlineData("1.-2.3")]
    [InlineData("4")]
    [InlineData("1..3")]
    [InlineData("1.2.")]
    [InlineData(".1.2")]
    [InlineData(" 1.2.3")]
    [InlineData("1.2.3 ")]
    [InlineData("1.2.3-rc1")]
    [InlineData("v1.2.3")]
    [InlineData("1234567890.0.0")]
    [InlineData("١.٢.٣")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_NotAVersion_ReturnsFalse(string? text)
    {
        Assert.False(ReleaseVersion.TryParse(text, out var version));
        Assert.Equal(default, version);
    }

    [Fact]
    public void Parse_NotAVersion_ThrowsFormatExceptionQuotingIt()
    {
        var error = Assert.Throws<FormatException>(() => ReleaseVersion.Parse("x.y.z"));

        Assert.Contains("'x.y.z'", error.Message);
    }

    [Fact]
    public void TwoPartVersion_EqualsItsThreePartForm()
    {
        Assert.Equal(ReleaseVersion.Parse("1.2.0"), ReleaseVersion.Parse("1.2"));
        Assert.Equal("1.2.0", ReleaseVersion.Parse("1.2").ToString());
        Assert.Equal("4.9.0", ReleaseVersion.Parse("4.9").ToString());
    }

    [Fact]
    public void Compare_NumericNotTextual()
    {
        var newer = ReleaseVersion.Parse("4.10.0");
        var older = ReleaseVersion.Parse("4.9.4");

        Assert.True(newer > older);
        Assert.True(older < newer);
        Assert.True(newer >= older);
        Assert.True(older <= newer);
        Assert.True(newer.CompareTo(older) > 0);
        Assert.Equal(0, newer.CompareTo(ReleaseVersion.Parse("4.10")));
        Assert.True(ReleaseVersion.Parse("1.2") <= ReleaseVersion.Parse("1.2.0"));
    }

    [Fact]
    public void Order_SortsByMajorThenMinorThenPatch()
    {
        var sorted = new[] { "4.10.0", "4.9.4", "10.0.0", "4.9.10", "4.9.2", "3.99.99" }.Select(ReleaseVersion.Parse).Order().Select(v => v.ToString());

        Assert.Equal(["3.99.99", "4.9.2", "4.9.4", "4.9.10", "4.10.0", "10.0.0"], sorted);
    }

    [Theory]
    [InlineData("4.9.0", true)]
    [InlineData("4.9", true)]
    [InlineData("4.9.1", false)]
    public void IsSeriesStart_OnlyForPatchZero(string text, bool expected)
    {
        Assert.Equal(expected, ReleaseVersion.Parse(text).IsSeriesStart);
    }

    [Fact]
    public void Series_IsMajorAndMinor()
    {
        Assert.Equal(new SeriesId(4, 10), ReleaseVersion.Parse("4.10.3").Series);
    }

    [Theory]
    [InlineData("1.4.1", "1.4.1.1")]
    [InlineData("1.4.1.1", "1.4.2")]
    [InlineData("1.1.1", "1.1.1a")]
    [InlineData("1.1.1v", "1.1.1w")]
    [InlineData("1.1.1z", "1.1.1za")]
    [InlineData("1.1.1za", "1.1.2")]
    [InlineData("0.99", "1.0.0")]
    public void CompareTo_OtherForms_OrdersTheFirstBefore(string earlier, string later)
    {
        Assert.True(ReleaseVersion.Parse(earlier) < ReleaseVersion.Parse(later));
    }

    [Theory]
    [InlineData("1.4.1.1", "1.4.1.1")]
    [InlineData("1.1.1w", "1.1.1w")]
    [InlineData("1.4.1.0", "1.4.1")]
    [InlineData("0.99", "0.99.0")]
    public void ToString_OtherForms_WritesTheDottedForm(string text, string expected)
    {
        Assert.Equal(expected, ReleaseVersion.Parse(text).ToString());
    }

    [Theory]
    [InlineData("1.2.3.4.5")]
    [InlineData("1.2a")]
    [InlineData("1.2.3abc")]
    [InlineData("1.2.3A")]
    public void TryParse_MalformedOtherForms_ReturnsFalse(string text)
    {
        Assert.False(ReleaseVersion.TryParse(text, out _));
    }
}
