using Herald.Policy;
using Herald.Releases;
using Xunit;

namespace Herald.Tests.Policy;

public sealed class SupportWindowTests
{
    private static readonly SupportWindow s_window = new(
        SeriesId.Parse("4.17"),
        new DateOnly(2022, 12, 12),
        new DateOnly(2024, 6, 12),
        new DateOnly(2025, 12, 12),
        DateSource.Statement);

    [Fact]
    public void StatusOn_DayBeforeRelease_IsDevelopment() =>
        Assert.Equal(SupportStatus.Development, s_window.StatusOn(new DateOnly(2022, 12, 11)));

    [Fact]
    public void StatusOn_ReleaseDay_IsSupported() =>
        Assert.Equal(SupportStatus.Supported, s_window.StatusOn(new DateOnly(2022, 12, 12)));

    [Fact]
    public void StatusOn_SupportedUntilDay_IsStillSupported() =>
        Assert.Equal(SupportStatus.Supported, s_window.StatusOn(new DateOnly(2024, 6, 12)));

    [Fact]
    public void StatusOn_DayAfterSupportedUntil_IsSecurity() =>
        Assert.Equal(SupportStatus.Security, s_window.StatusOn(new DateOnly(2024, 6, 13)));

    [Fact]
    public void StatusOn_SecurityUntilDay_IsStillSecurity() =>
        Assert.Equal(SupportStatus.Security, s_window.StatusOn(new DateOnly(2025, 12, 12)));

    [Fact]
    public void StatusOn_DayAfterSecurityUntil_IsEol() =>
        Assert.Equal(SupportStatus.Eol, s_window.StatusOn(new DateOnly(2025, 12, 13)));

    [Fact]
    public void StatusOn_NotReleased_IsDevelopmentOnAnyDate()
    {
        var window = s_window with { Released = null };

        Assert.Equal(SupportStatus.Development, window.StatusOn(new DateOnly(2030, 1, 1)));
    }

    [Fact]
    public void StatusOn_NoEndDates_StaysSupported()
    {
        var window = s_window with { SupportedUntil = null, SecurityUntil = null };

        Assert.Equal(SupportStatus.Supported, window.StatusOn(new DateOnly(2099, 1, 1)));
    }

    [Fact]
    public void StatusOn_NoSecurityEnd_StaysSecurityAfterGeneralSupport()
    {
        var window = s_window with { SecurityUntil = null };

        Assert.Equal(SupportStatus.Security, window.StatusOn(new DateOnly(2099, 1, 1)));
    }
}
