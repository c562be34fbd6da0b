using Herald.Policy;
using Herald.Releases;
using Xunit;

namespace Herald.Tests.Policy;

public sealed class SupportPolicyTests
{
    private static readonly SeriesId s_series = SeriesId.Parse("4.17");
    private static readonly DateOnly s_released = new(2022, 12, 12);
    private static readonly SupportStatement s_statement = new(s_series, s_released, new DateOnly(2024, 6, 12), new DateOnly(2025, 12, 12));

    [Fact]
    public void WindowFor_PolicyOnly_CountsMonthsFromTheRelease()
    {
        var warnings = new List<string>();

        var window = new SupportPolicy(new PolicySettings()).WindowFor(s_series, s_released, null, null, warnings);

        Assert.Equal(new SupportWindow(s_series, s_released, new DateOnly(2024, 6, 12), new DateOnly(2025, 12, 12), DateSource.Policy), window);
        Assert.Empty(warnings);
    }

    [Fact]
    public void WindowFor_RuleForTheSeries_UsesTheRuleMonths()
    {
        var settings = new PolicySettings { Rules = [new PolicyRule(SeriesId.Parse("4.17"), 24, 60)] };

        var window = new SupportPolicy(settings).WindowFor(s_series, s_released, null, null, []);

        Assert.Equal(new DateOnly(2024, 12, 12), window.SupportedUntil);
        Assert.Equal(new DateOnly(2027, 12, 12), window.SecurityUntil);
        Assert.Equal(DateSource.Policy, window.Source);
    }

    [Fact]
    public void WindowFor_NotReleased_HasNoDates()
    {
        var window = new SupportPolicy(new PolicySettings()).WindowFor(s_series, null, null, null, []);

        Assert.Null(window.Released);
        Assert.Null(window.SupportedUntil);
        Assert.Null(window.SecurityUntil);
        Assert.Equal(DateSource.Policy, window.Source);
    }

    [Fact]
    public void WindowFor_Statement_WinsOverPolicy()
    {
        var statement = s_statement with { SupportedUntil = new DateOnly(2024, 1, 31), SecurityUntil = new DateOnly(2026, 6, 30) };

        var window = new SupportPolicy(new PolicySettings()).WindowFor(s_series, s_released, statement, "stable-4.17:SUPPORT.md", []);

        Assert.Equal(new DateOnly(2024, 1, 31), window.SupportedUntil);
        Assert.Equal(new DateOnly(2026, 6, 30), window.SecurityUntil);
        Assert.Equal(DateSource.Statement, window.Source);
    }

    [Fact]
    public void WindowFor_Config_WinsOverStatementAndWarnsForEachDisagreement()
    {
        var settings = new PolicySettings { Series = [new SeriesDates(s_series, new DateOnly(2024, 7, 1), new DateOnly(2026, 1, 1))] };
        var warnings = new List<string>();

        var window = new SupportPolicy(settings).WindowFor(s_series, s_released, s_statement, "stable-4.17:SUPPORT.md", warnings);

        Assert.Equal(new DateOnly(2024, 7, 1), window.SupportedUntil);
        Assert.Equal(new DateOnly(2026, 1, 1), window.SecurityUntil);
        Assert.Equal(DateSource.Config, window.Source);
        Assert.Equal(2, warnings.Count);
        Assert.Equal("stable-4.17:SUPPORT.md gives general support of 4.17 until 2024-06-12, herald.toml until 2024-07-01; using herald.toml.", warnings[0]);
        Assert.Contains("security support of 4.17 until 2025-12-12, herald.toml until 2026-01-01", warnings[1]);
    }

    [Fact]
    public void WindowFor_ConfigAgreesWithStatement_DoesNotWarn()
    {
        var settings = new PolicySettings { Series = [new SeriesDates(s_series, s_statement.SupportedUntil, s_statement.SecurityUntil)] };
        var warnings = new List<string>();

        var window = new SupportPolicy(settings).WindowFor(s_series, s_released, s_statement, "stable-4.17:SUPPORT.md", warnings);

        Assert.Equal(DateSource.Config, window.Source);
        Assert.Empty(warnings);
    }

    [Fact]
    public void WindowFor_ConfigSetsOnlySecurity_TakesGeneralSupportFromTheStatement()
    {
        var settings = new PolicySettings { Series = [new SeriesDates(s_series, null, new DateOnly(2027, 12, 12))] };
        var warnings = new List<string>();

        var window = new SupportPolicy(settings).WindowFor(s_series, s_released, s_statement, "stable-4.17:SUPPORT.md", warnings);

        Assert.Equal(new DateOnly(2024, 6, 12), window.SupportedUntil);
        Assert.Equal(new DateOnly(2027, 12, 12), window.SecurityUntil);
        Assert.Equal(DateSource.Config, window.Source);
        Assert.Single(warnings);
        Assert.Contains("security support", warnings[0]);
    }

    [Fact]
    public void WindowFor_ConfigForAnotherSeries_IsIgnored()
    {
        var settings = new PolicySettings { Series = [new SeriesDates(SeriesId.Parse("4.16"), new DateOnly(2020, 1, 1), new DateOnly(2020, 1, 1))] };

        var window = new SupportPolicy(settings).WindowFor(s_series, s_released, s_statement, "stable-4.17:SUPPORT.md", []);

        Assert.Equal(DateSource.Statement, window.Source);
        Assert.Equal(new DateOnly(2024, 6, 12), window.SupportedUntil);
    }

    [Fact]
    public void WindowFor_ConfigWithoutStatement_WinsOverPolicy()
    {
        var settings = new PolicySettings { Series = [new SeriesDates(s_series, new DateOnly(2023, 1, 1), null)] };

        var window = new SupportPolicy(settings).WindowFor(s_series, s_released, null, null, []);

        Assert.Equal(new DateOnly(2023, 1, 1), window.SupportedUntil);
        Assert.Equal(new DateOnly(2025, 12, 12), window.SecurityUntil);
        Assert.Equal(DateSource.Config, window.Source);
    }
}
