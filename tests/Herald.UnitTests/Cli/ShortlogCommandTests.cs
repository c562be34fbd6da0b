using System.Text.Json;
using Xunit;

namespace Herald.Tests.Cli;

public sealed class ShortlogCommandTests(CliRepoFixture fixture) : IClassFixture<CliRepoFixture>
{
    [Fact]
    public async Task Shortlog_Text_EqualsGitShortlogOfTheReleaseRange()
    {
        var result = await fixture.RunAsync("shortlog", "1.1.0");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.Error);
        var git = fixture.Repo.Git("shortlog", "-n", "--no-merges", "RELEASE-1.0.0..RELEASE-1.1.0");
        Assert.Equal(git, result.Out.TrimEnd('\n'));
    }

    [Fact]
    public async Task Shortlog_Summary_EqualsGitShortlogSn()
    {
        var result = await fixture.RunAsync("shortlog", "1.1.0", "--summary");

        var git = fixture.Repo.Git("shortlog", "-sn", "--no-merges", "RELEASE-1.0.0..RELEASE-1.1.0");
        Assert.Equal(git, result.Out.TrimEnd('\n'));
        Assert.Equal("     4\tAlice Example", result.OutLines[0]);
    }

    [Fact]
    public async Task Shortlog_ShortSummaryOption_SameAsSummary()
    {
        var brief = await fixture.RunAsync("shortlog", "1.1.0", "-s");
        var summary = await fixture.RunAsync("shortlog", "1.1.0", "--summary");

        Assert.Equal(summary.Out, brief.Out);
        Assert.Equal(4, brief.OutLines.Count);
    }

    [Fact]
    public async Task Shortlog_Text_AuthorsByCountEachOldestFirst()
    {
        var result = await fixture.RunAsync("shortlog", "1.1.0");

        var lines = result.OutLines;
        Assert.Equal("Alice Example (4):", lines[0]);
        Assert.Equal("      docs: update README", lines[1]);
        Assert.Equal("      Update version to 1.1.0", lines[4]);
        Assert.Equal(string.Empty, lines[5]);
        Assert.Equal("Bob Builder (3):", lines[6]);
        Assert.DoesNotContain(lines, l => l.Contains("Merge branch", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Shortlog_Json_AuthorsWithCommits()
    {
        var result = await fixture.RunAsync("shortlog", "1.1.0", "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.Error);
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        Assert.Equal("RELEASE-1.0.0", root.GetProperty("from").GetString());
        Assert.Equal("RELEASE-1.1.0", root.GetProperty("to").GetString());
        Assert.Equal(10, root.GetProperty("changesets").GetInt32());
        var authors = root.GetProperty("authors").EnumerateArray().ToList();
        Assert.Equal(new[] { "Alice Example", "Bob Builder", "Ann Lee", "Dan Park" }, authors.Select(a => a.GetProperty("name").GetString()));
        Assert.Equal(new[] { 4, 3, 2, 1 }, authors.Select(a => a.GetProperty("count").GetInt32()));
        var dan = authors[3];
        Assert.Equal("dan@amd.com", dan.GetProperty("email").GetString());
        var commit = Assert.Single(dan.GetProperty("commits").EnumerateArray());
        Assert.Equal("arm: add timer", commit.GetProperty("subject").GetString());
        Assert.Equal("2021-02-03", commit.GetProperty("date").GetString());
        Assert.Equal(fixture.Repo.Git("log", "--format=%H", "-1", "--author=dan@amd.com", "RELEASE-1.1.0"), commit.GetProperty("sha").GetString());
    }

    [Fact]
    public async Task Shortlog_Range_CoversExactlyTheRange()
    {
        var result = await fixture.RunAsync("shortlog", "RELEASE-1.1.0..stable-1.0", "--summary");

        Assert.Equal(0, result.ExitCode);
        var git = fixture.Repo.Git("shortlog", "-sn", "--no-merges", "RELEASE-1.1.0..stable-1.0");
        Assert.Equal(git, result.Out.TrimEnd('\n'));
        Assert.Equal("     1\tAnn Lee", Assert.Single(result.OutLines));
    }

    [Fact]
    public async Task Shortlog_EmptyRange_PrintsNothing()
    {
        var result = await fixture.RunAsync("shortlog", "RELEASE-1.1.0..RELEASE-1.1.0");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.Out);
    }
}
