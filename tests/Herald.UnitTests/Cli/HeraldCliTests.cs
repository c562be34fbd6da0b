using Herald.Cli;
using Herald.Tests.Support;
using Xunit;

namespace Herald.Tests.Cli;

/// <summary>Exit codes and error output: 0 success, 1 user error (one line, no stack trace), 2 bad usage.</summary>
public sealed class HeraldCliTests(CliRepoFixture fixture) : IClassFixture<CliRepoFixture>
{
    [Theory]
    [InlineData("releases")]
    [InlineData("stats", "1.1.0")]
    [InlineData("shortlog", "1.1.0")]
    public async Task RunAsync_Success_ExitsZeroWithNothingOnStderr(params string[] args)
    {
        var result = await fixture.RunAsync(args);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(string.Empty, result.Error);
        Assert.NotEqual(string.Empty, result.Out);
    }

    [Fact]
    public async Task RunAsync_UnknownVersion_UserErrorOnOneLine()
    {
        var result = await fixture.RunAsync("stats", "9.9.9");

        AssertUserError(result, "no release 9.9.9");
    }

    [Fact]
    public async Task RunAsync_UnknownVersionForShortlog_UserErrorOnOneLine()
    {
        var result = await fixture.RunAsync("shortlog", "9.9.9", "--json");

        AssertUserError(result, "no release 9.9.9");
    }

    [Fact]
    public async Task RunAsync_UnknownRevision_UserErrorOnOneLine()
    {
        var result = await fixture.RunAsync("stats", "no-such-branch");

        AssertUserError(result, "no-such-branch");
    }

