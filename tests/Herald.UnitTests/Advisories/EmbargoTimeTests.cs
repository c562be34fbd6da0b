using Herald.Advisories;
using Xunit;

namespace Herald.Tests.Advisories;

/// <summary>The end of an embargo: UTC in ISO-8601, nothing else.</summary>
public sealed class EmbargoTimeTests
{
    [Theory]
    [InlineData("2030-01-01T12:00Z")]
    [InlineData("2030-01-01T12:00:00Z")]
    [InlineData("2030-01-01T12:00+00:00")]
    [InlineData("2030-01-01T12:00:00+00:00")]
    public void Parse_UtcForms_TheInstant(string text)
    {
        Assert.Equal(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero), EmbargoTime.Parse(text));
    }

    [Theory]
    [InlineData("2030-01-01 12:00")]
    [InlineData("2030-01-01T12:00")]
    [InlineData("2030-01-01T12:00+01:00")]
    [InlineData("2030-01-01")]
    [InlineData("tomorrow")]
    [InlineData("2030-02-30T12:00Z")]
    public void Parse_AnythingElse_RefusedNamingTheValueAndAnExample(string text)
    {
        var error = Assert.Throws<HeraldException>(() => EmbargoTime.Parse(text));

        Assert.Contains($"'{text}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("2030-01-01T12:00Z", error.Message, StringComparison.Ordinal);
    }
}
