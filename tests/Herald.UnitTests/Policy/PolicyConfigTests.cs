using Herald.Configuration;
using Herald.History;
using Herald.Policy;
using Herald.Releases;
using Herald.Tests.Support;
using Xunit;

namespace Herald.Tests.Policy;

/// <summary>The <c>[policy]</c> part of herald.toml: what it reads, and errors that name the file and line.</summary>
public sealed class PolicyConfigTests : IDisposable
{
    private readonly RepoBuilder _builder = RepoBuilder.Create().Commit("Initial import");
    private readonly TempDirectory _files = TempDirectory.Create();

    public void Dispose()
    {
        _builder.Dispose();
        _files.Dispose();
    }

    private HeraldConfig Load(string text, out string path)
    {
        path = _files.WriteFile("herald.toml", text);
        return ConfigLoader.Load(GitRepository.Open(_builder.Path), path, _files.Path);
    }

    private HeraldException LoadFails(string text, out string path)
    {
        var written = _files.WriteFile("herald.toml", text);
        path = written;
        return Assert.Throws<HeraldException>(() => ConfigLoader.Load(GitRepository.Open(_builder.Path), written, _files.Path));
    }

    [Fact]
    public void Load_NoPolicyTable_GivesTheDefaultPolicy()
    {
        var config = Load("[project]\nname = \"Xen\"\n", out _);

        Assert.Equal(new PolicySettings().GeneralMonths, config.Policy.GeneralMonths);
        Assert.Equal(new PolicySettings().SecurityMonths, config.Policy.SecurityMonths);
        Assert.Equal("SUPPORT.md", config.Policy.Statement);
        Assert.Empty(config.Policy.Rules);
        Assert.Empty(config.Policy.Series);
    }

    [Fact]
    public void Load_NoPolicyTable_MarksThePolicyBuiltIn()
    {
        var config = Load("[project]\nname = \"Xen\"\n", out _);

        Assert.True(config.Policy.IsBuiltIn);
    }

    [Fact]
    public void Load_PolicyTable_IsTheProjectsOwnEvenWithDefaultValues()
    {
        var config = Load("[project]\nname = \"Xen\"\n\n[policy]\ncadence_months = 4\n", out _);

        Assert.False(config.Policy.IsBuiltIn);
        Assert.Equal(18, config.Policy.GeneralMonths);
    }

    [Fact]
    public void Load_FullPolicy_ReadsEveryKey()
    {
        var config = Load("""
            [policy]
            general_months = 12
            security_months = 30
            statement = "docs/SUPPORT.md"
            cadence_months = 3

            [[policy.rule]]
            from = "4.20"
            general_months = 24
            security_months = 48

            [[policy.rule]]
            from = "5.0"
            security_months = 60

            [[policy.series]]
            series = "4.17"
            general_until = 2024-06-12
            security_until = "2027-12-12"

            [[policy.series]]
            series = "4.18"
            security_until = 2028-11-19
            """, out _);

        var policy = config.Policy;
        Assert.Equal(12, policy.GeneralMonths);
        Assert.Equal(30, policy.SecurityMonths);
        Assert.Equal("docs/SUPPORT.md", policy.Statement);
        Assert.Equal(3, policy.CadenceMonths);
        Assert.Equal([new PolicyRule(SeriesId.Parse("4.20"), 24, 48), new PolicyRule(SeriesId.Parse("5.0"), 12, 60)], policy.Rules);
        Assert.Equal(
            [
                new SeriesDates(SeriesId.Parse("4.17"), new DateOnly(2024, 6, 12), new DateOnly(2027, 12, 12)),
                new SeriesDates(SeriesId.Parse("4.18"), null, new DateOnly(2028, 11, 19)),
            ],
            policy.Series);
        Assert.Equal((24, 48), policy.PeriodsFor(SeriesId.Parse("4.21")));
    }

    [Fact]
    public void Load_EmptyStatement_TurnsStatementsOff()
    {
        var config = Load("[policy]\nstatement = \"\"\n", out _);

        Assert.Equal(string.Empty, config.Policy.Statement);
    }

