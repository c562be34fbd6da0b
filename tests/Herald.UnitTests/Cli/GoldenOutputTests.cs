using System.Text.RegularExpressions;
using Herald.Tests.Support;
using Xunit;

namespace Herald.Tests.Cli;

/// <summary>
/// The output of each command on the <see cref="CliRepoFixture"/> project against the golden files in
/// <c>Golden/</c>. To accept a change: <c>HERALD_UPDATE_GOLDEN=1 dotnet test --filter GoldenOutputTests</c>,
/// then review <c>git diff tests/Herald.UnitTests/Golden</c>.
/// </summary>
public sealed partial class GoldenOutputTests(CliRepoFixture fixture) : IClassFixture<CliRepoFixture>
{
    [Theory]
    [InlineData("releases.txt", "releases")]
    [InlineData("releases.json", "releases", "--json")]
    [InlineData("releases-candidates.txt", "releases", "--candidates")]
    [InlineData("releases-candidates.json", "releases", "--candidates", "--json")]
    [InlineData("stats-1.1.0.txt", "stats", "1.1.0")]
    [InlineData("stats-1.1.0.json", "stats", "1.1.0", "--json")]
    [InlineData("stats-1.0.1.txt", "stats", "1.0.1")]
    [InlineData("shortlog-1.1.0.txt", "shortlog", "1.1.0")]
    [InlineData("shortlog-1.1.0.json", "shortlog", "1.1.0", "--json")]
    public async Task Output_Piped_MatchesGoldenFile(string golden, params string[] args)
    {
        var result = await fixture.RunAsync(args);

        Assert.True(result.ExitCode == 0, result.ToString());
        GoldenFile.Verify(golden, result.Out);
    }

    [Fact]
    public async Task Releases_TerminalWidth100_MatchesGoldenTable()
    {
        var result = await fixture.RunAsync(terminal: true, width: 100, "releases", "--candidates");

        Assert.Equal(0, result.ExitCode);

        // Spectre adds colour codes only when the test host's own stdout is a terminal: compare the text.
        var text = AnsiEscape().Replace(result.Out, string.Empty);
        Assert.All(text.TrimEnd('\n').Split('\n'), line => Assert.True(line.Length <= 100, $"line wider than 100 columns: '{line}'"));
        GoldenFile.Verify("releases-terminal-100.txt", text);
    }

    [Fact]
    public void Fixture_BuiltTwice_SameCommitIds()
    {
        using var again = RepoBuilder.Create();
        CliRepoFixture.Build(again, sign: false);

        Assert.Equal(CommitIds(fixture.Repo), CommitIds(again));

        static string CommitIds(RepoBuilder repo) =>
            string.Join('\n', repo.Git("for-each-ref", "--format=%(refname)", "refs/heads", "refs/tags")
                .Split('\n')
                .Select(name => name + " " + repo.ShaOf(name + "^{commit}")));
    }

    [Fact]
    public void Diff_DifferentLines_ShowsMinusExpectedPlusActualWithLineNumber()
    {
        var diff = GoldenFile.Diff("a\nb\nc\nd\n", "a\nB\nc\nd\n");

        Assert.Equal("@@ line 1 @@\n a\n-b\n+B\n c\n d\n \n", diff);
    }

    [Fact]
    public void SourceGoldenFolder_FromThisFile_IsBesideTheProjectFile()
    {
        var folder = GoldenFile.SourceGoldenFolder(ThisFile());

        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(folder)!, "Herald.UnitTests.csproj")));
        Assert.Equal("Golden", Path.GetFileName(folder));
    }

    private static string ThisFile([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;

    [GeneratedRegex(@"\u001b\[[0-9;?]*[A-Za-z]")]
    private static partial Regex AnsiEscape();
}
