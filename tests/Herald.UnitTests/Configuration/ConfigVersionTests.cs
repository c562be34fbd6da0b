using Herald.Configuration;
using Herald.History;
using Herald.Tests.Support;
using Xunit;

namespace Herald.Tests.Configuration;

/// <summary>The top-level <c>version</c> key: absent or 1 is read; anything else names the file, line, value and fix.</summary>
public sealed class ConfigVersionTests : IDisposable
{
    private readonly RepoBuilder _builder = RepoBuilder.Create().Commit("Initial import");

    private string ConfigPath => Path.Combine(_builder.Path, ConfigLoader.FileName);

    public void Dispose() => _builder.Dispose();

    [Fact]
    public void Load_NoVersion_ReadsTheFileAsVersion1()
    {
        var config = Load("[project]\nslug = \"xen\"\n");

        Assert.Equal("xen", config.Slug);
        Assert.Equal(1, ConfigLoader.SchemaVersion);
    }

    [Fact]
    public void Load_Version1_IsRead()
    {
        var config = Load("version = 1\n\n[project]\nslug = \"xen\"\n");

        Assert.Equal("xen", config.Slug);
        Assert.Equal(ConfigPath, config.SourcePath);
    }

    [Fact]
    public void Load_NewerVersion_NamesFileLineValueAndTheHeraldToUse()
    {
        var error = LoadFails("# Xen\nversion = 2\n");

        Assert.StartsWith($"{ConfigPath}:2: ", error.Message);
        Assert.Contains("'version' is the number 2; this Herald reads configuration version 1;", error.Message);
        Assert.Contains("use a Herald that reads version 2, or write the file for version 1 (version = 1)", error.Message);
    }

    [Theory]
    [InlineData("version = 0", "the number 0")]
    [InlineData("version = -1", "the number -1")]
    [InlineData("version = 1.0", "the number 1.0")]
    [InlineData("version = true", "true")]
    [InlineData("version = [1]", "an array")]
    public void Load_VersionThatIsNoVersion_NamesFileLineValueAndFix(string line, string value)
    {
        var error = LoadFails(line + "\n[project]\nslug = \"xen\"\n");

        Assert.StartsWith($"{ConfigPath}:1: ", error.Message);
        Assert.Contains($"'version' is {value}; this Herald reads configuration version 1;", error.Message);
        Assert.Contains("write version = 1 or remove the line (no version means 1)", error.Message);
    }

    [Fact]
    public void Load_VersionInQuotes_SaysToWriteTheNumberWithoutQuotes()
    {
        var error = LoadFails("version = \"1\"\n");

        Assert.StartsWith($"{ConfigPath}:1: ", error.Message);
        Assert.Contains("'version' is the string \"1\"; this Herald reads configuration version 1;", error.Message);
        Assert.Contains("a number without quotes", error.Message);
    }

    [Fact]
    public void Load_NewerVersionWithKeysThisHeraldDoesNotKnow_ReportsTheVersion()
    {
        var error = LoadFails("version = 3\n[project]\nname = \"Xen\"\nlogo = \"xen.svg\"\n\n[publish]\nurl = \"https://example.org\"\n");

        Assert.StartsWith($"{ConfigPath}:1: ", error.Message);
        Assert.Contains("this Herald reads configuration version 1", error.Message);
        Assert.DoesNotContain("unknown key", error.Message);
    }

    [Fact]
    public void Load_UnknownTopLevelKey_ListsVersionAmongTheKnownKeys()
    {
        var error = LoadFails("verison = 1\n");

        Assert.StartsWith($"{ConfigPath}:1: ", error.Message);
        Assert.Contains("unknown key 'verison' at the top level; known keys: version, project, releases", error.Message);
    }

    [Fact]
    public void Load_VersionInsideATable_IsAnUnknownKeyThere()
    {
        var error = LoadFails("[project]\nversion = 1\n");

        Assert.StartsWith($"{ConfigPath}:2: ", error.Message);
        Assert.Contains("unknown key 'version' in [project]", error.Message);
    }

    private HeraldConfig Load(string toml)
    {
        _builder.WriteFile(ConfigLoader.FileName, toml);
        return ConfigLoader.Load(GitRepository.Open(_builder.Path), null, _builder.Path);
    }

    private HeraldException LoadFails(string toml)
    {
        _builder.WriteFile(ConfigLoader.FileName, toml);
        return Assert.Throws<HeraldException>(() => ConfigLoader.Load(GitRepository.Open(_builder.Path), null, _builder.Path));
    }
}