    [Fact]
    public void Load_UnknownPolicyKey_NamesFileLineAndKnownKeys()
    {
        var error = LoadFails("""
            [policy]
            general_months = 18
            support_months = 36
            """, out var path);

        Assert.StartsWith($"{path}:3: ", error.Message);
        Assert.Contains("unknown key 'support_months' in [policy]", error.Message);
        Assert.Contains("general_months, security_months", error.Message);
    }

    [Fact]
    public void Load_UnknownRuleKey_NamesFileAndLine()
    {
        var error = LoadFails("""
            [policy]

            [[policy.rule]]
            from = "4.20"
            months = 24
            """, out var path);

        Assert.StartsWith($"{path}:5: ", error.Message);
        Assert.Contains("unknown key 'months' in [policy.rule]", error.Message);
    }

    [Fact]
    public void Load_SecurityShorterThanGeneral_NamesTheSecurityLine()
    {
        var error = LoadFails("""
            # maintenance
            [policy]
            general_months = 24
            security_months = 12
            """, out var path);

        Assert.StartsWith($"{path}:4: ", error.Message);
        Assert.Contains("policy.security_months (12) is shorter than general_months (24)", error.Message);
    }

    [Fact]
    public void Load_RuleSecurityShorterThanItsGeneral_NamesTheLine()
    {
        var error = LoadFails("""
            [[policy.rule]]
            from = "4.20"
            general_months = 36
            security_months = 24
            """, out var path);

        Assert.StartsWith($"{path}:4: ", error.Message);
        Assert.Contains("policy.rule.security_months (24) is shorter than its general_months (36)", error.Message);
    }

    [Fact]
    public void Load_RuleFromNotASeries_NamesFileLineAndValue()
    {
        var error = LoadFails("""
            [policy]
            general_months = 18

            [[policy.rule]]
            from = "4.20.1"
            general_months = 24
            """, out var path);

        Assert.StartsWith($"{path}:5: ", error.Message);
        Assert.Contains("policy.rule.from \"4.20.1\" is not a series", error.Message);
    }

    [Fact]
    public void Load_RuleWithoutFrom_NamesFileAndWhatToWrite()
    {
        var error = LoadFails("""
            [[policy.rule]]
            general_months = 24
            """, out var path);

        Assert.StartsWith($"{path}: ", error.Message);
        Assert.Contains("has no 'from'", error.Message);
    }

    [Fact]
    public void Load_SeriesDateNotADate_NamesFileLineAndValue()
    {
        var error = LoadFails("""
            [policy]

            [[policy.series]]
            series = "4.17"
            general_until = "2024-13-01"
            """, out var path);

        Assert.StartsWith($"{path}:5: ", error.Message);
        Assert.Contains("'policy.series.general_until' must be a date written as yyyy-mm-dd", error.Message);
        Assert.Contains("\"2024-13-01\"", error.Message);
    }

    [Fact]
    public void Load_SeriesNameNotASeries_NamesFileAndLine()
    {
        var error = LoadFails("""
            [[policy.series]]
            series = "four"
            """, out var path);

        Assert.StartsWith($"{path}:2: ", error.Message);
        Assert.Contains("policy.series.series \"four\" is not a series", error.Message);
    }

    [Fact]
    public void Load_SecurityUntilBeforeGeneralUntil_NamesTheLine()
    {
        var error = LoadFails("""
            [[policy.series]]
            series = "4.17"
            general_until = 2024-06-12
            security_until = 2024-01-01
            """, out var path);

        Assert.StartsWith($"{path}:4: ", error.Message);
        Assert.Contains("is before general_until (2024-06-12) for 4.17", error.Message);
    }

    [Fact]
    public void Load_MonthsOutOfRange_NamesTheLine()
    {
        var error = LoadFails("""
            [policy]
            cadence_months = 0
            """, out var path);

        Assert.StartsWith($"{path}:2: ", error.Message);
        Assert.Contains("'policy.cadence_months' is 0; it must be between 1 and 120", error.Message);
    }

    [Fact]
    public void Load_StatementWithAColon_IsRejected()
    {
        var error = LoadFails("""
            [policy]
            statement = "stable-4.17:SUPPORT.md"
            """, out var path);

        Assert.StartsWith($"{path}:2: ", error.Message);
        Assert.Contains("must be a path inside the branch", error.Message);
    }
}
