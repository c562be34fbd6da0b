using Herald.Policy;
using Herald.Releases;
using Xunit;

namespace Herald.Tests.Policy;

public sealed class PolicySettingsTests
{
    [Fact]
    public void Defaults_NothingSet_AreEighteenAndThirtySixMonthsWithAFourMonthCadence()
    {
        var settings = new PolicySettings();

        Assert.Equal(18, settings.GeneralMonths);
        Assert.Equal(36, settings.SecurityMonths);
        Assert.Equal(4, settings.CadenceMonths);
        Assert.Equal("SUPPORT.md", settings.Statement);
        Assert.Empty(settings.Rules);
        Assert.Empty(settings.Series);
    }

    [Fact]
    public void PeriodsFor_NoRules_ReturnsTheDefaultMonths()
    {
        var settings = new PolicySettings { GeneralMonths = 12, SecurityMonths = 30 };

        Assert.Equal((12, 30), settings.PeriodsFor(SeriesId.Parse("4.17")));
    }

    [Theory]
    [InlineData("1.0", 18, 36)]
    [InlineData("1.1", 18, 36)]
    [InlineData("1.2", 24, 48)]
    [InlineData("1.3", 24, 48)]
    [InlineData("2.0", 24, 48)]
    public void PeriodsFor_RuleFromOneTwo_AppliesFromThatSeriesOn(string series, int general, int security)
    {
        var settings = new PolicySettings { Rules = [new PolicyRule(SeriesId.Parse("1.2"), 24, 48)] };

        Assert.Equal((general, security), settings.PeriodsFor(SeriesId.Parse(series)));
    }

    [Theory]
    [InlineData("1.1", 18, 36)]
    [InlineData("1.2", 24, 48)]
    [InlineData("1.9", 24, 48)]
    [InlineData("1.10", 12, 24)]
    [InlineData("3.0", 12, 24)]
    public void PeriodsFor_RulesInAnyOrder_TheNewestApplicableRuleWins(string series, int general, int security)
    {
        var settings = new PolicySettings
        {
            Rules = [new PolicyRule(SeriesId.Parse("1.10"), 12, 24), new PolicyRule(SeriesId.Parse("1.2"), 24, 48)],
        };

        Assert.Equal((general, security), settings.PeriodsFor(SeriesId.Parse(series)));
    }
}
