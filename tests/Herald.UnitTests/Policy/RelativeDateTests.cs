using Herald.Policy;
using Xunit;

namespace Herald.Tests.Policy;

public sealed class RelativeDateTests
{
    private static readonly DateOnly s_today = new(2026, 11, 30);

    [Theory]
    [InlineData("2026-11-30", "today")]
    [InlineData("2026-12-01", "tomorrow")]
    [InlineData("2026-11-29", "yesterday")]
    [InlineData("2026-12-12", "in 12 days")]
    [InlineData("2027-01-13", "in 44 days")]
    [InlineData("2027-01-14", "in 1 month")]
    [InlineData("2027-12-30", "in 13 months")]
    [InlineData("2027-12-29", "in 12 months")]
    [InlineData("2028-11-29", "in 23 months")]
    [InlineData("2028-11-30", "in 2 years")]
    [InlineData("2026-10-01", "1 month ago")]
    [InlineData("2023-05-01", "3 years ago")]
    public void Describe_FromAFixedToday_CountsWholeUnitsDown(string date, string expected) =>
        Assert.Equal(expected, RelativeDate.Describe(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), s_today));

    [Fact]
    public void Ends_OnTheLastDay_StillEnds() =>
        Assert.Equal("ends today", RelativeDate.Ends(s_today, s_today));

    [Fact]
    public void Ends_AfterTheLastDay_Ended() =>
        Assert.Equal("ended 2 years ago", RelativeDate.Ends(new DateOnly(2024, 6, 12), s_today));

    [Fact]
    public void Ends_ThirteenMonthsAhead_EndsInThirteenMonths() =>
        Assert.Equal("ends in 13 months", RelativeDate.Ends(new DateOnly(2028, 1, 2), s_today));
}