    [Fact]
    public async Task RunAsync_ConfigWithUnknownKey_UserErrorNamingFileLineAndKey()
    {
        var config = fixture.WriteFile("bad/herald.toml", "[project]\nname = \"x\"\nnmae = \"typo\"\n");

        var result = await CliRunner.RunAsync(
            ["releases", "--repo", fixture.Repo.Path, "--config", config, "--data", fixture.NewDataFolder()],
            fixture.WorkingDirectory,
            fixture.DataHome);

        AssertUserError(result, "unknown key 'nmae'");
        Assert.Contains(config + ":3:", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_MissingConfigFile_UserErrorOnOneLine()
    {
        var result = await CliRunner.RunAsync(
            ["releases", "--repo", fixture.Repo.Path, "--config", "no-such.toml", "--data", fixture.NewDataFolder()],
            fixture.WorkingDirectory,
            fixture.DataHome);

        AssertUserError(result, "no-such.toml");
    }

    [Fact]
    public async Task RunAsync_MissingRepositoryFolder_UserErrorOnOneLine()
    {
        var missing = Path.Combine(fixture.WorkingDirectory, "no-such-repo");

        var result = await CliRunner.RunAsync(["releases", "--repo", missing], fixture.WorkingDirectory, fixture.DataHome);

        AssertUserError(result, "does not exist");
    }

    [Fact]
    public async Task RunAsync_FolderThatIsNoRepository_UserErrorOnOneLine()
    {
        var folder = Path.GetDirectoryName(fixture.WriteFile("plain/readme.txt", "not a repository\n"))!;

        var result = await CliRunner.RunAsync(["releases", "--repo", folder, "--config", fixture.ConfigPath], fixture.WorkingDirectory, fixture.DataHome);

        AssertUserError(result, "not a git repository");
    }

    [Fact]
    public async Task RunAsync_DataFolderInsideRepository_UserErrorOnOneLine()
    {
        var result = await CliRunner.RunAsync(
            ["stats", "1.1.0", "--repo", fixture.Repo.Path, "--config", fixture.ConfigPath, "--data", Path.Combine(fixture.Repo.Path, "herald-data")],
            fixture.WorkingDirectory,
            fixture.DataHome);

        AssertUserError(result, "inside the repository");
        Assert.False(Directory.Exists(Path.Combine(fixture.Repo.Path, "herald-data")));
    }

    [Fact]
    public async Task RunAsync_MalformedSeries_UserErrorOnOneLine()
    {
        var result = await fixture.RunAsync("releases", "--series", "banana");

        AssertUserError(result, "'banana' is not a series");
    }

    [Fact]
    public async Task RunAsync_UnknownVersionWithoutConfiguration_StillOneLineOnStderr()
    {
        var result = await CliRunner.RunAsync(
            ["stats", "9.9.9", "--repo", fixture.Repo.Path, "--data", fixture.NewDataFolder()],
            fixture.WorkingDirectory,
            fixture.DataHome);

        AssertUserError(result, "no release 9.9.9");
    }

    [Fact]
    public async Task RunAsync_NoConfigurationPiped_NotesDetectedSchemeOnStderr()
    {
        var result = await CliRunner.RunAsync(["releases", "--repo", fixture.Repo.Path, "--data", fixture.NewDataFolder()], fixture.WorkingDirectory, fixture.DataHome);

        Assert.Equal(0, result.ExitCode);
        var note = Assert.Single(result.ErrorLines);
        Assert.StartsWith("herald: ", note, StringComparison.Ordinal);
        Assert.Contains("RELEASE-{version}", note, StringComparison.Ordinal);
        Assert.StartsWith("1.1.0 ", result.OutLines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_NoConfigurationJson_StderrStaysEmpty()
    {
        var result = await CliRunner.RunAsync(["releases", "--json", "--repo", fixture.Repo.Path, "--data", fixture.NewDataFolder()], fixture.WorkingDirectory, fixture.DataHome);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.Error);
    }

    [Fact]
    public async Task RunAsync_RepoRelativeToCurrentDirectory_Resolved()
    {
        var relative = Path.GetRelativePath(fixture.WorkingDirectory, fixture.Repo.Path);

        var result = await CliRunner.RunAsync(["releases", "--json", "--repo", relative, "--config", fixture.ConfigPath, "--data", fixture.NewDataFolder()], fixture.WorkingDirectory, fixture.DataHome);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("RELEASE-1.1.0", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ShallowClone_UserErrorOnOneLine()
    {
        var shallow = fixture.Repo.CloneShallow(2);

        var result = await CliRunner.RunAsync(
            ["stats", "master", "--repo", shallow, "--config", fixture.ConfigPath, "--data", fixture.NewDataFolder()],
            fixture.WorkingDirectory,
            fixture.DataHome);

        AssertUserError(result, "shallow");
    }

    [Fact]
    public async Task RunAsync_EmptyRepositoryStats_UserErrorOnOneLine()
    {
        using var empty = RepoBuilder.CreateEmpty();

        var result = await CliRunner.RunAsync(
            ["stats", "master", "--repo", empty.Path, "--config", fixture.ConfigPath, "--data", fixture.NewDataFolder()],
            fixture.WorkingDirectory,
            fixture.DataHome);

        AssertUserError(result, "no commits");
    }

    [Fact]
    public async Task RunAsync_EmptyRepositoryReleases_HeaderOnly()
    {
        using var empty = RepoBuilder.CreateEmpty();

        var result = await CliRunner.RunAsync(
            ["releases", "--repo", empty.Path, "--config", fixture.ConfigPath, "--data", fixture.NewDataFolder()],
            fixture.WorkingDirectory,
            fixture.DataHome);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith("Version", Assert.Single(result.OutLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_BareRepository_SameReleasesAsTheWorkTree()
    {
        var bare = fixture.Repo.CloneBare();

        var fromBare = await CliRunner.RunAsync(["releases", "--json", "--repo", bare, "--config", fixture.ConfigPath, "--data", fixture.NewDataFolder()], fixture.WorkingDirectory, fixture.DataHome);
        var fromWorkTree = await fixture.RunAsync("releases", "--json");

        Assert.True(fromBare.ExitCode == 0, fromBare.ToString());
        Assert.Equal(fromWorkTree.Out, fromBare.Out);
    }

    [Fact]
    public async Task RunAsync_EmptyRepoOptionInFolderThatIsNoRepository_UserErrorOnOneLine()
    {
        var result = await CliRunner.RunAsync(["releases", "--repo", string.Empty], fixture.WorkingDirectory, fixture.DataHome);

        AssertUserError(result, "not a git repository");
    }

    [Theory]
    [InlineData("releases")]
    [InlineData("stats")]
    [InlineData("shortlog")]
    public async Task RunAsync_VerbHelp_ShowsAnExampleAndExitsZero(string verb)
    {
        var result = await fixture.RunRawAsync(verb, "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Example:", result.Out, StringComparison.Ordinal);
        Assert.Contains("herald " + verb, result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_UnknownOption_UsageError()
    {
        var result = await fixture.RunAsync("releases", "--bogus");

        AssertUsageError(result, "--bogus");
    }

    [Fact]
    public async Task RunAsync_StatsWithoutTarget_UsageError()
    {
        var result = await fixture.RunAsync("stats");

        AssertUsageError(result, "Required argument missing");
    }

    [Fact]
    public async Task RunAsync_ShortlogWithoutTarget_UsageError()
    {
        var result = await fixture.RunAsync("shortlog", "--json");

        AssertUsageError(result, "Required argument missing");
    }

    [Fact]
    public async Task RunAsync_UnknownVerb_UsageError()
    {
        var result = await fixture.RunRawAsync("frobnicate");

        AssertUsageError(result, "frobnicate");
    }

    [Fact]
    public async Task RunAsync_OptionValueNotANumber_UsageError()
    {
        var result = await fixture.RunAsync("stats", "1.1.0", "--limit", "many");

        AssertUsageError(result, "many");
    }

    private static void AssertUserError(CliResult result, string expectedFragment)
    {
        Assert.True(result.ExitCode == HeraldCli.UserError, result.ToString());
        Assert.Equal(string.Empty, result.Out);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("herald: ", line, StringComparison.Ordinal);
        Assert.Contains(expectedFragment, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Error, StringComparison.Ordinal);
    }

    private static void AssertUsageError(CliResult result, string expectedFragment)
    {
        Assert.True(result.ExitCode == HeraldCli.UsageError, result.ToString());
        Assert.Equal(string.Empty, result.Out);
        Assert.StartsWith("herald: ", result.ErrorLines[0], StringComparison.Ordinal);
        Assert.Contains(expectedFragment, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }
}
